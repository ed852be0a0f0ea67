/** The controller-manager's shared informers: one list+watch per resource, shared by all controllers. */
import type { Client, Obj } from '../client/types';
import { Informer, type InformerHandlers } from '../client/informer';

export class SharedInformers {
  private readonly informers = new Map<string, Informer>();
  private started = false;
  /** Namespace → objects, per resource, kept in step with the informer (listers by namespace). */
  private readonly byNs = new Map<string, Map<string, Map<string, Obj>>>();

  constructor(private readonly client: Client) {}

  /** The informer for a resource (created on first use; started with the others). */
  get(resource: string): Informer {
    let inf = this.informers.get(resource);
    if (!inf) {
      inf = new Informer(this.client, resource);
      const idx = new Map<string, Map<string, Obj>>();
      this.byNs.set(resource, idx);
      const put = (o: Obj) => {
        const ns = o.metadata.namespace ?? '';
        let m = idx.get(ns);
        if (!m) idx.set(ns, (m = new Map()));
        m.set(o.metadata.name!, o);
      };
      inf.on({
        add: put,
        update: (_o, n) => put(n),
        delete: (o) => idx.get(o.metadata.namespace ?? '')?.delete(o.metadata.name!),
      });
      this.informers.set(resource, inf);
      if (this.started) inf.start();
    }
    return inf;
  }

  on(resource: string, h: InformerHandlers): void {
    this.get(resource).on(h);
  }

  /** Objects of a resource in one namespace (all namespaces when ns is undefined). */
  list(resource: string, ns?: string): Obj[] {
    const idx = this.byNs.get(resource);
    if (!idx) return [];
    if (ns === undefined) return [...idx.values()].flatMap((m) => [...m.values()]);
    return [...(idx.get(ns)?.values() ?? [])];
  }

  start(): void {
    this.started = true;
    for (const inf of this.informers.values()) inf.start();
  }

  stop(): void {
    this.started = false;
    for (const inf of this.informers.values()) inf.stop();
    this.informers.clear();
    this.byNs.clear();
  }

  get synced(): boolean {
    for (const inf of this.informers.values()) if (!inf.synced) return false;
    return true;
  }
}
