/** Nodes' host OS: filesystem, systemd, journal, node commands, ssh and the session's shell stack. */
import type { Clock } from '../core/clock';
import type { Obj } from '../client/types';
import type { Scenario } from '../cluster/scenarios';
import type { ReadonlyFiles } from '../shell/types';
import { NodeHost } from './host';

export { NodeHost, type HostKubelet, type NodeNetworkHooks } from './host';
export { ShellStack, type StackEntry } from './shell-stack';
export { bindControlPlane } from './wire';
export { Journal } from './journal';

/** One host per machine of the scenario: its nodes, then its external etcd hosts (kubeasz). */
export function hostsOf(sc: Scenario, clock: Clock, files: ReadonlyFiles | undefined, manifestsFor: (ip: string) => Obj[]): NodeHost[] {
  const cp = sc.nodes.find((n) => n.controlPlane);
  const server = `https://${cp?.ip ?? '172.30.1.2'}:6443`;
  const etcd = sc.etcd?.members ?? [];
  const all = [...sc.nodes.map((n) => ({ name: n.name, ip: n.ip })), ...etcd];
  const out: NodeHost[] = [];
  for (const n of sc.nodes) {
    out.push(
      new NodeHost({
        name: n.name,
        ip: n.ip,
        podCIDR: n.podCIDR,
        role: n.controlPlane ? 'control-plane' : 'worker',
        server,
        dnsIP: sc.dnsIP,
        staticPods: n.controlPlane ? manifestsFor(n.ip) : [],
        hosts: all,
        clock,
        files: n === cp ? files : undefined,
      }),
    );
  }
  for (const m of etcd) out.push(new NodeHost({ name: m.name, ip: m.ip, role: 'etcd', server, dnsIP: sc.dnsIP, staticPods: [], hosts: all, etcdMembers: etcd, clock }));
  return out;
}
