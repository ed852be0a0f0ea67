/**
 * A value whose writer holds it decoded — the apiserver's object. etcd stores bytes; here the bytes
 * are made only when something reads kv.value (etcdctl get, a snapshot, a VALUE compare), and a
 * reader that wants the object takes kv.decoded instead of parsing the bytes back. Both views are
 * of the same immutable value, so this changes nothing anyone can observe but the cost.
 */
import type { KeyValue, LeaseId } from './types';

export interface LazyValue {
  /** The bytes etcd would hold (the writer's encoding). */
  encode(): string;
  /** The object readers share, given the revision the put landed at. Called at most once. */
  decode(modRevision: number): unknown;
}

export function isLazyValue(v: unknown): v is LazyValue {
  return typeof v === 'object' && v !== null && typeof (v as LazyValue).encode === 'function';
}

export class LazyKeyValue implements KeyValue {
  #bytes?: string;
  #decoded?: unknown;
  readonly #lazy: LazyValue;

  constructor(
    readonly key: string,
    lazy: LazyValue,
    readonly createRevision: number,
    readonly modRevision: number,
    readonly version: number,
    readonly lease: LeaseId,
  ) {
    this.#lazy = lazy;
  }

  get value(): string {
    return (this.#bytes ??= this.#lazy.encode());
  }

  /** The writer's object as every reader shares it (see LazyValue.decode). */
  get decoded(): unknown {
    return (this.#decoded ??= this.#lazy.decode(this.modRevision));
  }
}
