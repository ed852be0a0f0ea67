/** deploymentutil: revisions, replica annotations, surge/unavailable arithmetic, conditions. */
import type { Obj } from '../../client/types';
import { toRFC3339, parseTime } from '../../core/clock';
import { canonicalJSON } from '../../core/hash';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Annotations never copied from a Deployment to its ReplicaSets. */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, 'deprecated.deployment.rollback.to']);

export { computeHash } from '../../api/helpers/pod-template-hash';

export const replicas = (o: Obj | undefined): number => o?.spec?.replicas ?? 0;

export function revisionOf(rs: Obj): number {
  const v = Number.parseInt(rs.metadata.annotations?.[REVISION] ?? '', 10);
  return Number.isNaN(v) ? 0 : v;
}

function intOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const p = Number(v.slice(0, -1));
    const x = (p * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  const n = Number(v);
  return Number.isNaN(n) ? 0 : n;
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down; both 0 → unavailable 1. */
export function resolveFenceposts(d: Obj): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const desired = replicas(d);
  const surge = intOrPercent(ru.maxSurge ?? '25%', desired, true);
  let unavailable = intOrPercent(ru.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export const isRollingUpdate = (d: Obj) => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

export function maxSurge(d: Obj): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: Obj): number {
  if (!isRollingUpdate(d) || replicas(d) === 0) return 0;
  const u = resolveFenceposts(d).unavailable;
  return Math.min(u, replicas(d));
}

/** The template without the pod-template-hash label, for EqualIgnoreHash. */
function withoutHash(t: Obj): string {
  const c = structuredClone(t ?? {});
  if (c.metadata?.labels) {
    delete c.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
  }
  return canonicalJSON(c);
}

export function equalIgnoreHash(a: Obj, b: Obj): boolean {
  return withoutHash(a) === withoutHash(b);
}

const created = (o: Obj) => parseTime(o.metadata.creationTimestamp) ?? 0;

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: Obj, b: Obj): number {
  return created(a) - created(b) || (a.metadata.name! < b.metadata.name! ? -1 : 1);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(d: Obj, rsList: Obj[]): Obj | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export const activeReplicaSets = (list: (Obj | undefined)[]): Obj[] => list.filter((rs): rs is Obj => !!rs && replicas(rs) > 0);
export const sumSpecReplicas = (list: (Obj | undefined)[]) => list.reduce((a, rs) => a + (rs ? replicas(rs) : 0), 0);
export const sumStatus = (list: (Obj | undefined)[], field: string) => list.reduce((a, rs) => a + (rs?.status?.[field] ?? 0), 0);

export interface DeploymentCondition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export function newCondition(type: string, status: string, reason: string, message: string, now: number): DeploymentCondition {
  const t = toRFC3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(status: Obj['status'], type: string): DeploymentCondition | undefined {
  return (status?.conditions ?? []).find((c: DeploymentCondition) => c.type === type);
}

/** SetDeploymentCondition: unchanged status+reason is a no-op; a change moves the condition last. */
export function setCondition(status: Obj['status'], c: DeploymentCondition): void {
  const cur = getCondition(status, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x: DeploymentCondition) => x.type !== c.type), c];
}

export function removeCondition(status: Obj['status'], type: string): void {
  status.conditions = (status.conditions ?? []).filter((x: DeploymentCondition) => x.type !== type);
}

/** Deployment annotations copied onto a ReplicaSet, plus revision and (for new RSs) replica counts. */
export function setNewReplicaSetAnnotations(d: Obj, rs: Obj, newRevision: number, exists: boolean): boolean {
  const ann: Record<string, string> = { ...(rs.metadata.annotations ?? {}) };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_ANNOTATIONS.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  const old = Number.parseInt(ann[REVISION] ?? '', 10);
  if (Number.isNaN(old) || old < newRevision) {
    ann[REVISION] = String(newRevision);
    changed = true;
  }
  if (!exists) {
    ann[DESIRED_REPLICAS] = String(replicas(d));
    ann[MAX_REPLICAS] = String(replicas(d) + maxSurge(d));
    changed = true;
  }
  rs.metadata.annotations = sortedMap(ann);
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: Obj, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

export function setReplicasAnnotations(rs: Obj, desired: number, max: number): void {
  rs.metadata.annotations = sortedMap({ ...(rs.metadata.annotations ?? {}), [DESIRED_REPLICAS]: String(desired), [MAX_REPLICAS]: String(max) });
}

export function sortedMap(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

/** DeploymentComplete: every replica updated and available, and the newest generation observed. */
export function deploymentComplete(d: Obj, s: Obj['status']): boolean {
  const r = replicas(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated/ready/available replicas, or fewer old ones. */
export function deploymentProgressing(d: Obj, s: Obj['status']): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

export function deploymentTimedOut(d: Obj, s: Obj['status'], now: number): boolean {
  const deadline = d.spec?.progressDeadlineSeconds;
  if (deadline === undefined || deadline === null) return false;
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === 'NewReplicaSetAvailable' || c.reason === 'ProgressDeadlineExceeded') return false;
  const from = parseTime(c.lastUpdateTime) ?? now;
  return from + deadline * 1000 < now;
}
