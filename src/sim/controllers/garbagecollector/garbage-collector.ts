/**
 * The garbage collector: a graph of ownerReferences over the monitored resources. Dependents whose
 * owners are all gone (or were replaced: same name, other uid) are deleted; owners deleted with
 * propagationPolicy Foreground wait (finalizer foregroundDeletion) until their blocking dependents
 * are gone; with Orphan (finalizer orphan) their dependents lose the ownerReference instead.
 */
import type { Obj, OwnerReference } from '../../client/types';
import { ApiError } from '../../core/errors';
import { kindByGVK, kindByResource } from '../../api/kinds';
import type { SyncResult } from '../../client/workqueue';
import { Controller } from '../controller';

/** Resources the collector watches (owners and dependents). */
export const MONITORED = ['pods', 'replicasets', 'deployments', 'daemonsets', 'controllerrevisions', 'leases', 'nodes', 'services', 'endpointslices', 'jobs', 'cronjobs', 'statefulsets', 'configmaps', 'secrets', 'serviceaccounts', 'persistentvolumeclaims'];

interface Node {
  resource: string;
  ns?: string;
  name: string;
  uid: string;
  owners: OwnerReference[];
  deletingForeground: boolean;
  deletingOrphan: boolean;
}

export class GarbageCollector extends Controller {
  readonly name = 'garbage-collector-controller';
  private readonly nodes = new Map<string, Node>();
  private readonly dependents = new Map<string, Set<string>>();

  protected register(): void {
    for (const r of MONITORED) {
      if (!kindByResource(r)) continue;
      this.informers.on(r, {
        add: (o) => this.observe(r, o),
        update: (_o, n) => this.observe(r, n),
        delete: (o) => this.forget(o),
      });
    }
  }

  private observe(resource: string, o: Obj): void {
    const uid = o.metadata.uid!;
    const prev = this.nodes.get(uid);
    const owners = o.metadata.ownerReferences ?? [];
    if (prev) for (const ref of prev.owners) this.dependents.get(ref.uid)?.delete(uid);
    const fin = o.metadata.finalizers ?? [];
    const node: Node = {
      resource,
      ns: o.metadata.namespace,
      name: o.metadata.name!,
      uid,
      owners,
      deletingForeground: !!o.metadata.deletionTimestamp && fin.includes('foregroundDeletion'),
      deletingOrphan: !!o.metadata.deletionTimestamp && fin.includes('orphan'),
    };
    this.nodes.set(uid, node);
    for (const ref of owners) {
      if (!this.dependents.has(ref.uid)) this.dependents.set(ref.uid, new Set());
      this.dependents.get(ref.uid)!.add(uid);
    }
    // an owner we do not know: check it (it may be gone, or its uid changed)
    if (owners.some((ref) => !this.nodes.has(ref.uid))) this.enqueue(`dependent:${uid}`);
    if (node.deletingForeground || node.deletingOrphan) this.enqueue(`owner:${uid}`);
  }

  private forget(o: Obj): void {
    const uid = o.metadata.uid!;
    const n = this.nodes.get(uid);
    if (n) for (const ref of n.owners) this.dependents.get(ref.uid)?.delete(uid);
    this.nodes.delete(uid);
    for (const dep of this.dependents.get(uid) ?? []) this.enqueue(`dependent:${dep}`);
    // a foreground-deleting owner waiting on this dependent may now finish
    for (const ref of n?.owners ?? []) if (this.nodes.get(ref.uid)?.deletingForeground) this.enqueue(`owner:${ref.uid}`);
  }

  protected sync(key: string): SyncResult {
    const [kind, uid] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const n = this.nodes.get(uid);
    if (!n) return;
    if (kind === 'dependent') return this.attemptToDelete(n);
    return this.processOwner(n);
  }

  /** Live lookup of an owner (as upstream does before deciding it is gone). */
  private ownerState(dep: Node, ref: OwnerReference): 'solid' | 'dangling' | 'waiting' {
    const known = this.nodes.get(ref.uid);
    if (known) return known.deletingForeground ? 'waiting' : 'solid';
    const ki = kindByGVK(ref.apiVersion, ref.kind);
    if (!ki) return 'solid'; // a kind we cannot check: leave it alone
    try {
      const o = this.client.get(ki.resource, ki.namespaced ? dep.ns : undefined, ref.name);
      if (o.metadata.uid !== ref.uid) return 'dangling';
      return o.metadata.deletionTimestamp && (o.metadata.finalizers ?? []).includes('foregroundDeletion') ? 'waiting' : 'solid';
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return 'dangling';
      throw e;
    }
  }

  private attemptToDelete(n: Node): SyncResult {
    if (n.owners.length === 0) return;
    const states = n.owners.map((ref) => ({ ref, state: this.ownerState(n, ref) }));
    const solid = states.filter((s) => s.state === 'solid');
    const dangling = states.filter((s) => s.state === 'dangling');
    const waiting = states.filter((s) => s.state === 'waiting');
    if (solid.length) {
      // keep the object; just drop references to owners that are gone
      if (dangling.length || waiting.length) this.removeOwnerRefs(n, [...dangling, ...waiting].map((s) => s.ref.uid));
      return;
    }
    const hasDependents = (this.dependents.get(n.uid)?.size ?? 0) > 0;
    const policy = waiting.length && hasDependents ? 'Foreground' : undefined;
    try {
      const ki = kindByResource(n.resource)!;
      this.client.delete(n.resource, ki.namespaced ? n.ns : undefined, n.name, policy ? { propagationPolicy: policy } : { propagationPolicy: 'Background' });
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
    return;
  }

  /** An owner being deleted with foregroundDeletion or orphan. */
  private processOwner(n: Node): SyncResult {
    const deps = [...(this.dependents.get(n.uid) ?? [])].map((u) => this.nodes.get(u)).filter((d): d is Node => !!d);
    if (n.deletingOrphan) {
      for (const d of deps) this.removeOwnerRefs(d, [n.uid]);
      this.removeFinalizer(n, 'orphan');
      return;
    }
    if (n.deletingForeground) {
      const blocking = deps.filter((d) => d.owners.some((r) => r.uid === n.uid && r.blockOwnerDeletion));
      if (blocking.length === 0) {
        this.removeFinalizer(n, 'foregroundDeletion');
        return;
      }
      for (const d of blocking) this.enqueue(`dependent:${d.uid}`);
      return { requeueAfterMs: 1000 };
    }
    return;
  }

  private removeOwnerRefs(n: Node, uids: string[]): void {
    const ki = kindByResource(n.resource)!;
    const ns = ki.namespaced ? n.ns : undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const cur = this.client.get(n.resource, ns, n.name);
        const refs = (cur.metadata.ownerReferences ?? []).filter((r) => !uids.includes(r.uid));
        cur.metadata.ownerReferences = refs.length ? refs : undefined;
        this.client.update(n.resource, ns, cur);
        return;
      } catch (e) {
        if (e instanceof ApiError && e.code === 404) return;
        if (!(e instanceof ApiError && e.code === 409)) throw e;
      }
    }
  }

  private removeFinalizer(n: Node, finalizer: string): void {
    const ki = kindByResource(n.resource)!;
    const ns = ki.namespaced ? n.ns : undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const cur = this.client.get(n.resource, ns, n.name);
        const fin = (cur.metadata.finalizers ?? []).filter((f) => f !== finalizer);
        cur.metadata.finalizers = fin.length ? fin : undefined;
        this.client.update(n.resource, ns, cur);
        return;
      } catch (e) {
        if (e instanceof ApiError && e.code === 404) return;
        if (!(e instanceof ApiError && e.code === 409)) throw e;
      }
    }
  }
}
