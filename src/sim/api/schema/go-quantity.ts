/**
 * The in-memory form of a resource.Quantity as apimachinery's ParseQuantity (v0.32) builds it:
 * `{i: int64Amount{value, scale}, d: infDecAmount{*inf.Dec}, s, Format}`. Only the hash of a pod
 * template (spew, which prints unexported fields) can see it. A controller decodes the canonical
 * string the apiserver sends, so `s` is kept exactly when ParseQuantity's canonical-form test keeps it.
 */

export interface GoQuantity {
  i: { value: bigint; scale: number };
  d: { Dec: GoDec | null };
  s: string;
  Format: string;
}

/** inf.Dec: unscaled × 10^-scale, unscaled as a big.Int (sign + 64-bit words, little-endian). */
export interface GoDec {
  unscaled: { neg: boolean; abs: bigint[] | null };
  scale: number;
}

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64 = (1n << 63n) - 1n;
const NANO = -9;
const MAX_INT64_FACTORS = 18;

interface Parts {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, leading zeros stripped, integer and fraction digits, suffix. */
function parts(str: string): Parts {
  let positive = true;
  let pos = 0;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos++;
  }
  while (pos < str.length && str[pos] === '0') pos++;
  if (pos >= str.length) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  const digitsFrom = (i: number): number => {
    while (i < str.length && str[i] >= '0' && str[i] <= '9') i++;
    return i;
  };
  let end = digitsFrom(pos);
  const num = str.slice(pos, end) || '0';
  let denom = '';
  if (end < str.length && str[end] === '.') {
    const e2 = digitsFrom(end + 1);
    denom = str.slice(end + 1, e2);
    end = e2;
  }
  return { positive, value: str.slice(0, end), num, denom, suffix: str.slice(end) };
}

function interpret(suffix: string): { base: number; exponent: number; format: string } | undefined {
  if (suffix in DEC_SUFFIX) return { base: 10, exponent: DEC_SUFFIX[suffix], format: 'DecimalSI' };
  if (suffix in BIN_SUFFIX) return { base: 2, exponent: BIN_SUFFIX[suffix], format: 'BinarySI' };
  const m = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (m) return { base: 10, exponent: Number(m[1]), format: 'DecimalExponent' };
  return undefined;
}

const zero = (): GoQuantity => ({ i: { value: 0n, scale: 0 }, d: { Dec: null }, s: '', Format: '' });

/** ParseQuantity(str) as Go stores it; a malformed string gives the zero Quantity. */
export function goQuantity(str: string): GoQuantity {
  if (str === '') return zero();
  if (str === '0') return { ...zero(), Format: 'DecimalSI', s: '0' };
  const p = parts(str);
  const suf = interpret(p.suffix);
  if (!suf) return zero();
  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (suf.format === 'BinarySI') {
    if (suf.exponent >= 0 && p.denom.length === 0) {
      mantissa = 1n << BigInt(suf.exponent);
      precision = 15 - p.num.length - Math.trunc(Math.fround((suf.exponent * 3) / 10)) - 1;
    } else precision = -1;
  } else {
    scale = suf.exponent;
    precision = MAX_INT64_FACTORS - (p.num.length + p.denom.length);
  }
  if (precision >= 0) {
    scale -= p.denom.length;
    if (scale >= NANO) {
      const shifted = p.num + p.denom;
      const value = BigInt(shifted);
      const product = value * mantissa;
      if (value <= MAX_INT64 && product <= MAX_INT64) {
        const result = p.positive ? product : -product;
        const i = { value: result, scale };
        const canonical =
          suf.format === 'BinarySI'
            ? suf.exponent % 10 === 0 && (value & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return { i, d: { Dec: null }, s: canonical ? str : '', Format: suf.format };
      }
    }
  }
  return slowPath(p, suf);
}

/** The inf.Dec path (fractions of binary suffixes, more than 18 digits, below nano): rounded up to nano. */
function slowPath(p: Parts, suf: { base: number; exponent: number; format: string }): GoQuantity {
  let unscaled = BigInt(p.num + p.denom);
  let scale = p.denom.length;
  if (suf.base === 10) scale -= suf.exponent;
  else unscaled *= 1n << BigInt(suf.exponent);
  if (unscaled !== 0n && scale > 9) {
    const div = 10n ** BigInt(scale - 9);
    unscaled = (unscaled + div - 1n) / div;
    scale = 9;
  }
  let format = suf.format;
  if (format === 'BinarySI' && unscaled > 0n && unscaled < 10n ** BigInt(Math.max(scale, 0))) format = 'DecimalSI';
  const abs: bigint[] = [];
  for (let v = unscaled; v > 0n; v >>= 64n) abs.push(v & ((1n << 64n) - 1n));
  const dec: GoDec = { unscaled: { neg: !p.positive && unscaled !== 0n, abs: abs.length ? abs : null }, scale };
  return { i: { value: 0n, scale: 0 }, d: { Dec: dec }, s: '', Format: format };
}

const DEC_BY_EXP: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_BY_EXP = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * Quantity.String() of ParseQuantity(str) — the canonical form the apiserver writes, hence what a
 * controller decodes: `0.5` → `500m`, `1.5Gi` → `1536Mi`, `1000` → `1k`. Malformed input is returned as is.
 */
export function canonicalQuantity(str: string): string {
  const p = parts(str.trim());
  const suf = interpret(p.suffix);
  if (!suf || !/^\d*$/.test(p.num + p.denom)) return str;
  // value = ±u × 10^e (× 2^exponent for binary suffixes, folded into u)
  let u = BigInt(p.num + p.denom);
  let e = -p.denom.length;
  if (suf.base === 10) e += suf.exponent;
  else u *= 1n << BigInt(suf.exponent);
  // ParseQuantity rounds up to nano
  if (u !== 0n && e < -9) {
    const div = 10n ** BigInt(-9 - e);
    u = (u + div - 1n) / div;
    e = -9;
  }
  if (u === 0n) return '0';
  const sign = p.positive ? '' : '-';
  let format = suf.format;
  if (format === 'BinarySI') {
    const integer = e >= 0 ? u * 10n ** BigInt(e) : u % 10n ** BigInt(-e) === 0n ? u / 10n ** BigInt(-e) : undefined;
    if (integer === undefined || integer < 1024n) format = 'DecimalSI';
    else {
      let n = integer;
      let k = 0;
      while (k < BIN_BY_EXP.length - 1 && n % 1024n === 0n) {
        n /= 1024n;
        k++;
      }
      return `${sign}${n}${BIN_BY_EXP[k]}`;
    }
  }
  while (u % 10n === 0n) {
    u /= 10n;
    e++;
  }
  const r = ((e % 3) + 3) % 3;
  u *= 10n ** BigInt(r);
  e -= r;
  if (format === 'DecimalExponent') return `${sign}${u}${e === 0 ? '' : `e${e}`}`;
  if (e > 18) {
    u *= 10n ** BigInt(e - 18);
    e = 18;
  }
  return `${sign}${u}${DEC_BY_EXP[e]}`;
}
