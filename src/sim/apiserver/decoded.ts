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
import { LazyKeyValue } from '../etcd/lazy-value';
import type { Obj } from '../client/types';

const cache = new WeakMap<KeyValue, Obj>();

/** The object stored in kv, resourceVersion = its mod_revision: shared and frozen. */
export function shared(kv: KeyValue): Obj {
  // written by this apiserver: the writer's own object, sealed when it was stored (storage.ts)
  if (kv instanceof LazyKeyValue) return kv.decoded as Obj;
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

/**
 * Make an object the apiserver is storing shareable: what a JSON round trip would leave (undefined
 * members dropped, undefined/NaN/±Infinity array items and numbers as null), deep-frozen. Subtrees
 * already frozen are shared ones, sealed before: they are not walked again.
 */
export function seal(o: Obj): Obj {
  sealValue(o);
  return o;
}

function sealValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = v[i] === undefined ? null : sealValue(v[i]);
  } else {
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (x === undefined || typeof x === 'function') delete o[k];
      else if (typeof x === 'object') sealValue(x);
      // defineProperty: a key may be "__proto__" (a ConfigMap's), which assignment would not create
      else if (typeof x === 'number' && !Number.isFinite(x)) Object.defineProperty(o, k, { value: null, enumerable: true, writable: true, configurable: true });
    }
  }
  return Object.freeze(v);
}

function deepFreeze(v: unknown): void {
  if (typeof v !== 'object' || v === null) return;
  Object.freeze(v);
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) deepFreeze(v[i]);
  else for (const k in v) deepFreeze((v as Record<string, unknown>)[k]);
}
