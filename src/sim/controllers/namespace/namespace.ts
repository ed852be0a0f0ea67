/**
 * The namespace controller: for a namespace in phase Terminating, delete every object in it,
 * report progress in the namespace's deletion conditions, and when nothing is left remove the
 * `kubernetes` finalizer through PUT namespaces/<name>/finalize so the apiserver removes it.
 */
import type { Obj } from '../../client/types';
import { toRFC3339 } from '../../core/clock';
import { KINDS } from '../../api/kinds';
import type { SyncResult } from '../../client/workqueue';
import { Controller } from '../controller';

export class NamespaceController extends Controller {
  readonly name = 'namespace-controller';

  protected register(): void {
    this.informers.on('namespaces', {
      add: (ns) => ns.metadata.deletionTimestamp && this.enqueue(ns),
      update: (_o, ns) => ns.metadata.deletionTimestamp && this.enqueue(ns),
    });
  }

  protected sync(key: string): SyncResult {
    const ns = this.informers.get('namespaces').getByName(undefined, key);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes('kubernetes')) return;
    const remaining = new Map<string, number>();
    let graceMax = 0;
    for (const ki of KINDS) {
      if (!ki.namespaced) continue;
      let items: Obj[];
      try {
        items = this.client.list(ki.resource, key).items;
      } catch {
        continue;
      }
      for (const o of items) {
        if (!o.metadata.deletionTimestamp) {
          try {
            this.client.delete(ki.resource, key, o.metadata.name!, { propagationPolicy: 'Background' });
          } catch {
            // gone meanwhile
          }
        }
        if (ki.kind === 'Pod') graceMax = Math.max(graceMax, o.spec?.terminationGracePeriodSeconds ?? 30);
      }
      // what is still there after this round
      let left: Obj[] = [];
      try {
        left = this.client.list(ki.resource, key).items;
      } catch {
        left = [];
      }
      if (left.length) remaining.set(ki.group ? `${ki.resource}.${ki.group}` : ki.resource, left.length);
    }
    if (remaining.size) {
      this.setConditions(ns, remaining);
      return { requeueAfterMs: Math.min(Math.max(2000, graceMax * 1000), 15_000) };
    }
    const next = structuredClone(ns);
    next.spec = { ...(next.spec ?? {}), finalizers: (next.spec?.finalizers ?? []).filter((f: string) => f !== 'kubernetes') };
    this.client.update('namespaces', undefined, next, 'finalize');
    return;
  }

  /** The namespace deletion conditions kubectl describe shows while content remains. */
  private setConditions(ns: Obj, remaining: Map<string, number>): void {
    const now = toRFC3339(this.clock.now());
    const prev: Obj[] = ns.status?.conditions ?? [];
    const keep = (type: string, status: string) => {
      const p = prev.find((c) => c.type === type);
      return p && p.status === status ? p.lastTransitionTime : now;
    };
    const names = [...remaining.keys()].sort();
    const counts = names.map((r) => `${r} has ${remaining.get(r)} resource instances`).join(', ');
    const c = (type: string, status: string, reason: string, message: string) => ({ type, status, lastTransitionTime: keep(type, status), reason, message });
    const conditions = [
      c('NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'),
      c('NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
      c('NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
      c('NamespaceContentRemaining', 'True', 'SomeResourcesRemain', `Some resources are remaining: ${counts}`),
      c('NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
    ];
    if (JSON.stringify(conditions) === JSON.stringify(prev)) return;
    try {
      this.client.update('namespaces', undefined, { ...ns, status: { ...(ns.status ?? {}), conditions } }, 'status');
    } catch {
      // next round
    }
  }
}
