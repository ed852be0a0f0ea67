/** printNode, reference/TABLES.md §3 Node. */
import type { Obj } from '../../client/types';
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role=<v>`, sorted, de-duplicated. */
export function findNodeRoles(node: Obj): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

function address(node: Obj, type: string): string {
  const a = (node.status?.addresses ?? []).find((x: Any) => x.type === type);
  return a ? a.address : '<none>';
}

export const nodePrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    ageCol(),
    col('Version', 'string', 'core/v1.NodeSystemInfo.kubeletVersion'),
    col('Internal-IP', 'string', 'core/v1.NodeStatus.addresses', 1),
    col('External-IP', 'string', 'core/v1.NodeStatus.addresses', 1),
    col('OS-Image', 'string', 'core/v1.NodeSystemInfo.osImage', 1),
    col('Kernel-Version', 'string', 'core/v1.NodeSystemInfo.kernelVersion', 1),
    col('Container-Runtime', 'string', 'core/v1.NodeSystemInfo.containerRuntimeVersion', 1),
  ],
  row(o, now) {
    // conditionMap keeps the last condition of each type
    let ready: Any;
    for (const c of o.status?.conditions ?? []) if (c.type === 'Ready') ready = c;
    const status: string[] = [];
    if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    if (status.length === 0) status.push('Unknown');
    if (o.spec?.unschedulable) status.push('SchedulingDisabled');
    const roles = findNodeRoles(o).join(',') || '<none>';
    const ni: Any = o.status?.nodeInfo ?? {};
    return {
      cells: [
        o.metadata.name ?? '',
        status.join(','),
        roles,
        since(now, o.metadata.creationTimestamp),
        ni.kubeletVersion ?? '',
        address(o, 'InternalIP'),
        address(o, 'ExternalIP'),
        ni.osImage || '<unknown>',
        ni.kernelVersion || '<unknown>',
        ni.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};
