/**
 * Key ordering and the sorted key list. etcd orders keys by their bytes (UTF-8); JS strings compare
 * by UTF-16 code units, which differs only between surrogate pairs (U+10000…) and U+E000–U+FFFF, so
 * cmpKeys fixes that case up and otherwise is plain `<`.
 */
export const FROM_KEY = '\0';

export function cmpKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) return rank(x) - rank(y);
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Surrogates (UTF-8 4-byte sequences) sort after U+E000–U+FFFF. */
function rank(c: number): number {
  return c >= 0xd800 && c <= 0xdfff ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c;
}

/**
 * The range end that selects every key with this prefix (etcd's GetPrefixRangeEnd, on characters):
 * the prefix with its last character incremented, dropping trailing U+FFFF; '\0' (= to the end) when
 * nothing can be incremented.
 */
export function prefixEnd(prefix: string): string {
  let s = prefix;
  while (s.length) {
    const c = s.charCodeAt(s.length - 1);
    if (c < 0xffff) return s.slice(0, -1) + String.fromCharCode(c + 1);
    s = s.slice(0, -1);
  }
  return FROM_KEY;
}

/** Does key fall in the request's range? (absent/'' end = the single key; '\0' = from key). */
export function inRange(k: string, key: string, rangeEnd: string | undefined): boolean {
  if (!rangeEnd) return k === key;
  if (cmpKeys(k, key) < 0) return false;
  return rangeEnd === FROM_KEY || cmpKeys(k, rangeEnd) < 0;
}

/** A sorted array of distinct keys with binary search. */
export class SortedKeys {
  private keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** Index of the first key >= k. */
  lowerBound(k: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmpKeys(this.keys[mid], k) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(k: string): void {
    const i = this.lowerBound(k);
    if (this.keys[i] !== k) this.keys.splice(i, 0, k);
  }

  /** Drop every key for which drop() is true (one pass). */
  removeWhere(drop: (k: string) => boolean): void {
    this.keys = this.keys.filter((k) => !drop(k));
  }

  /** Keys in [key, rangeEnd) (see inRange for the end conventions), ascending. */
  *range(key: string, rangeEnd: string | undefined): Generator<string> {
    if (!rangeEnd) {
      const i = this.lowerBound(key);
      if (this.keys[i] === key) yield key;
      return;
    }
    const end = rangeEnd === FROM_KEY ? this.keys.length : this.lowerBound(rangeEnd);
    for (let i = this.lowerBound(key); i < end; i++) yield this.keys[i];
  }

  all(): readonly string[] {
    return this.keys;
  }
}
