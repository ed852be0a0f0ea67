/**
 * The ReplicaSet controller: keeps `spec.replicas` pods matching the selector alive, creating
 * them from the template (in slow-start batches) or deleting the least valuable ones, and
 * reports replicas / fullyLabeledReplicas / readyReplicas / availableReplicas.
 */
import type { Obj } from '../../client/types';
import { keyOf } from '../../client/informer';
import { toRFC3339 } from '../../core/clock';
import { canonicalJSON } from '../../core/hash';
import { controllerRef, isPodActive, isPodAvailable, isPodReady } from '../../api/helpers/pod';
import { Controller, splitKey } from '../controller';
import { Expectations } from '../expectations';
import { claim, podFromTemplate, selectorMatches } from '../pod-control';
import { rankForDeletion } from './ranking';
import type { SyncResult } from '../../client/workqueue';

const BURST_REPLICAS = 500;

export class ReplicaSetController extends Controller {
  readonly name = 'replicaset-controller';
  private expectations!: Expectations;

  protected register(): void {
    this.expectations = new Expectations(this.clock);
    this.informers.on('replicasets', {
      add: (rs) => this.enqueue(rs),
      update: (o, n) => {
        if (o.spec?.replicas !== n.spec?.replicas || o.metadata.resourceVersion !== n.metadata.resourceVersion) this.enqueue(n);
      },
      delete: (rs) => {
        this.expectations.delete(keyOf(rs));
        this.enqueue(rs);
      },
    });
    this.informers.on('pods', {
      add: (p) => {
        const rs = this.ownerOf(p);
        if (rs) {
          this.expectations.creationObserved(rs);
          this.enqueue(rs);
        } else if (!controllerRef(p)) for (const r of this.matchingSets(p)) this.enqueue(r);
      },
      update: (o, p) => {
        const a = this.ownerOf(o);
        const b = this.ownerOf(p);
        if (a && a !== b) this.enqueue(a);
        if (b) {
          this.enqueue(b);
          // a pod that just became ready turns available after minReadySeconds
          const rs = this.informers.get('replicasets').get(b);
          const mrs = rs?.spec?.minReadySeconds ?? 0;
          if (mrs > 0 && !isPodReady(o) && isPodReady(p)) this.enqueueAfter(b, mrs * 1000 + 1000);
        } else if (!controllerRef(p)) for (const r of this.matchingSets(p)) this.enqueue(r);
      },
      delete: (p) => {
        const rs = this.ownerOf(p);
        if (rs) {
          this.expectations.deletionObserved(rs);
          this.enqueue(rs);
        }
      },
    });
  }

  private ownerOf(p: Obj): string | undefined {
    const ref = controllerRef(p);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.informers.get('replicasets').getByName(p.metadata.namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? keyOf(rs) : undefined;
  }

  private matchingSets(p: Obj): string[] {
    return this.informers.list('replicasets', p.metadata.namespace).filter((rs) => selectorMatches(rs, p)).map((rs) => keyOf(rs));
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const rs = this.informers.get('replicasets').getByName(ns, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const candidates = this.informers.list('pods', ns).filter((p) => isPodActive(p));
    const pods = claim(this.client, 'pods', rs, candidates);
    let failure: string | undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) failure = this.manageReplicas(pods, rs, key);
    return this.updateStatus(rs, pods, failure);
  }

  /** Create or delete pods to reach spec.replicas; returns an error message when creating failed. */
  private manageReplicas(pods: Obj[], rs: Obj, key: string): string | undefined {
    const want = rs.spec?.replicas ?? 1;
    const diff = pods.length - want;
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expect(key, n, 0);
      // slowStartBatch: 1, 2, 4, … pods per batch; stop at the first failure
      let created = 0;
      let batch = 1;
      let error: string | undefined;
      while (created < n && !error) {
        const size = Math.min(batch, n - created);
        for (let i = 0; i < size; i++) {
          try {
            const pod = this.client.create('pods', rs.metadata.namespace, podFromTemplate(rs.spec.template, rs, `${rs.metadata.name}-`));
            this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
          } catch (e) {
            error = (e as Error).message;
            this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${error}`);
            break;
          }
          created++;
        }
        batch *= 2;
      }
      if (created < n) this.expectations.lower(key, n - created, 0);
      return error;
    }
    if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const victims = rankForDeletion(pods, pods, this.clock.now()).slice(0, n);
      this.expectations.expect(key, 0, n);
      for (const p of victims) {
        try {
          this.client.delete('pods', p.metadata.namespace, p.metadata.name!);
          this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        } catch {
          this.expectations.lower(key, 0, 1);
        }
      }
    }
    return undefined;
  }

  private updateStatus(rs: Obj, pods: Obj[], failure: string | undefined): SyncResult {
    const now = this.clock.now();
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const templateLabels: Record<string, string> = rs.spec?.template?.metadata?.labels ?? {};
    const fully = pods.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length;
    const ready = pods.filter((p) => isPodReady(p)).length;
    const available = pods.filter((p) => isPodAvailable(p, minReady, now)).length;
    const prevConds: Obj[] = rs.status?.conditions ?? [];
    let conditions = prevConds.filter((c) => c.type !== 'ReplicaFailure');
    if (failure) {
      const prev = prevConds.find((c) => c.type === 'ReplicaFailure');
      conditions = [...conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: prev?.lastTransitionTime ?? toRFC3339(now), reason: 'FailedCreate', message: failure } as unknown as Obj];
    } else if (prevConds.some((c) => c.type === 'ReplicaFailure')) {
      // keep until creation succeeds again
      if ((rs.spec?.replicas ?? 1) > pods.length) conditions = prevConds;
    }
    const status: Obj['status'] = {
      replicas: pods.length,
      ...(fully ? { fullyLabeledReplicas: fully } : {}),
      ...(ready ? { readyReplicas: ready } : {}),
      ...(available ? { availableReplicas: available } : {}),
      observedGeneration: rs.metadata.generation,
      ...(conditions.length ? { conditions } : {}),
    };
    if (canonicalJSON(status) !== canonicalJSON(rs.status ?? {})) {
      this.client.update('replicasets', rs.metadata.namespace, { ...rs, status }, 'status');
    }
    if (minReady > 0 && ready !== available) return { requeueAfterMs: minReady * 1000 };
    return undefined;
  }
}
