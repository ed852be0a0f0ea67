/**
 * The apiserver's storage layer over etcd (reference/etcd/SEMANTICS.md §9): objects as JSON at
 * /registry/<prefix>/<ns>/<name>; resourceVersion = mod_revision; create and update are etcd
 * transactions guarded on mod_revision, exactly as the etcd3 store does.
 */
import type { EtcdStore } from '../etcd/store';
import type { KeyValue } from '../etcd/types';
import type { KindInfo } from '../api/kinds';
import type { Obj } from '../client/types';
import { alreadyExists, conflict, notFound, ApiError } from '../core/errors';
import { EtcdError } from '../etcd/errors';
import { seal, shared, thaw } from './decoded';
import type { LazyValue } from '../etcd/lazy-value';

export const REGISTRY = '/registry';

export function prefixEnd(prefix: string): string {
  // etcd's GetPrefixRangeEnd: last byte + 1 (keys here are ASCII)
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export function objectKey(ki: KindInfo, ns: string | undefined, name: string): string {
  return ki.namespaced ? `${REGISTRY}/${ki.etcdPrefix}/${ns}/${name}` : `${REGISTRY}/${ki.etcdPrefix}/${name}`;
}

/** Prefix for a list: every object of the kind, or those in one namespace. */
export function listPrefix(ki: KindInfo, ns?: string): string {
  return ki.namespaced && ns ? `${REGISTRY}/${ki.etcdPrefix}/${ns}/` : `${REGISTRY}/${ki.etcdPrefix}/`;
}

/** The object stored in kv (resourceVersion = mod_revision), the caller's own copy. */
export function decode(kv: KeyValue): Obj {
  return thaw(shared(kv));
}

/** What is written to etcd: the object without its resourceVersion (the store's versioner clears it). */
function encode(obj: Obj): string {
  const { resourceVersion: _rv, ...meta } = obj.metadata;
  void _rv;
  return JSON.stringify({ ...obj, metadata: meta });
}

/**
 * An object being written, as the etcd value (etcd/lazy-value.ts): the apiserver already holds it
 * decoded, so readers share this object (sealed: resourceVersion = the put's revision, then
 * deep-frozen) and the JSON bytes are made only if something reads them. Storage takes ownership
 * of the object: the caller must not keep (and later change) references into it.
 */
class StoredObject implements LazyValue {
  private sealed?: Obj;
  constructor(private readonly obj: Obj) {}

  encode(): string {
    // the sealed object once there is one: the bytes are then exactly what readers were given
    return encode(this.sealed ?? this.obj);
  }

  /** The same object for the KeyValue and for the writer (a put has one revision). */
  decode(modRevision: number): Obj {
    return (this.sealed ??= seal({ ...this.obj, metadata: { ...this.obj.metadata, resourceVersion: String(modRevision) } }));
  }
}

/**
 * etcd errors the apiserver does not translate (no quorum: `etcdserver: request timed out`) reach
 * the client as a 500 Status with an empty reason, as apierrors.ErrorToAPIStatus makes them;
 * kubectl prints `Error from server: etcdserver: request timed out`. Reads fail the same way:
 * kubectl's get/list without a resourceVersion are consistent reads (served by etcd, or in v1.32 by
 * the watch cache only after an etcd progress notification), so without quorum they time out too.
 * Components keep acting on their informer caches; their watches stay open but see no events.
 * The real apiserver answers after etcd's 7 s request timeout; here the answer is immediate.
 */
function apiErrorOf(e: unknown): unknown {
  if (e instanceof EtcdError && (e.code === 'Unavailable' || e.code === 'DeadlineExceeded')) return new ApiError(500, '', e.message);
  return e;
}

/** The KV calls Storage makes, with etcd's unavailability mapped to API errors. */
interface Kv {
  range: EtcdStore['range'];
  txn: EtcdStore['txn'];
}

function guarded(etcd: EtcdStore): Kv {
  return {
    range(key, opts) {
      try {
        return etcd.range(key, opts);
      } catch (e) {
        throw apiErrorOf(e);
      }
    },
    txn(req) {
      try {
        return etcd.txn(req);
      } catch (e) {
        throw apiErrorOf(e);
      }
    },
  };
}

/** An apiserver → etcd call, for the trace (verb: range / txn / watch). */
export type EtcdHop = (verb: 'range' | 'txn' | 'watch', ki: KindInfo, ns?: string, name?: string) => void;

export class Storage {
  private readonly kv: Kv;
  /** Called for every etcd call this layer makes. */
  onEtcd?: EtcdHop;
  /** Called after a successful create / update / delete (quota usage, …). */
  onChange?: (ki: KindInfo, ns: string | undefined) => void;
  /** The lease an object is written with (events: --event-ttl). */
  leaseFor?: (ki: KindInfo) => string | undefined;
  constructor(readonly etcd: EtcdStore) {
    this.kv = guarded(etcd);
  }

  get(ki: KindInfo, ns: string | undefined, name: string): Obj {
    this.onEtcd?.('range', ki, ns, name);
    const kv = this.kv.range(objectKey(ki, ns, name)).kvs[0];
    if (!kv) throw notFound(ki.resource, ki.group, name);
    return decode(kv);
  }

  tryGet(ki: KindInfo, ns: string | undefined, name: string): Obj | undefined {
    this.onEtcd?.('range', ki, ns, name);
    const kv = this.kv.range(objectKey(ki, ns, name)).kvs[0];
    return kv ? decode(kv) : undefined;
  }

  private leaseOpt(ki: KindInfo): { lease?: string } {
    const l = this.leaseFor?.(ki);
    return l ? { lease: l } : {};
  }

  /** A cache lookup (admission): no etcd hop traced. Shared and frozen (decoded.ts): read only. */
  peek(ki: KindInfo, ns: string | undefined, name: string): Obj | undefined {
    const kv = this.kv.range(objectKey(ki, ns, name)).kvs[0];
    return kv ? shared(kv) : undefined;
  }

  /**
   * What the apiserver's own informer caches answer (admission, RBAC, allocators): no etcd hop
   * traced. Shared and frozen (decoded.ts): read only.
   */
  cached(ki: KindInfo, ns?: string): Obj[] {
    const prefix = listPrefix(ki, ns);
    return this.kv.range(prefix, { rangeEnd: prefixEnd(prefix) }).kvs.map(shared);
  }

  /** Every object of the kind (in one namespace), key order. Shared and frozen (decoded.ts): read only. */
  list(ki: KindInfo, ns?: string): { items: Obj[]; resourceVersion: string } {
    const prefix = listPrefix(ki, ns);
    this.onEtcd?.('range', ki, ns);
    const r = this.kv.range(prefix, { rangeEnd: prefixEnd(prefix) });
    // services live at services/specs/… — endpoints at services/endpoints/… never share a prefix with them
    return { items: r.kvs.map(shared), resourceVersion: String(r.header.revision) };
  }

  /**
   * Txn(If(mod_revision(key) == 0)).Then(Put(key, obj)) — else 409 AlreadyExists. Takes ownership
   * of obj (StoredObject); returns the caller's own copy of what was stored.
   */
  create(ki: KindInfo, obj: Obj): Obj {
    return thaw(this.createShared(ki, obj));
  }

  /** create(), returning the stored object itself: shared and frozen, read only. */
  createShared(ki: KindInfo, obj: Obj): Obj {
    const key = objectKey(ki, obj.metadata.namespace, obj.metadata.name!);
    this.onEtcd?.('txn', ki, obj.metadata.namespace, obj.metadata.name);
    const value = new StoredObject(obj);
    const r = this.kv.txn({
      compare: [{ key, target: 'MOD', result: 'EQUAL', value: 0 }],
      success: [{ put: { key, value, ...this.leaseOpt(ki) } }],
      failure: [],
    });
    if (!r.succeeded) throw alreadyExists(ki.resource, ki.group, obj.metadata.name!);
    this.onChange?.(ki, obj.metadata.namespace);
    return value.decode(r.header.revision);
  }

  /**
   * Txn(If(mod_revision(key) == rv)).Then(Put) — else 409 Conflict. Takes ownership of obj;
   * returns the caller's own copy of what was stored.
   */
  update(ki: KindInfo, obj: Obj, expectedRv: string): Obj {
    return thaw(this.updateShared(ki, obj, expectedRv));
  }

  /** update(), returning the stored object itself: shared and frozen, read only. */
  updateShared(ki: KindInfo, obj: Obj, expectedRv: string): Obj {
    const key = objectKey(ki, obj.metadata.namespace, obj.metadata.name!);
    this.onEtcd?.('txn', ki, obj.metadata.namespace, obj.metadata.name);
    const value = new StoredObject(obj);
    const r = this.kv.txn({
      compare: [{ key, target: 'MOD', result: 'EQUAL', value: Number(expectedRv) }],
      success: [{ put: { key, value, ...this.leaseOpt(ki) } }],
      failure: [{ range: { key } }],
    });
    if (!r.succeeded) {
      if (!this.tryGet(ki, obj.metadata.namespace, obj.metadata.name!)) throw notFound(ki.resource, ki.group, obj.metadata.name!);
      throw conflict(ki.resource, ki.group, obj.metadata.name!);
    }
    this.onChange?.(ki, obj.metadata.namespace);
    return value.decode(r.header.revision);
  }


  /** Txn(If(mod_revision(key) == rv)).Then(Delete). Returns the last state with the deletion revision. */
  delete(ki: KindInfo, obj: Obj): Obj {
    const key = objectKey(ki, obj.metadata.namespace, obj.metadata.name!);
    this.onEtcd?.('txn', ki, obj.metadata.namespace, obj.metadata.name);
    const r = this.kv.txn({
      compare: [{ key, target: 'MOD', result: 'EQUAL', value: Number(obj.metadata.resourceVersion) }],
      success: [{ deleteRange: { key } }],
      failure: [],
    });
    if (!r.succeeded) throw conflict(ki.resource, ki.group, obj.metadata.name!);
    this.onChange?.(ki, obj.metadata.namespace);
    return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(r.header.revision) } };
  }

  get revision(): number {
    return this.etcd.revision;
  }
}

export { ApiError };
