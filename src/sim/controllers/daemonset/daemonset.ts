/**
 * The DaemonSet controller: one pod per eligible node. Each pod is pinned to its node through a
 * required node affinity on metadata.name (the scheduler binds it), carries the DaemonSet
 * tolerations, and the labels controller-revision-hash / pod-template-generation. Revisions are
 * ControllerRevisions; RollingUpdate replaces old pods within maxUnavailable.
 */
import type { Obj } from '../../client/types';
import { keyOf } from '../../client/informer';
import { canonicalJSON, fnv32, safeEncodeString } from '../../core/hash';
import { controllerRef, isPodAvailable, isPodReady } from '../../api/helpers/pod';
import { findUntoleratedTaint, type Toleration } from '../../api/helpers/taints';
import { podMatchesNodeSelectorAndAffinity } from '../../api/helpers/nodeaffinity';
import type { SyncResult } from '../../client/workqueue';
import { Controller, splitKey } from '../controller';
import { Expectations } from '../expectations';
import { claim, ownerRefTo, podFromTemplate } from '../pod-control';

export const REVISION_HASH = 'controller-revision-hash';
export const TEMPLATE_GENERATION = 'pod-template-generation';
const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** The tolerations every daemon pod gets (util.AddOrUpdateDaemonPodTolerations). */
function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

function addTolerations(spec: Obj, add: Toleration[]): void {
  const tol: Toleration[] = (spec.tolerations ??= []);
  for (const a of add) {
    const i = tol.findIndex((t) => (t.key ?? '') === (a.key ?? '') && (t.operator ?? 'Equal') === (a.operator ?? 'Equal') && (t.value ?? '') === (a.value ?? '') && (t.effect ?? '') === (a.effect ?? ''));
    if (i >= 0) tol[i] = { ...a, ...(tol[i].tolerationSeconds !== undefined ? { tolerationSeconds: tol[i].tolerationSeconds } : {}) };
    else tol.push({ ...a });
  }
}

/** The ControllerRevision data: a patch replacing spec.template (getPatch). */
function revisionData(ds: Obj): Obj {
  return { spec: { template: { ...structuredClone(ds.spec.template), $patch: 'replace' } } } as unknown as Obj;
}

/** HashControllerRevision: fnv32 over the raw patch JSON (+ collision count). */
export function revisionHash(data: Obj, collisionCount?: number): string {
  let raw = canonicalJSON(data);
  if (collisionCount !== undefined && collisionCount !== null) raw += String(collisionCount);
  return safeEncodeString(String(fnv32(raw)));
}

export class DaemonSetController extends Controller {
  readonly name = 'daemonset-controller';
  private expectations!: Expectations;

  protected register(): void {
    this.expectations = new Expectations(this.clock);
    this.informers.on('daemonsets', {
      add: (ds) => this.enqueue(ds),
      update: (_o, ds) => this.enqueue(ds),
      delete: (ds) => {
        this.expectations.delete(keyOf(ds));
      },
    });
    this.informers.on('pods', {
      add: (p) => {
        const k = this.ownerKey(p);
        if (k) {
          this.expectations.creationObserved(k);
          this.enqueue(k);
        }
      },
      update: (o, p) => {
        const k = this.ownerKey(p);
        if (!k) return;
        if (o.status?.phase !== p.status?.phase || isPodReady(o) !== isPodReady(p) || o.spec?.nodeName !== p.spec?.nodeName || !!o.metadata.deletionTimestamp !== !!p.metadata.deletionTimestamp) this.enqueue(k);
      },
      delete: (p) => {
        const k = this.ownerKey(p);
        if (k) {
          this.expectations.deletionObserved(k);
          this.enqueue(k);
        }
      },
    });
    const allDs = () => this.informers.list('daemonsets').forEach((ds) => this.enqueue(ds));
    this.informers.on('nodes', {
      add: allDs,
      update: (o, n) => {
        if (JSON.stringify(o.metadata.labels) !== JSON.stringify(n.metadata.labels) || JSON.stringify(o.spec?.taints) !== JSON.stringify(n.spec?.taints)) allDs();
      },
      delete: allDs,
    });
    this.informers.get('controllerrevisions');
  }

  private ownerKey(p: Obj): string | undefined {
    const ref = controllerRef(p);
    if (!ref || ref.kind !== 'DaemonSet') return undefined;
    const ds = this.informers.get('daemonsets').getByName(p.metadata.namespace, ref.name);
    return ds && ds.metadata.uid === ref.uid ? keyOf(ds) : undefined;
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const ds = this.informers.get('daemonsets').getByName(ns, name);
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    if (ds.metadata.deletionTimestamp) return;
    const { hash, generation } = this.constructHistory(ds);
    const nodes = this.informers.list('nodes');
    const pods = claim(this.client, 'pods', ds, this.informers.list('pods', ns).filter((p) => !p.metadata.deletionTimestamp));
    const byNode = new Map<string, Obj[]>();
    for (const p of pods) {
      const n = podNodeName(p);
      if (!n) continue;
      if (!byNode.has(n)) byNode.set(n, []);
      byNode.get(n)!.push(p);
    }
    if (this.expectations.satisfied(key)) {
      const toCreate: string[] = [];
      const toDelete: Obj[] = [];
      for (const node of nodes) {
        const { shouldRun, shouldContinueRunning } = this.nodeShouldRunDaemonPod(node, ds);
        const here = byNode.get(node.metadata.name!) ?? [];
        if (shouldRun && here.length === 0) toCreate.push(node.metadata.name!);
        else if (shouldRun) {
          const failed = here.filter((p) => p.status?.phase === 'Failed');
          toDelete.push(...failed);
          const alive = here.filter((p) => p.status?.phase !== 'Failed');
          if (alive.length > 1) toDelete.push(...alive.sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1)).slice(1));
        } else if (!shouldContinueRunning) toDelete.push(...here);
      }
      // pods on nodes that no longer exist
      const nodeNames = new Set(nodes.map((n) => n.metadata.name));
      for (const [n, ps] of byNode) if (!nodeNames.has(n)) toDelete.push(...ps);
      // RollingUpdate: replace pods of an old revision, at most maxUnavailable at a time
      if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') toDelete.push(...this.rollingUpdateVictims(ds, nodes, byNode, hash, toDelete));
      this.manage(ds, key, toCreate, toDelete, hash, generation);
    }
    return this.updateStatus(ds, nodes, byNode, hash);
  }

  /** nodeShouldRunDaemonPod: node affinity/selector and NoSchedule/NoExecute taints. */
  private nodeShouldRunDaemonPod(node: Obj, ds: Obj): { shouldRun: boolean; shouldContinueRunning: boolean } {
    const pod = this.newPod(ds, node.metadata.name!, '', '');
    if (!podMatchesNodeSelectorAndAffinity({ ...pod, spec: { ...pod.spec, affinity: ds.spec.template.spec?.affinity } }, node)) return { shouldRun: false, shouldContinueRunning: false };
    const taints = node.spec?.taints ?? [];
    const noSchedule = findUntoleratedTaint(taints, pod.spec.tolerations, (t) => t.effect === 'NoSchedule');
    const noExecute = findUntoleratedTaint(taints, pod.spec.tolerations, (t) => t.effect === 'NoExecute');
    if (noExecute) return { shouldRun: false, shouldContinueRunning: false };
    if (noSchedule) return { shouldRun: false, shouldContinueRunning: true };
    return { shouldRun: true, shouldContinueRunning: true };
  }

  /** A daemon pod for a node: template + revision labels + tolerations + node-name affinity. */
  private newPod(ds: Obj, nodeName: string, hash: string, generation: string): Obj {
    const pod = podFromTemplate(ds.spec.template, ds, `${ds.metadata.name}-`);
    if (hash) pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_HASH]: hash, [TEMPLATE_GENERATION]: generation };
    const spec = pod.spec;
    addTolerations(spec, daemonTolerations(!!spec.hostNetwork));
    const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
    spec.affinity = structuredClone(spec.affinity ?? {});
    spec.affinity.nodeAffinity ??= {};
    spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
    return pod;
  }

  private rollingUpdateVictims(ds: Obj, nodes: Obj[], byNode: Map<string, Obj[]>, hash: string, already: Obj[]): Obj[] {
    const now = this.clock.now();
    const minReady = ds.spec.minReadySeconds ?? 0;
    const desired = nodes.filter((n) => this.nodeShouldRunDaemonPod(n, ds).shouldRun);
    const maxU = resolveIntOrPercent(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired.length);
    let unavailable = 0;
    const oldAvailable: Obj[] = [];
    const oldUnavailable: Obj[] = [];
    for (const n of desired) {
      const ps = (byNode.get(n.metadata.name!) ?? []).filter((p) => !already.includes(p));
      const p = ps[0];
      if (!p || !isPodAvailable(p, minReady, now)) unavailable++;
      if (!p || p.metadata.labels?.[REVISION_HASH] === hash) continue;
      if (isPodAvailable(p, minReady, now)) oldAvailable.push(p);
      else oldUnavailable.push(p);
    }
    const victims = [...oldUnavailable];
    let budget = maxU - unavailable;
    for (const p of oldAvailable) {
      if (budget <= 0) break;
      victims.push(p);
      budget--;
    }
    return victims;
  }

  private manage(ds: Obj, key: string, nodes: string[], del: Obj[], hash: string, generation: string): void {
    this.expectations.expect(key, nodes.length, del.length);
    for (const n of nodes) {
      try {
        const pod = this.client.create('pods', ds.metadata.namespace, this.newPod(ds, n, hash, generation));
        this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
      } catch (e) {
        this.expectations.lower(key, 1, 0);
        this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`);
      }
    }
    for (const p of del) {
      try {
        this.client.delete('pods', p.metadata.namespace, p.metadata.name!);
        this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      } catch {
        this.expectations.lower(key, 0, 1);
      }
    }
  }

  /** constructHistory: find or create the ControllerRevision of the current template. */
  private constructHistory(ds: Obj): { hash: string; generation: string } {
    const data = revisionData(ds);
    const raw = canonicalJSON(data);
    const revisions = this.informers.list('controllerrevisions', ds.metadata.namespace).filter((r) => controllerRef(r)?.uid === ds.metadata.uid);
    const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? String(ds.metadata.generation ?? 1);
    const match = revisions.find((r) => canonicalJSON(r.data) === raw);
    const maxRev = revisions.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
    if (match) {
      if ((match.revision ?? 0) < maxRev) {
        try {
          this.client.patch('controllerrevisions', match.metadata.namespace, match.metadata.name!, { revision: maxRev + 1 }, 'merge');
        } catch {
          // next sync
        }
      }
      return { hash: match.metadata.labels?.[REVISION_HASH] ?? revisionHash(data, ds.status?.collisionCount), generation };
    }
    const hash = revisionHash(data, ds.status?.collisionCount);
    const rev: Obj = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${ds.metadata.name}-${hash}`,
        namespace: ds.metadata.namespace,
        labels: { ...(ds.spec.template.metadata?.labels ?? {}), [REVISION_HASH]: hash },
        ...(ds.metadata.annotations ? { annotations: ds.metadata.annotations } : {}),
        ownerReferences: [ownerRefTo(ds)],
      },
      data,
      revision: maxRev + 1,
    };
    try {
      this.client.create('controllerrevisions', ds.metadata.namespace, rev);
    } catch {
      // exists already (the informer lagged behind)
    }
    this.truncateHistory(ds, revisions);
    return { hash, generation };
  }

  private truncateHistory(ds: Obj, revisions: Obj[]): void {
    const limit = ds.spec.revisionHistoryLimit ?? 10;
    const inUse = new Set(this.informers.list('pods', ds.metadata.namespace).filter((p) => controllerRef(p)?.uid === ds.metadata.uid).map((p) => p.metadata.labels?.[REVISION_HASH]));
    const old = revisions.filter((r) => !inUse.has(r.metadata.labels?.[REVISION_HASH])).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    for (const r of old.slice(0, Math.max(0, old.length - limit))) {
      try {
        this.client.delete('controllerrevisions', r.metadata.namespace, r.metadata.name!);
      } catch {
        // gone
      }
    }
  }

  private updateStatus(ds: Obj, nodes: Obj[], byNode: Map<string, Obj[]>, hash: string): SyncResult {
    const now = this.clock.now();
    const minReady = ds.spec.minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let mis = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const n of nodes) {
      const { shouldRun } = this.nodeShouldRunDaemonPod(n, ds);
      const ps = byNode.get(n.metadata.name!) ?? [];
      if (shouldRun) {
        desired++;
        if (ps.length) {
          current++;
          const p = ps[0];
          if (isPodReady(p)) {
            ready++;
            if (isPodAvailable(p, minReady, now)) available++;
          }
          if (p.metadata.labels?.[REVISION_HASH] === hash) updated++;
        }
      } else if (ps.length) mis++;
    }
    const status: Obj['status'] = {
      currentNumberScheduled: current,
      numberMisscheduled: mis,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      ...(updated ? { updatedNumberScheduled: updated } : {}),
      ...(available ? { numberAvailable: available } : {}),
      ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
      ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
    };
    if (canonicalJSON(status) !== canonicalJSON(ds.status ?? {})) this.client.update('daemonsets', ds.metadata.namespace, { ...ds, status }, 'status');
    if (minReady > 0 && ready !== available) return { requeueAfterMs: minReady * 1000 };
    return undefined;
  }
}

/** The node a daemon pod is for: spec.nodeName once bound, else its metadata.name affinity. */
function podNodeName(p: Obj): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  const terms = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  return undefined;
}

function resolveIntOrPercent(v: unknown, total: number): number {
  if (typeof v === 'string' && v.endsWith('%')) return Math.max(1, Math.floor((Number(v.slice(0, -1)) * total) / 100));
  return Number(v) || 0;
}
