/**
 * Per-key history, etcd's keyIndex: the revisions at which one key changed, oldest first. A
 * generation is the life of the key from a create to its delete (a tombstone entry, kv = null);
 * the entries are kept in one flat array where tombstones close generations.
 * Revisions are (main, sub): main = store revision, sub = position of the change inside it.
 */
import type { KeyValue } from './types';

export interface RevEntry {
  readonly main: number;
  readonly sub: number;
  /** The key's state after this change; null = tombstone (deleted here). */
  readonly kv: KeyValue | null;
}

export class KeyIndex {
  readonly entries: RevEntry[] = [];

  constructor(readonly key: string) {}

  /** The live value now, if any. */
  latest(): KeyValue | undefined {
    return this.entries[this.entries.length - 1]?.kv ?? undefined;
  }

  /** Record a put (kv already carries create/mod revision, version). */
  put(main: number, sub: number, kv: KeyValue): RevEntry {
    const e = { main, sub, kv };
    this.entries.push(e);
    return e;
  }

  /** Record a delete of the live key. */
  tombstone(main: number, sub: number): RevEntry {
    const e = { main, sub, kv: null };
    this.entries.push(e);
    return e;
  }

  /** The key as of revision rev (undefined if absent then). */
  get(rev: number): KeyValue | undefined {
    const i = this.lastAtOrBefore(rev);
    return i < 0 ? undefined : (this.entries[i].kv ?? undefined);
  }

  /** The entry before e (the key's state at e.main - 1), if still kept. */
  prevKv(e: RevEntry): KeyValue | undefined {
    const i = this.lastAtOrBefore(e.main - 1);
    return i < 0 ? undefined : (this.entries[i].kv ?? undefined);
  }

  /**
   * etcd's keyIndex.compact: drop every generation whose tombstone is <= atRev and, in the first
   * remaining generation, every revision older than the newest one <= atRev.
   * Returns true when nothing is left (the key can leave the index).
   */
  compact(atRev: number): boolean {
    const i = this.lastAtOrBefore(atRev);
    if (i >= 0) this.entries.splice(0, this.entries[i].kv === null ? i + 1 : i);
    return this.entries.length === 0;
  }

  /** The revisions grouped by generation (for inspection; the last one may be open). */
  generations(): { main: number; sub: number; tombstone: boolean }[][] {
    const gens: { main: number; sub: number; tombstone: boolean }[][] = [];
    let cur: { main: number; sub: number; tombstone: boolean }[] = [];
    for (const e of this.entries) {
      cur.push({ main: e.main, sub: e.sub, tombstone: e.kv === null });
      if (e.kv === null) {
        gens.push(cur);
        cur = [];
      }
    }
    if (cur.length) gens.push(cur);
    return gens;
  }

  private lastAtOrBefore(rev: number): number {
    const es = this.entries;
    let lo = 0;
    let hi = es.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (es[mid].main <= rev) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
