/**
 * resource.Quantity (k8s.io/apimachinery/pkg/api/resource): parse, canonical String(), Add, Cmp,
 * MilliValue. Values are kept exactly as a BigInt count of nano-units (anything finer rounds up).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  nanos: bigint;
  format: QuantityFormat;
}

const BIN: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DEC_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const RE = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE])?$/;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Divide rounding away from zero (Quantity rounds up when precision is lost). */
function divUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  if (q * b === a) return q;
  return a > 0n ? q + 1n : q - 1n;
}

export function parseQuantity(s: string | number | undefined | null): Quantity | undefined {
  if (s === undefined || s === null) return undefined;
  const str = String(s).trim();
  const m = RE.exec(str);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] || '0';
  const frac = m[3] ?? '';
  const suffix = m[4] ?? '';
  // digits as an integer scaled by 10^-len(frac)
  let num = BigInt(intPart + frac) * sign;
  let scale = -frac.length; // value = num * 10^scale
  let format: QuantityFormat = 'DecimalSI';
  let bin = 0;
  if (suffix in BIN) {
    format = 'BinarySI';
    bin = BIN[suffix];
  } else if (/^[eE]/.test(suffix)) {
    format = 'DecimalExponent';
    scale += parseInt(suffix.slice(1), 10);
  } else {
    scale += DEC[suffix];
  }
  num *= 2n ** BigInt(bin);
  // to nanos: num * 10^(scale+9)
  const e = scale + 9;
  const nanos = e >= 0 ? num * pow10(e) : divUp(num, pow10(-e));
  return { nanos, format };
}

/** Canonical text, as Quantity.String() prints it (`1Gi`, `500m`, `1500k`, `2`). */
export function quantityString(q: Quantity): string {
  const n = q.nanos;
  if (n === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const ONE = 1_000_000_000n;
    if (n > -1024n * ONE && n < 1024n * ONE) format = 'DecimalSI';
    else if (n % ONE !== 0n) format = 'DecimalSI';
  }
  const neg = n < 0n;
  let abs = neg ? -n : n;
  if (format === 'BinarySI') {
    let v = abs / 1_000_000_000n;
    let exp = 0;
    while (v % 1024n === 0n && exp < 6) {
      v /= 1024n;
      exp++;
    }
    return (neg ? '-' : '') + v.toString() + BIN_SUFFIX[exp];
  }
  // decimal: mantissa * 10^exp with exp a multiple of 3, starting at nano
  let exp = -9;
  while (abs % 1000n === 0n && exp < 18) {
    abs /= 1000n;
    exp += 3;
  }
  if (format === 'DecimalExponent') {
    return (neg ? '-' : '') + abs.toString() + (exp === 0 ? '' : `e${exp}`);
  }
  // DecimalSI above E: keep the number bigger
  return (neg ? '-' : '') + abs.toString() + DEC_SUFFIX[exp];
}

/** Parse and re-print a quantity string in canonical form; unparsable text is returned unchanged. */
export function canonicalQuantity(s: string | number | undefined | null): string {
  const q = parseQuantity(s);
  return q ? quantityString(q) : String(s ?? '');
}

export function zeroQuantity(format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: 0n, format };
}

/** q + y; a zero receiver takes y's format (Quantity.Add). */
export function addQuantity(q: Quantity, y: Quantity): Quantity {
  return { nanos: q.nanos + y.nanos, format: q.nanos === 0n ? y.format : q.format };
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** MilliValue (rounded up), as a JS number. */
export function milliValue(q: Quantity): number {
  return Number(divUp(q.nanos, 1_000_000n));
}

/** Value (rounded up), as a JS number. */
export function intValue(q: Quantity): number {
  return Number(divUp(q.nanos, 1_000_000_000n));
}
