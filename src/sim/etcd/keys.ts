/**
 * Key ordering and the sorted key list. etcd orders keys by their bytes (UTF-8); JS strings compare
 * by UTF-16 code units, which differs only between surrogate pairs (U+10000…) and U+E000–U+FFFF, so
 * cmpKeys fixes that case up and otherwise is plain `<`.
 */
export const FROM_KEY = '\0';

const WIDE = /[\uD800-\uFFFF]/;

// the last string tested for wide characters: binary searches compare one probe key (b) many times
let lastTested = '';
let lastWide = false;
function isWide(s: string): boolean {
  if (s !== lastTested) {
    lastTested = s;
    lastWide = WIDE.test(s);
  }
  return lastWide;
}

export function cmpKeys(a: string, b: string): number {
  if (a === b) return 0;
  // the orders can only disagree where both strings have a code unit >= 0xD800
  if (!isWide(b) || !WIDE.test(a)) return a < b ? -1 : 1;
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

/**
 * The sorted set of keys: a list of sorted blocks (at most 2·BLOCK keys each), so an insert moves
 * at most a block's worth of entries and a range is two binary searches plus the walk.
 */
const BLOCK = 512;

export class SortedKeys {
  private blocks: string[][] = [];
  private n = 0;

  get size(): number {
    return this.n;
  }

  insert(k: string): void {
    const bs = this.blocks;
    if (!bs.length) {
      bs.push([k]);
      this.n++;
      return;
    }
    const b = Math.min(this.blockFor(k), bs.length - 1);
    const blk = bs[b];
    const i = lowerBound(blk, k);
    if (blk[i] === k) return;
    blk.splice(i, 0, k);
    this.n++;
    if (blk.length > 2 * BLOCK) bs.splice(b, 1, blk.slice(0, BLOCK), blk.slice(BLOCK));
  }

  /** Drop every key for which drop() is true (one pass). */
  removeWhere(drop: (k: string) => boolean): void {
    const out: string[][] = [];
    let n = 0;
    for (const blk of this.blocks) {
      const kept = blk.filter((k) => !drop(k));
      if (kept.length) out.push(kept);
      n += kept.length;
    }
    this.blocks = out;
    this.n = n;
  }

  /** Keys in [key, rangeEnd) (see inRange for the end conventions), ascending. */
  *range(key: string, rangeEnd: string | undefined): Generator<string> {
    const bs = this.blocks;
    let b = this.blockFor(key);
    if (b >= bs.length) return;
    let i = lowerBound(bs[b], key);
    if (!rangeEnd) {
      if (bs[b][i] === key) yield key;
      return;
    }
    const toEnd = rangeEnd === FROM_KEY;
    for (; b < bs.length; b++, i = 0) {
      const blk = bs[b];
      for (; i < blk.length; i++) {
        if (!toEnd && cmpKeys(blk[i], rangeEnd) >= 0) return;
        yield blk[i];
      }
    }
  }

  all(): string[] {
    return this.blocks.flat();
  }

  /** Index of the first block whose last key is >= k (blocks.length if none). */
  private blockFor(k: string): number {
    const bs = this.blocks;
    let lo = 0;
    let hi = bs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmpKeys(bs[mid][bs[mid].length - 1], k) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function lowerBound(a: readonly string[], k: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmpKeys(a[mid], k) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
