/** List+watch cache (client-go's shared informer, reduced): handlers, a lister, re-list on 410. */
import type { Client, ListOptions, Obj, WatchEvent } from './types';

export interface InformerHandlers {
  add?(obj: Obj): void;
  update?(oldObj: Obj, newObj: Obj): void;
  delete?(obj: Obj): void;
}

export function keyOf(o: Obj): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;
}

export class Informer {
  private cache = new Map<string, Obj>();
  private handlers: InformerHandlers[] = [];
  private stopWatch?: () => void;
  synced = false;

  constructor(
    private readonly client: Client,
    readonly resource: string,
    private readonly ns?: string,
    private readonly opts: ListOptions = {},
  ) {}

  on(h: InformerHandlers): this {
    this.handlers.push(h);
    if (this.synced) for (const o of this.cache.values()) h.add?.(o);
    return this;
  }

  start(): void {
    if (this.stopWatch) return;
    this.relist();
  }

  stop(): void {
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.synced = false;
  }

  get(key: string): Obj | undefined {
    return this.cache.get(key);
  }

  getByName(ns: string | undefined, name: string): Obj | undefined {
    return this.cache.get(ns ? `${ns}/${name}` : name);
  }

  list(filter?: (o: Obj) => boolean): Obj[] {
    const all = [...this.cache.values()];
    return filter ? all.filter(filter) : all;
  }

  private relist(): void {
    let list;
    try {
      list = this.client.list(this.resource, this.ns, this.opts);
    } catch {
      // apiserver unreachable: the reflector retries with backoff
      this.synced = false;
      return;
    }
    const seen = new Set<string>();
    for (const o of list.items) {
      const k = keyOf(o);
      seen.add(k);
      const old = this.cache.get(k);
      this.cache.set(k, o);
      if (!old) this.handlers.forEach((h) => h.add?.(o));
      else if (old.metadata.resourceVersion !== o.metadata.resourceVersion) this.handlers.forEach((h) => h.update?.(old, o));
    }
    for (const [k, o] of [...this.cache]) {
      if (!seen.has(k)) {
        this.cache.delete(k);
        this.handlers.forEach((h) => h.delete?.(o));
      }
    }
    this.synced = true;
    this.stopWatch = this.client.watch(this.resource, this.ns, { ...this.opts, resourceVersion: list.metadata.resourceVersion }, (ev) => this.onEvent(ev));
  }

  private onEvent(ev: WatchEvent): void {
    if (ev.type === 'ERROR') {
      this.stopWatch?.();
      this.stopWatch = undefined;
      this.relist();
      return;
    }
    if (ev.type === 'BOOKMARK') return;
    const k = keyOf(ev.object);
    const old = this.cache.get(k);
    if (ev.type === 'DELETED') {
      this.cache.delete(k);
      this.handlers.forEach((h) => h.delete?.(ev.object));
    } else {
      this.cache.set(k, ev.object);
      if (old) this.handlers.forEach((h) => h.update?.(old, ev.object));
      else this.handlers.forEach((h) => h.add?.(ev.object));
    }
  }
}
