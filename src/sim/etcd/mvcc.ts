/**
 * The multi-version key space: a sorted key list, one KeyIndex (history) per key, the store
 * revision, the compact revision and a log of every change since the compaction (for watch replay).
 * Writes go through a WriteTxn: all its changes share one revision (main) and get sub = 0, 1, …;
 * the revision only moves when the txn changed something.
 */
import { KeyIndex } from './keyindex';
import { cmpKeys, SortedKeys } from './keys';
import { NO_LEASE, type KeyValue, type LeaseId, type SortOrder, type SortTarget } from './types';
import type { LoggedEvent } from './watch';
import { LazyKeyValue, type LazyValue } from './lazy-value';

export interface ReadResult {
  kvs: KeyValue[];
  count: number;
  more: boolean;
}

export interface ReadOptions {
  rangeEnd?: string;
  limit?: number;
  countOnly?: boolean;
  keysOnly?: boolean;
  sortTarget?: SortTarget;
  sortOrder?: SortOrder;
}

export class Mvcc {
  revision = 1;
  compactRevision = 0;
  readonly index = new Map<string, KeyIndex>();
  readonly keys = new SortedKeys();
  /** Changes with revision >= compactRevision, in (main, sub) order. */
  log: LoggedEvent[] = [];

  /** Keys in the range as of rev, etcd's range semantics for count/limit/sort/keys-only. */
  read(key: string, o: ReadOptions, rev: number): ReadResult {
    let order: SortOrder = o.sortOrder ?? 'NONE';
    const target: SortTarget = o.sortTarget ?? 'KEY';
    if (target !== 'KEY' && order === 'NONE') order = 'ASCEND';
    const sort = order !== 'NONE' && !(target === 'KEY' && order === 'ASCEND');
    const limit = o.limit && o.limit > 0 ? o.limit : 0;
    let kvs: KeyValue[] = [];
    let count = 0;
    if (!o.rangeEnd) {
      // one key: the index has it (the apiserver's every get, and every write's compare)
      const kv = this.index.get(key)?.get(rev);
      if (!kv) return { kvs, count, more: false };
      return { kvs: o.countOnly ? kvs : [o.keysOnly ? { ...kv, value: '' } : kv], count: 1, more: false };
    }
    for (const k of this.keys.range(key, o.rangeEnd)) {
      const kv = this.index.get(k)!.get(rev);
      if (!kv) continue;
      count++;
      if (o.countOnly || (limit && !sort && kvs.length >= limit)) continue;
      kvs.push(kv);
    }
    if (sort) {
      const f = SORT_FIELDS[target];
      const sign = order === 'DESCEND' ? -1 : 1;
      kvs.sort((a, b) => sign * f(a, b));
    }
    const more = !o.countOnly && limit > 0 && count > limit;
    if (limit && kvs.length > limit) kvs = kvs.slice(0, limit);
    if (o.keysOnly) kvs = kvs.map((kv) => ({ ...kv, value: '' }));
    return { kvs, count, more };
  }

  /** Events with revision >= rev (binary search in the log). */
  *eventsSince(rev: number): Generator<LoggedEvent> {
    const log = this.log;
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (log[mid].kv.modRevision < rev) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < log.length; i++) yield log[i];
  }

  begin(): WriteTxn {
    return new WriteTxn(this);
  }

  /**
   * Drop history older than rev (the caller validated rev). Applied physically at once, like
   * `etcdctl compact --physical`: a delete at exactly rev is gone too (real etcd may still replay
   * it to a watch from rev for a moment while its background compaction runs).
   */
  compact(rev: number): void {
    this.compactRevision = rev;
    const gone: string[] = [];
    for (const [k, ki] of this.index) if (ki.compact(rev)) gone.push(k);
    if (gone.length) {
      for (const k of gone) this.index.delete(k);
      this.keys.removeWhere((k) => !this.index.has(k));
    }
    let i = 0;
    while (i < this.log.length && this.log[i].kv.modRevision < rev) i++;
    // a tombstone at exactly rev is compacted away with its generation
    this.log = this.log.slice(i).filter((e) => e.kv.modRevision > rev || e.type === 'PUT');
  }
}

export class WriteTxn {
  readonly beginRev: number;
  readonly changes: LoggedEvent[] = [];

  constructor(private readonly m: Mvcc) {
    this.beginRev = m.revision;
  }

  /** The revision reads inside this txn see (beginRev + 1 once something changed). */
  get rev(): number {
    return this.changes.length ? this.beginRev + 1 : this.beginRev;
  }

  put(key: string, value: string | LazyValue, lease: LeaseId): { kv: KeyValue; prev?: KeyValue } {
    let ki = this.m.index.get(key);
    if (!ki) {
      ki = new KeyIndex(key);
      this.m.index.set(key, ki);
      this.m.keys.insert(key);
    }
    const prev = ki.latest();
    const main = this.beginRev + 1;
    const createRevision = prev ? prev.createRevision : main;
    const version = prev ? prev.version + 1 : 1;
    const kv: KeyValue =
      typeof value === 'string'
        ? Object.freeze({ key, value, createRevision, modRevision: main, version, lease })
        : new LazyKeyValue(key, value, createRevision, main, version, lease);
    ki.put(main, this.changes.length, kv);
    this.changes.push(prev ? { type: 'PUT', kv, prev } : { type: 'PUT', kv });
    return { kv, prev };
  }

  /** Delete every live key in the range; returns their last values (key order). */
  deleteRange(key: string, rangeEnd: string | undefined): KeyValue[] {
    const main = this.beginRev + 1;
    const deleted: KeyValue[] = [];
    for (const k of [...this.m.keys.range(key, rangeEnd)]) {
      const ki = this.m.index.get(k)!;
      const prev = ki.latest();
      if (!prev) continue;
      ki.tombstone(main, this.changes.length);
      const kv: KeyValue = Object.freeze({ key: k, value: '', createRevision: 0, modRevision: main, version: 0, lease: NO_LEASE });
      this.changes.push({ type: 'DELETE', kv, prev });
      deleted.push(prev);
    }
    return deleted;
  }

  /** Make the changes the new revision; returns them (empty = nothing happened). */
  commit(): LoggedEvent[] {
    if (this.changes.length) {
      this.m.revision = this.beginRev + 1;
      for (const e of this.changes) this.m.log.push(e);
    }
    return this.changes;
  }
}

const SORT_FIELDS: Record<SortTarget, (a: KeyValue, b: KeyValue) => number> = {
  KEY: (a, b) => cmpKeys(a.key, b.key),
  VERSION: (a, b) => a.version - b.version,
  CREATE: (a, b) => a.createRevision - b.createRevision,
  MODIFY: (a, b) => a.modRevision - b.modRevision,
  VALUE: (a, b) => cmpKeys(a.value, b.value),
};
