/**
 * The StatefulSet controller (pkg/controller/statefulset): pods with stable names `<set>-<ordinal>`,
 * hostname/subdomain for the governing Service, one PVC per volumeClaimTemplate and ordinal
 * (`<template>-<set>-<ordinal>`), OrderedReady (one at a time, in order, each Running and Ready
 * before the next) or Parallel pod management, RollingUpdate from the highest ordinal down to the
 * partition, OnDelete, ControllerRevisions, and the status upstream reports.
 */
import type { Obj } from '../../client/types';
import { canonicalJSON } from '../../core/hash';
import { controllerRef, isPodAvailable, isPodReady } from '../../api/helpers/pod';
import type { SyncResult } from '../../client/workqueue';
import { Controller, splitKey } from '../controller';
import { ownerRefTo, podFromTemplate, selectorMatches } from '../pod-control';
import { revisionHash } from '../daemonset/daemonset';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

const ORDINAL = /^(.*)-(\d+)$/;

export function ordinalOf(set: Obj, pod: Obj): number {
  const m = ORDINAL.exec(pod.metadata.name ?? '');
  if (!m || m[1] !== set.metadata.name) return -1;
  return Number(m[2]);
}

function revisionData(set: Obj): Obj {
  return { spec: { template: { ...structuredClone(set.spec.template), $patch: 'replace' } } } as unknown as Obj;
}

const isFailed = (p: Obj) => p.status?.phase === 'Failed';
const isSucceeded = (p: Obj) => p.status?.phase === 'Succeeded';
const isRunningAndReady = (p: Obj) => p.status?.phase === 'Running' && isPodReady(p);
const isTerminating = (p: Obj) => !!p.metadata.deletionTimestamp;

export class StatefulSetController extends Controller {
  readonly name = 'statefulset-controller';

  protected register(): void {
    this.informers.on('statefulsets', {
      add: (s) => this.enqueue(s),
      update: (_o, s) => this.enqueue(s),
    });
    const onPod = (p: Obj) => {
      const ref = controllerRef(p);
      if (ref?.kind === 'StatefulSet') this.enqueue(`${p.metadata.namespace}/${ref.name}`);
    };
    this.informers.on('pods', { add: onPod, update: (_o, p) => onPod(p), delete: onPod });
    this.informers.get('controllerrevisions');
    this.informers.get('persistentvolumeclaims');
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const set = this.informers.get('statefulsets').getByName(ns, name);
    if (!set || set.metadata.deletionTimestamp) return;
    const pods = this.informers.list('pods', ns).filter((p) => {
      const ref = controllerRef(p);
      if (ref) return ref.uid === set.metadata.uid;
      return false;
    });
    // adopt orphans that match the selector and carry one of our names
    for (const p of this.informers.list('pods', ns)) {
      if (controllerRef(p) || p.metadata.deletionTimestamp || !selectorMatches(set, p) || ordinalOf(set, p) < 0) continue;
      try {
        pods.push(this.client.patch('pods', ns, p.metadata.name!, { metadata: { ownerReferences: [ownerRefTo(set)], uid: p.metadata.uid } }, 'strategic'));
      } catch {
        // next sync
      }
    }
    const { current, update, revisions } = this.revisions(set);
    const replicas: number = set.spec.replicas ?? 1;
    const start = set.spec.ordinals?.start ?? 0;
    const parallel = set.spec.podManagementPolicy === 'Parallel';
    const byOrdinal = new Map<number, Obj>();
    const condemned: Obj[] = [];
    for (const p of pods) {
      const o = ordinalOf(set, p);
      if (o >= start && o < start + replicas) byOrdinal.set(o, p);
      else if (o >= 0) condemned.push(p);
    }
    condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
    const minReady = set.spec.minReadySeconds ?? 0;
    const now = this.clock.now();
    let requeue: number | undefined;

    const run = (): void => {
      // 1. replace failed/succeeded pods; create missing ones (in order unless Parallel)
      for (let o = start; o < start + replicas; o++) {
        const p = byOrdinal.get(o);
        if (p && (isFailed(p) || isSucceeded(p)) && !isTerminating(p)) {
          this.deletePod(set, p);
          byOrdinal.delete(o);
          if (!parallel) return;
          continue;
        }
        if (!p) {
          const rev = o < start + (set.spec.updateStrategy?.rollingUpdate?.partition ?? 0) ? current : update;
          const created = this.createPod(set, o, rev);
          if (created) byOrdinal.set(o, created);
          if (!parallel) return;
          continue;
        }
        if (parallel) continue;
        // OrderedReady: the next one waits for this one to be Running and Ready (and available)
        if (isTerminating(p)) return;
        if (!isRunningAndReady(p)) return;
        if (minReady && !isPodAvailable(p, minReady, now)) {
          requeue = minReady * 1000;
          return;
        }
      }
      // 2. scale down: highest ordinal first, one at a time (OrderedReady)
      for (const p of condemned) {
        if (isTerminating(p)) {
          if (!parallel) return;
          continue;
        }
        if (!parallel && [...byOrdinal.values()].some((x) => !isRunningAndReady(x))) return;
        this.deletePod(set, p);
        if (!parallel) return;
      }
      // 3. rolling update: highest ordinal down to the partition, one at a time
      if (set.spec.updateStrategy?.type === 'OnDelete') return;
      const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      for (let o = start + replicas - 1; o >= start + partition; o--) {
        const p = byOrdinal.get(o);
        if (!p) return;
        if (p.metadata.labels?.[REVISION_LABEL] !== update && !isTerminating(p)) {
          this.deletePod(set, p);
          return;
        }
        if (!isRunningAndReady(p)) return;
      }
    };
    run();

    // status
    const counted = pods.filter((p) => ordinalOf(set, p) >= 0);
    const st = {
      replicas: counted.filter((p) => !isTerminating(p) && !isFailed(p) && !isSucceeded(p)).length,
      readyReplicas: counted.filter((p) => isRunningAndReady(p) && !isTerminating(p)).length,
      currentReplicas: counted.filter((p) => p.metadata.labels?.[REVISION_LABEL] === current && !isTerminating(p)).length,
      updatedReplicas: counted.filter((p) => p.metadata.labels?.[REVISION_LABEL] === update && !isTerminating(p)).length,
      availableReplicas: counted.filter((p) => !isTerminating(p) && isPodAvailable(p, minReady, now)).length,
    };
    let currentRevision = current;
    let currentReplicas = st.currentReplicas;
    // the update is complete: the update revision becomes the current one
    if (st.updatedReplicas === replicas && st.readyReplicas === replicas && st.replicas === replicas) {
      currentRevision = update;
      currentReplicas = st.updatedReplicas;
    }
    const status: Obj = {
      observedGeneration: set.metadata.generation,
      replicas: st.replicas,
      ...(st.readyReplicas ? { readyReplicas: st.readyReplicas } : {}),
      ...(currentReplicas ? { currentReplicas } : {}),
      ...(st.updatedReplicas ? { updatedReplicas: st.updatedReplicas } : {}),
      currentRevision,
      updateRevision: update,
      collisionCount: set.status?.collisionCount ?? 0,
      availableReplicas: st.availableReplicas,
    } as unknown as Obj;
    if (canonicalJSON(status) !== canonicalJSON(set.status ?? {})) {
      try {
        this.client.update('statefulsets', ns, { ...set, status }, 'status');
      } catch {
        return { requeueAfterMs: 1000 };
      }
    }
    this.truncateHistory(set, revisions, pods, [currentRevision, update]);
    if (minReady && st.readyReplicas !== st.availableReplicas) requeue = minReady * 1000;
    return requeue !== undefined ? { requeueAfterMs: requeue } : undefined;
  }

  /** The current and update revisions (ControllerRevision names), creating the update one if new. */
  private revisions(set: Obj): { current: string; update: string; revisions: Obj[] } {
    const ns = set.metadata.namespace;
    const revisions = this.informers.list('controllerrevisions', ns).filter((r) => controllerRef(r)?.uid === set.metadata.uid);
    const data = revisionData(set);
    const raw = canonicalJSON(data);
    const maxRev = revisions.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
    let update = revisions.find((r) => canonicalJSON(r.data) === raw);
    if (update && (update.revision ?? 0) < maxRev) {
      try {
        update = this.client.patch('controllerrevisions', ns, update.metadata.name!, { revision: maxRev + 1 }, 'merge');
      } catch {
        // next sync
      }
    }
    if (!update) {
      const hash = revisionHash(data, set.status?.collisionCount ?? 0);
      const rev: Obj = {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name: `${set.metadata.name}-${hash}`,
          namespace: ns,
          labels: { ...(set.spec.template.metadata?.labels ?? {}), 'controller.kubernetes.io/hash': hash },
          ownerReferences: [ownerRefTo(set)],
        },
        data,
        revision: maxRev + 1,
      };
      try {
        update = this.client.create('controllerrevisions', ns, rev);
      } catch {
        update = rev;
      }
      revisions.push(update);
    }
    const updateName = update.metadata.name!;
    let current = set.status?.currentRevision;
    if (!current || !revisions.some((r) => r.metadata.name === current)) current = updateName;
    return { current, update: updateName, revisions };
  }

  private truncateHistory(set: Obj, revisions: Obj[], pods: Obj[], keep: string[]): void {
    const limit = set.spec.revisionHistoryLimit ?? 10;
    const inUse = new Set([...keep, ...pods.map((p) => p.metadata.labels?.[REVISION_LABEL])]);
    const old = revisions.filter((r) => !inUse.has(r.metadata.name)).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    for (const r of old.slice(0, Math.max(0, old.length - limit))) {
      try {
        this.client.delete('controllerrevisions', r.metadata.namespace, r.metadata.name!);
      } catch {
        // gone
      }
    }
  }

  /** newVersionedStatefulSetPod: the template of `revision` with the identity of `ordinal`. */
  private newPod(set: Obj, ordinal: number, revision: string): Obj {
    let template = set.spec.template;
    const rev = this.informers.list('controllerrevisions', set.metadata.namespace).find((r) => r.metadata.name === revision);
    if (rev?.data?.spec?.template) {
      template = structuredClone(rev.data.spec.template);
      delete template.$patch;
    }
    const name = `${set.metadata.name}-${ordinal}`;
    const pod = podFromTemplate(template, set, '');
    delete pod.metadata.generateName;
    pod.metadata = { name, ...pod.metadata };
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
    pod.spec.hostname = name;
    if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
    // volumes from the claim templates replace same-named template volumes
    const claims: Obj[] = set.spec.volumeClaimTemplates ?? [];
    if (claims.length) {
      const names = new Set(claims.map((c) => c.metadata?.name));
      pod.spec.volumes = [
        ...(pod.spec.volumes ?? []).filter((v: Obj) => !names.has(v.name)),
        ...claims.map((c) => ({ name: c.metadata.name, persistentVolumeClaim: { claimName: `${c.metadata.name}-${name}` } })),
      ];
    }
    return pod;
  }

  private createPod(set: Obj, ordinal: number, revision: string): Obj | undefined {
    const pod = this.newPod(set, ordinal, revision);
    const ns = set.metadata.namespace;
    // createPersistentVolumeClaims: each missing claim first
    for (const t of (set.spec.volumeClaimTemplates ?? []) as Obj[]) {
      const claimName = `${t.metadata.name}-${pod.metadata.name}`;
      if (this.informers.get('persistentvolumeclaims').getByName(ns, claimName)) continue;
      const labels = { ...(t.metadata?.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) };
      const claim: Obj = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: claimName, namespace: ns, ...(Object.keys(labels).length ? { labels } : {}), ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}) },
        spec: structuredClone(t.spec ?? {}),
      };
      const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
      if (policy.whenDeleted === 'Delete') claim.metadata.ownerReferences = [{ ...ownerRefTo(set) }];
      try {
        this.client.create('persistentvolumeclaims', ns, claim);
        this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
      } catch (e) {
        if ((e as { code?: number }).code !== 409) {
          this.recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${claimName} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${(e as Error).message}`);
          return undefined;
        }
      }
    }
    try {
      const p = this.client.create('pods', ns, pod);
      this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
      return p;
    } catch (e) {
      if ((e as { code?: number }).code === 409) return undefined;
      this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${(e as Error).message}`);
      return undefined;
    }
  }

  private deletePod(set: Obj, p: Obj): void {
    try {
      this.client.delete('pods', p.metadata.namespace, p.metadata.name!);
      this.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    } catch {
      // gone already
    }
  }
}
