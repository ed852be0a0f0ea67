/** FitError and its message (pkg/scheduler/framework/types.go), exactly as upstream builds it. */
import { Status } from './framework/status';

/** NodeToStatus: explicit per-node statuses plus one status for every absent node. */
export class NodeToStatus {
  readonly statuses = new Map<string, Status>();
  absent: Status = new Status('UnschedulableAndUnresolvable');

  set(node: string, s: Status): void {
    this.statuses.set(node, s);
  }

  get(node: string): Status {
    return this.statuses.get(node) ?? this.absent;
  }

  get size(): number {
    return this.statuses.size;
  }
}

export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

/** "0/X nodes are available: <PreFilterMsg>. <sorted reasons histogram>. <PostFilterMsg>" */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const reasons = new Map<string, number>();
    for (const s of d.nodeToStatus.statuses.values()) for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0) for (const r of d.nodeToStatus.absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absent);
    const parts = [...reasons].map(([r, n]) => `${n} ${r}`).sort(goStringLess);
    if (parts.length) msg += ` ${parts.join(', ')}.`;
  }
  // PostFilter messages bring their own full stop
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** sort.Strings order: byte-wise. */
function goStringLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
