/** Per-kind rules the REST handlers apply: generation, status reset, what a status update may change. */
import type { KindInfo } from '../api/kinds';
import type { Obj } from '../client/types';
import { qosClass } from '../api/defaults/podspec';
import { canonicalJSON } from '../core/hash';

/** Kinds whose metadata.generation tracks spec changes. */
const GENERATION = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'ControllerRevision']);

export function hasStatusSubresource(ki: KindInfo): boolean {
  return ki.subresources.includes('status');
}

export function tracksGeneration(ki: KindInfo): boolean {
  return GENERATION.has(ki.kind);
}

/** PrepareForCreate: the status a fresh object starts with. */
export function prepareForCreate(ki: KindInfo, obj: Obj): void {
  if (tracksGeneration(ki)) obj.metadata.generation = 1;
  switch (ki.kind) {
    case 'Pod':
      obj.status = { phase: 'Pending', qosClass: qosClass(obj.spec) };
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      obj.status = ki.kind === 'ReplicaSet' ? { replicas: 0 } : {};
      if (ki.kind === 'DaemonSet') {
        obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
        // spec.templateGeneration of the internal type, surfaced in apps/v1 as this annotation
        obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), 'deprecated.daemonset.template.generation': '1' };
      }
      break;
    case 'Namespace':
      obj.spec = { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      break;
    case 'Service':
      obj.status = { loadBalancer: {} };
      break;
  }
}

// key order is not meaning: an update's body and the stored (Go-ordered) object compare as data
const stable = (v: unknown) => canonicalJSON(v ?? null);

/** PrepareForUpdate on the main resource: status is kept, generation bumps when spec changes. */
export function prepareForUpdate(ki: KindInfo, next: Obj, old: Obj): void {
  if (hasStatusSubresource(ki) && ki.kind !== 'Node') next.status = old.status;
  if (ki.kind === 'Node' && next.status === undefined) next.status = old.status;
  if (tracksGeneration(ki)) {
    next.metadata.generation = old.metadata.generation ?? 1;
    if (stable(next.spec) !== stable(old.spec)) next.metadata.generation += 1;
  }
  if (ki.kind === 'DaemonSet') {
    const prevGen = Number(old.metadata.annotations?.['deprecated.daemonset.template.generation'] ?? 1);
    const gen = stable(next.spec?.template) !== stable(old.spec?.template) ? prevGen + 1 : prevGen;
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'deprecated.daemonset.template.generation': String(gen) };
  }
}

/** PrepareForUpdate on /status: only status (and, for nodes/pods, nothing else) changes. */
export function prepareForStatusUpdate(next: Obj, old: Obj): Obj {
  return { ...old, metadata: { ...old.metadata, resourceVersion: next.metadata.resourceVersion }, status: next.status };
}

/** Metadata the client may not change on update. */
export function keepImmutableMeta(next: Obj, old: Obj): void {
  next.metadata.uid = old.metadata.uid;
  next.metadata.creationTimestamp = old.metadata.creationTimestamp;
  if (old.metadata.deletionTimestamp) {
    next.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    next.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  } else {
    delete next.metadata.deletionTimestamp;
    delete next.metadata.deletionGracePeriodSeconds;
  }
  if (next.metadata.generateName === undefined && old.metadata.generateName) next.metadata.generateName = old.metadata.generateName;
}
