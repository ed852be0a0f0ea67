/**
 * The decoded-object cache (the role of the apiserver's watch cache for reads): every etcd value is
 * decoded at most once. etcd's KeyValues are immutable (a put makes a new one), so the cache is a
 * WeakMap keyed by the KeyValue itself: it can never be stale, and an entry goes away with the
 * revision it belongs to (overwritten and compacted, deleted, or a restored snapshot).
 *
 * Cached objects are shared by every reader, so they are deep-frozen: a caller that tried to change
 * one would throw instead of silently changing what the next reader sees. Read-only paths (Table
 * conversion, selectors, admission and RBAC lookups, watch filtering) use them as they are; whatever
 * leaves the apiserver as a client's own object is a `thaw`ed copy (as a real client decodes its own
 * copy from the response bytes). A copy of a decoded object costs about a third of a JSON.parse.
 */
import type { KeyValue } from '../etcd/types';
import type { Obj } from '../client/types';

const cache = new WeakMap<KeyValue, Obj>();

/** The object stored in kv, resourceVersion = its mod_revision: shared and frozen. */
export function shared(kv: KeyValue): Obj {
  let o = cache.get(kv);
  if (!o) {
    o = JSON.parse(kv.value) as Obj;
    o.metadata.resourceVersion = String(kv.modRevision);
    deepFreeze(o);
    cache.set(kv, o);
  }
  return o;
}

/** A caller's own mutable copy of a (shared) object. Values are plain JSON: objects, arrays, scalars. */
export function thaw<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const a = new Array(v.length);
    for (let i = 0; i < v.length; i++) a[i] = thaw(v[i]);
    return a as T;
  }
  const o: Record<string, unknown> = {};
  for (const k in v) {
    const x = thaw((v as Record<string, unknown>)[k]);
    // a ConfigMap key may be "__proto__": keep it an own property, as JSON.parse does
    if (k === '__proto__') Object.defineProperty(o, k, { value: x, enumerable: true, writable: true, configurable: true });
    else o[k] = x;
  }
  return o as T;
}

function deepFreeze(v: unknown): void {
  if (typeof v !== 'object' || v === null) return;
  Object.freeze(v);
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) deepFreeze(v[i]);
  else for (const k in v) deepFreeze((v as Record<string, unknown>)[k]);
}
