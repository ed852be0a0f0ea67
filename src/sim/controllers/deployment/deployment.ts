/**
 * The Deployment controller: owns ReplicaSets named `<deployment>-<pod-template-hash>`, rolls
 * between them (RollingUpdate within maxSurge/maxUnavailable, or Recreate), scales them
 * proportionally, keeps revisionHistoryLimit old ones, and reports status and conditions.
 */
import type { Obj } from '../../client/types';
import { keyOf } from '../../client/informer';
import { ApiError } from '../../core/errors';
import { controllerRef, isPodTerminal } from '../../api/helpers/pod';
import type { SyncResult } from '../../client/workqueue';
import { Controller, splitKey } from '../controller';
import { claim, ownerRefTo, selectorMatches } from '../pod-control';
import {
  POD_TEMPLATE_HASH,
  REVISION,
  activeReplicaSets,
  byCreation,
  computeHash,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  findNewReplicaSet,
  getCondition,
  isRollingUpdate,
  maxSurge,
  maxUnavailable,
  newCondition,
  removeCondition,
  replicas,
  replicasAnnotationsNeedUpdate,
  revisionOf,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sortedMap,
  sumSpecReplicas,
  sumStatus,
  equalIgnoreHash,
} from './util';
import { parseTime } from '../../core/clock';
import { canonicalJSON } from '../../core/hash';

export class DeploymentController extends Controller {
  readonly name = 'deployment-controller';

  protected register(): void {
    this.informers.on('deployments', {
      add: (d) => this.enqueue(d),
      update: (_o, d) => this.enqueue(d),
      delete: (d) => this.enqueue(d),
    });
    this.informers.on('replicasets', {
      add: (rs) => this.enqueueOwner(rs),
      update: (o, rs) => {
        const a = this.ownerKey(o);
        const b = this.ownerKey(rs);
        if (a && a !== b) this.enqueue(a);
        this.enqueueOwner(rs);
      },
      delete: (rs) => this.enqueueOwner(rs),
    });
    this.informers.on('pods', {
      delete: (p) => {
        // Recreate waits for every old pod to be gone
        const ref = controllerRef(p);
        if (ref?.kind !== 'ReplicaSet') return;
        const rs = this.informers.get('replicasets').getByName(p.metadata.namespace, ref.name);
        const key = rs && this.ownerKey(rs);
        const d = key && this.informers.get('deployments').get(key);
        if (d && d.spec?.strategy?.type === 'Recreate') this.enqueue(d);
      },
    });
  }

  private ownerKey(rs: Obj): string | undefined {
    const ref = controllerRef(rs);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.informers.get('deployments').getByName(rs.metadata.namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? keyOf(d) : undefined;
  }

  private enqueueOwner(rs: Obj): void {
    const k = this.ownerKey(rs);
    if (k) return this.enqueue(k);
    if (!controllerRef(rs)) for (const d of this.informers.list('deployments', rs.metadata.namespace)) if (selectorMatches(d, rs)) this.enqueue(d);
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const cached = this.informers.get('deployments').getByName(ns, name);
    if (!cached) return;
    const d = structuredClone(cached);
    const sel = d.spec?.selector;
    if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      return;
    }
    // working copies: the informer's objects are shared and must never be mutated
    const rsList = claim(this.client, 'replicasets', d, this.informers.list('replicasets', ns)).map((rs) => structuredClone(rs));
    if (d.metadata.deletionTimestamp) return this.syncStatusOnly(d, rsList);
    this.checkPausedConditions(d);
    if (d.spec.paused) return this.syncScale(d, rsList);
    if (this.isScalingEvent(d, rsList)) return this.syncScale(d, rsList);
    return d.spec?.strategy?.type === 'Recreate' ? this.rolloutRecreate(d, rsList) : this.rolloutRolling(d, rsList);
  }

  /** checkPausedConditions: Progressing=Unknown DeploymentPaused / DeploymentResumed. */
  private checkPausedConditions(d: Obj): void {
    if (d.spec.progressDeadlineSeconds === undefined || d.spec.progressDeadlineSeconds === null) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') return;
    const pausedExists = cond?.reason === 'DeploymentPaused';
    d.status ??= {};
    if (d.spec.paused && !pausedExists) setCondition(d.status, newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', this.clock.now()));
    else if (!d.spec.paused && pausedExists) setCondition(d.status, newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', this.clock.now()));
    else return;
    this.updateStatus(d);
  }

  // ---------- revisions and the new ReplicaSet ----------

  /** getAllReplicaSetsAndSyncRevision */
  private getAll(d: Obj, rsList: Obj[], create: boolean): { newRS?: Obj; oldRSs: Obj[] } {
    const existingNew = findNewReplicaSet(d, rsList);
    const oldRSs = rsList.filter((rs) => rs !== existingNew);
    const newRS = this.getNewReplicaSet(d, rsList, oldRSs, existingNew, create);
    return { newRS, oldRSs };
  }

  private getNewReplicaSet(d: Obj, rsList: Obj[], oldRSs: Obj[], existing: Obj | undefined, create: boolean): Obj | undefined {
    const maxOld = oldRSs.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    const newRevision = maxOld + 1;
    if (existing) {
      const rs = structuredClone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, rs, newRevision, true);
      const minReadyChanged = (rs.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
      if (annotationsUpdated || minReadyChanged) {
        if (d.spec.minReadySeconds !== undefined) rs.spec.minReadySeconds = d.spec.minReadySeconds;
        return this.client.update('replicasets', rs.metadata.namespace, rs);
      }
      this.setDeploymentRevision(d, rs.metadata.annotations?.[REVISION] ?? '');
      if (d.spec.progressDeadlineSeconds !== undefined && !getCondition(d.status, 'Progressing')) {
        d.status ??= {};
        setCondition(d.status, newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${rs.metadata.name}"`, this.clock.now()));
        this.updateStatus(d);
      }
      return rs;
    }
    if (!create) return undefined;
    const collisionCount: number | undefined = d.status?.collisionCount;
    const hash = computeHash(d.spec.template, collisionCount);
    const template = structuredClone(d.spec.template);
    template.metadata ??= {};
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const selector = structuredClone(d.spec.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const rs: Obj = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: template.metadata.labels,
        ownerReferences: [ownerRefTo(d)],
      },
      spec: {
        replicas: 0,
        ...(d.spec.minReadySeconds !== undefined ? { minReadySeconds: d.spec.minReadySeconds } : {}),
        selector,
        template,
      },
    };
    const all = [...oldRSs, rs];
    rs.spec.replicas = this.newRSNewReplicas(d, all, rs);
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    let createdRS: Obj;
    let alreadyExists = false;
    try {
      createdRS = this.client.create('replicasets', d.metadata.namespace, rs);
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
      // ours already (the informer lagged), or a hash collision
      const cur = this.client.get('replicasets', d.metadata.namespace, rs.metadata.name!);
      const ref = controllerRef(cur);
      if (ref?.uid === d.metadata.uid && equalIgnoreHash(cur.spec.template, d.spec.template)) {
        createdRS = cur;
        alreadyExists = true;
      } else {
        d.status ??= {};
        d.status.collisionCount = (collisionCount ?? 0) + 1;
        this.updateStatus(d);
        throw e;
      }
    }
    if (!alreadyExists && replicas(createdRS) > 0) this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata.name} from 0 to ${replicas(createdRS)}`);
    this.setDeploymentRevision(d, String(newRevision));
    if (!alreadyExists && d.spec.progressDeadlineSeconds !== undefined) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${createdRS.metadata.name}"`, this.clock.now()));
      this.updateStatus(d);
    }
    rsList.push(createdRS);
    return createdRS;
  }

  /** The deployment.kubernetes.io/revision annotation follows the new ReplicaSet's revision. */
  private setDeploymentRevision(d: Obj, revision: string): void {
    if (!revision || d.metadata.annotations?.[REVISION] === revision) return;
    d.metadata.annotations = sortedMap({ ...(d.metadata.annotations ?? {}), [REVISION]: revision });
    try {
      const saved = this.client.patch('deployments', d.metadata.namespace, d.metadata.name!, { metadata: { annotations: { [REVISION]: revision } } }, 'merge');
      d.metadata.resourceVersion = saved.metadata.resourceVersion;
    } catch {
      // retried on the next sync
    }
  }

  /** NewRSNewReplicas */
  private newRSNewReplicas(d: Obj, allRSs: Obj[], newRS: Obj): number {
    if (!isRollingUpdate(d)) return replicas(d);
    const current = sumSpecReplicas(allRSs);
    const maxTotal = replicas(d) + maxSurge(d);
    if (current >= maxTotal) return replicas(newRS);
    const up = Math.min(maxTotal - current, replicas(d) - replicas(newRS));
    return replicas(newRS) + up;
  }

  // ---------- scaling ----------

  /** scaleReplicaSetAndRecordEvent */
  private scaleRS(rs: Obj, newScale: number, d: Obj): { scaled: boolean; rs: Obj } {
    const sizeNeedsUpdate = replicas(rs) !== newScale;
    const max = replicas(d) + maxSurge(d);
    const annNeedUpdate = replicasAnnotationsNeedUpdate(rs, replicas(d), max);
    if (!sizeNeedsUpdate && !annNeedUpdate) return { scaled: false, rs };
    const oldScale = replicas(rs);
    const copy = structuredClone(rs);
    copy.spec.replicas = newScale;
    setReplicasAnnotations(copy, replicas(d), max);
    const saved = this.client.update('replicasets', copy.metadata.namespace, copy);
    if (sizeNeedsUpdate) this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${oldScale < newScale ? 'up' : 'down'} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    Object.assign(rs, saved);
    return { scaled: sizeNeedsUpdate, rs: saved };
  }

  private isScalingEvent(d: Obj, rsList: Obj[]): boolean {
    const { newRS, oldRSs } = this.getAll(d, rsList, false);
    for (const rs of activeReplicaSets([...oldRSs, newRS])) {
      const desired = rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'];
      if (desired === undefined) continue;
      if (Number(desired) !== replicas(d)) return true;
    }
    return false;
  }

  /** sync: scale (proportionally), clean up when paused, report status. */
  private syncScale(d: Obj, rsList: Obj[]): SyncResult {
    const { newRS, oldRSs } = this.getAll(d, rsList, false);
    this.scale(d, newRS, oldRSs);
    if (d.spec.paused) this.cleanup(oldRSs, d);
    return this.syncStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS, d);
  }

  private scale(d: Obj, newRS: Obj | undefined, oldRSs: Obj[]): void {
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (replicas(activeOrLatest) !== replicas(d)) this.scaleRS(activeOrLatest, replicas(d), d);
      return;
    }
    if (newRS && isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) this.scaleRS(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = activeReplicaSets([...oldRSs, newRS]);
    const allReplicas = sumSpecReplicas(all);
    const allowed = replicas(d) > 0 ? replicas(d) + maxSurge(d) : 0;
    const toAdd = allowed - allReplicas;
    const sorted = [...all].sort((a, b) => {
      const diff = toAdd > 0 ? replicas(b) - replicas(a) : replicas(b) - replicas(a);
      if (diff !== 0) return diff;
      return toAdd > 0 ? byCreation(b, a) : byCreation(a, b);
    });
    let added = 0;
    const size = new Map<string, number>();
    for (const rs of sorted) {
      if (toAdd !== 0) {
        const p = proportion(rs, d, toAdd, added);
        size.set(rs.metadata.name!, replicas(rs) + p);
        added += p;
      } else size.set(rs.metadata.name!, replicas(rs));
    }
    if (toAdd !== added && sorted.length) {
      const n = sorted[0].metadata.name!;
      size.set(n, Math.max(0, size.get(n)! + toAdd - added));
    }
    for (const rs of sorted) this.scaleRS(rs, size.get(rs.metadata.name!)!, d);
  }

  // ---------- rollouts ----------

  private rolloutRolling(d: Obj, rsList: Obj[]): SyncResult {
    const { newRS, oldRSs } = this.getAll(d, rsList, true);
    const all = [...oldRSs, ...(newRS ? [newRS] : [])];
    if (newRS && this.reconcileNewReplicaSet(all, newRS, d)) return this.syncRolloutStatus(all, newRS, d);
    if (this.reconcileOldReplicaSets(all, activeReplicaSets(oldRSs), newRS, d)) return this.syncRolloutStatus(all, newRS, d);
    if (deploymentComplete(d, d.status ?? {})) this.cleanup(oldRSs, d);
    return this.syncRolloutStatus(all, newRS, d);
  }

  private reconcileNewReplicaSet(all: Obj[], newRS: Obj, d: Obj): boolean {
    if (replicas(newRS) === replicas(d)) return false;
    if (replicas(newRS) > replicas(d)) return this.scaleRS(newRS, replicas(d), d).scaled;
    return this.scaleRS(newRS, this.newRSNewReplicas(d, all, newRS), d).scaled;
  }

  private reconcileOldReplicaSets(all: Obj[], oldRSs: Obj[], newRS: Obj | undefined, d: Obj): boolean {
    const oldPods = sumSpecReplicas(oldRSs);
    if (oldPods === 0) return false;
    const allPods = sumSpecReplicas(all);
    const minAvailable = replicas(d) - maxUnavailable(d);
    const newUnavailable = newRS ? replicas(newRS) - (newRS.status?.availableReplicas ?? 0) : 0;
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // first scale down old pods that are not available anyway
    let cleaned = 0;
    for (const rs of [...oldRSs].sort(byCreation)) {
      if (cleaned >= maxScaledDown) break;
      if (replicas(rs) === 0) continue;
      const unhealthy = replicas(rs) - (rs.status?.availableReplicas ?? 0);
      if (unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown - cleaned, unhealthy);
      this.scaleRS(rs, replicas(rs) - down, d);
      cleaned += down;
    }
    // then as many available old pods as minAvailable allows
    const available = sumStatus([...oldRSs, newRS], 'availableReplicas');
    let scaledDown = 0;
    if (available > minAvailable) {
      const total = available - minAvailable;
      for (const rs of [...oldRSs].sort(byCreation)) {
        if (scaledDown >= total) break;
        if (replicas(rs) === 0) continue;
        const down = Math.min(replicas(rs), total - scaledDown);
        this.scaleRS(rs, replicas(rs) - down, d);
        scaledDown += down;
      }
    }
    return cleaned + scaledDown > 0;
  }

  private rolloutRecreate(d: Obj, rsList: Obj[]): SyncResult {
    let { newRS, oldRSs } = this.getAll(d, rsList, false);
    const activeOld = activeReplicaSets(oldRSs);
    let scaledDown = false;
    for (const rs of activeOld) if (this.scaleRS(rs, 0, d).scaled) scaledDown = true;
    let all = [...oldRSs, ...(newRS ? [newRS] : [])];
    if (scaledDown) return this.syncRolloutStatus(all, newRS, d);
    // wait until no old pod is running any more
    const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid));
    const oldRunning = this.informers.list('pods', d.metadata.namespace).some((p) => {
      const ref = controllerRef(p);
      return ref && oldUids.has(ref.uid) && !isPodTerminal(p);
    });
    if (oldRunning) return this.syncRolloutStatus(all, newRS, d);
    if (!newRS) {
      ({ newRS, oldRSs } = this.getAll(d, rsList, true));
      all = [...oldRSs, ...(newRS ? [newRS] : [])];
    }
    if (newRS) this.scaleRS(newRS, replicas(d), d);
    if (deploymentComplete(d, d.status ?? {})) this.cleanup(oldRSs, d);
    return this.syncRolloutStatus(all, newRS, d);
  }

  /** cleanupDeployment: delete the oldest scaled-down ReplicaSets beyond revisionHistoryLimit. */
  private cleanup(oldRSs: Obj[], d: Obj): void {
    const limit = d.spec.revisionHistoryLimit;
    if (limit === undefined || limit === null) return;
    const cleanable = oldRSs.filter((rs) => replicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of cleanable.slice(0, diff)) {
      try {
        this.client.delete('replicasets', rs.metadata.namespace, rs.metadata.name!);
      } catch {
        // already gone
      }
    }
  }

  // ---------- status ----------

  private calculateStatus(all: Obj[], newRS: Obj | undefined, d: Obj): Obj['status'] {
    const available = sumStatus(all, 'availableReplicas');
    const total = sumSpecReplicas(all);
    const unavailable = Math.max(0, total - available);
    const status: Obj['status'] = {
      observedGeneration: d.metadata.generation,
      replicas: sumStatus(all, 'replicas'),
      updatedReplicas: sumStatus([newRS], 'replicas'),
      readyReplicas: sumStatus(all, 'readyReplicas'),
      availableReplicas: available,
      unavailableReplicas: unavailable,
      conditions: structuredClone(d.status?.conditions ?? []),
      ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    };
    const now = this.clock.now();
    if (available >= replicas(d) - maxUnavailable(d)) setCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
    else setCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
    return status;
  }

  private syncStatusOnly(d: Obj, rsList: Obj[]): SyncResult {
    const { newRS, oldRSs } = this.getAll(d, rsList, false);
    return this.syncStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS, d);
  }

  private syncStatus(all: Obj[], newRS: Obj | undefined, d: Obj): SyncResult {
    const status = this.calculateStatus(all, newRS, d);
    if (sameStatus(d.status, status)) return;
    d.status = status;
    this.updateStatus(d);
  }

  private syncRolloutStatus(all: Obj[], newRS: Obj | undefined, d: Obj): SyncResult {
    const now = this.clock.now();
    const status = this.calculateStatus(all, newRS, d);
    const hasDeadline = d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== null;
    if (!hasDeadline) removeCondition(status, 'Progressing');
    const cur = getCondition(d.status, 'Progressing');
    const complete = status.replicas === status.updatedReplicas && cur?.reason === 'NewReplicaSetAvailable';
    if (hasDeadline && !complete) {
      const rsName = newRS?.metadata.name;
      if (deploymentComplete(d, status)) {
        const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
        setCondition(status, newCondition('Progressing', 'True', 'NewReplicaSetAvailable', msg, now));
      } else if (deploymentProgressing(d, status)) {
        const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
        const c = newCondition('Progressing', 'True', 'ReplicaSetUpdated', msg, now);
        if (cur) {
          if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
          removeCondition(status, 'Progressing');
        }
        setCondition(status, c);
      } else if (deploymentTimedOut(d, status, now)) {
        const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
        setCondition(status, newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', msg, now));
      }
    }
    const failure = all.map((rs) => (rs.status?.conditions ?? []).find((c: Obj) => c.type === 'ReplicaFailure' && c.status === 'True')).find(Boolean);
    if (failure) setCondition(status, newCondition('ReplicaFailure', 'True', failure.reason, failure.message, now));
    else removeCondition(status, 'ReplicaFailure');
    if (sameStatus(d.status, status)) return this.requeueStuck(d, status, now);
    d.status = status;
    this.updateStatus(d);
    return this.requeueStuck(d, status, now);
  }

  /** requeueStuckDeployment: check again when the progress deadline would pass. */
  private requeueStuck(d: Obj, status: Obj['status'], now: number): SyncResult {
    const c = getCondition(status, 'Progressing');
    if (!c || c.status !== 'True' || c.reason === 'NewReplicaSetAvailable' || deploymentComplete(d, status)) return;
    const deadline = (parseTime(c.lastUpdateTime) ?? now) + (d.spec.progressDeadlineSeconds ?? 600) * 1000;
    return { requeueAfterMs: Math.max(1000, deadline - now + 1000) };
  }

  private updateStatus(d: Obj): void {
    const saved = this.client.update('deployments', d.metadata.namespace, { ...d, status: orderStatus(d.status) }, 'status');
    d.metadata.resourceVersion = saved.metadata.resourceVersion;
  }
}

/** Go field order of DeploymentStatus; zero counts are omitted (omitempty). */
function orderStatus(s: Obj['status']): Obj['status'] {
  const out: Record<string, unknown> = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (s[k]) out[k] = s[k];
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}

function sameStatus(a: Obj['status'] | undefined, b: Obj['status']): boolean {
  return canonicalJSON(orderStatus(a ?? {})) === canonicalJSON(orderStatus(b));
}

function findActiveOrLatest(newRS: Obj | undefined, oldRSs: Obj[]): Obj | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const all = activeReplicaSets([...newestFirst, newRS]);
  if (all.length === 0) return newRS ?? newestFirst[0];
  if (all.length === 1) return all[0];
  return undefined;
}

function isSaturated(d: Obj, rs: Obj): boolean {
  const desired = rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'];
  return replicas(rs) === replicas(d) && Number(desired) === replicas(d) && (rs.status?.availableReplicas ?? 0) === replicas(d);
}

/** GetProportion / getReplicaSetFraction for proportional scaling. */
function proportion(rs: Obj, d: Obj, toAdd: number, added: number): number {
  if (replicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicas(d) === 0) fraction = -replicas(rs);
  else {
    const deploymentReplicas = replicas(d) + maxSurge(d);
    const ann = Number.parseInt(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'] ?? '', 10);
    const annotated = Number.isNaN(ann) ? (d.status?.replicas ?? 0) : ann;
    const size = annotated ? (replicas(rs) * deploymentReplicas) / annotated : 0;
    fraction = Math.round(size) - replicas(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
