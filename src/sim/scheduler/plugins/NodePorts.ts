/** NodePorts: a pod asking for hostPorts fits only where no pod holds the same port/protocol/IP. */
import type { Obj } from '../../client/types';
import type { NodeInfo } from '../node-info';
import { Status } from '../framework/status';
import type { CycleState, FilterPlugin, PreFilterPlugin, PreFilterResult } from '../framework/types';

export const ERR_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
const KEY = 'PreFilterNodePorts';

interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export function hostPorts(pod: Obj): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []).filter((x: Obj) => x.restartPolicy === 'Always'), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) if (p.hostPort) out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port: p.hostPort });
  }
  return out;
}

function conflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0');
}

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = 'NodePorts';

  preFilter(state: CycleState, pod: Obj): { result?: PreFilterResult; status: Status } {
    const ports = hostPorts(pod);
    if (!ports.length) return { status: Status.skip() };
    state.write(KEY, ports);
    return { status: Status.success() };
  }

  filter(state: CycleState, pod: Obj, node: NodeInfo): Status {
    const want = state.read<HostPort[]>(KEY) ?? hostPorts(pod);
    for (const pi of node.pods.values()) {
      for (const used of hostPorts(pi.pod)) if (want.some((w) => conflict(w, used))) return Status.unschedulable(ERR_NODE_PORTS);
    }
    return Status.success();
  }
}
