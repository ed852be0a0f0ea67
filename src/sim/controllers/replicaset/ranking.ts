/**
 * Which pods a ReplicaSet deletes first when it scales down (ActivePodsWithRanks, with
 * LogarithmicScaleDown): unassigned, then pending, then not ready, then lower deletion cost,
 * then pods doubled up on a node, then those ready for less time, then more restarts, then newer.
 */
import type { Obj } from '../../client/types';
import { parseTime } from '../../core/clock';
import { podCondition, isPodReady } from '../../api/helpers/pod';

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function log2Bucket(ms: number, now: number): number {
  const age = Math.max(0, now - ms) / 1000;
  return age <= 0 ? 0 : Math.floor(Math.log2(age));
}

function restarts(p: Obj): number {
  let max = 0;
  for (const s of p.status?.containerStatuses ?? []) max = Math.max(max, s.restartCount ?? 0);
  return max;
}

/** Sort so that the pods to delete come first. `related` = active pods of the owner (for doubling up). */
export function rankForDeletion(pods: Obj[], related: Obj[], now: number): Obj[] {
  const onNode = new Map<string, number>();
  for (const p of related) if (p.spec?.nodeName) onNode.set(p.spec.nodeName, (onNode.get(p.spec.nodeName) ?? 0) + 1);
  const rank = (p: Obj) => (p.spec?.nodeName ? (onNode.get(p.spec.nodeName) ?? 0) : 0);
  const cost = (p: Obj) => Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
  const cmp = (a: Obj, b: Obj): number => {
    const an = !!a.spec?.nodeName;
    const bn = !!b.spec?.nodeName;
    if (an !== bn) return an ? 1 : -1;
    const ap = PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0;
    const bp = PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0;
    if (ap !== bp) return ap - bp;
    const ar = isPodReady(a);
    const br = isPodReady(b);
    if (ar !== br) return ar ? 1 : -1;
    if (cost(a) !== cost(b)) return cost(a) - cost(b);
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    if (ar && br) {
      const at = parseTime(podCondition(a, 'Ready')?.lastTransitionTime) ?? 0;
      const bt = parseTime(podCondition(b, 'Ready')?.lastTransitionTime) ?? 0;
      const ab = log2Bucket(at, now);
      const bb = log2Bucket(bt, now);
      if (ab !== bb) return ab - bb; // ready for less time first
    }
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ac = parseTime(a.metadata.creationTimestamp) ?? 0;
    const bc = parseTime(b.metadata.creationTimestamp) ?? 0;
    const acb = log2Bucket(ac, now);
    const bcb = log2Bucket(bc, now);
    if (acb !== bcb) return acb - bcb; // newer first
    return (a.metadata.uid ?? '') < (b.metadata.uid ?? '') ? -1 : 1;
  };
  return [...pods].sort(cmp);
}
