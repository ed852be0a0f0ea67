/** awk values: numbers, strings, and "strnums" (input fields that look numeric compare as numbers). */

/** A string from input (a field, getline, ENVIRON…): numeric when it looks like a number. */
export class Sn {
  readonly num: boolean;

  constructor(
    readonly s: string,
    uninit = false,
  ) {
    this.num = uninit || /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s);
  }
}

export type Val = number | string | Sn;

export const UNINIT = new Sn('', true);

export function toNum(v: Val): number {
  if (typeof v === 'number') return v;
  const s = typeof v === 'string' ? v : v.s;
  const m = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s);
  if (m) return Number(m[0]);
  const hex = /^\s*[-+]?(inf|infinity|nan)/i.exec(s);
  if (hex) return 0;
  return 0;
}

/** %.6g as C prints it. */
export function fmtG(n: number, p = 6): string {
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
  if (n === 0) return '0';
  p = p || 1;
  const e = n.toExponential(p - 1);
  const exp = Number(e.slice(e.indexOf('e') + 1));
  if (exp < -4 || exp >= p) {
    let [mant, ex] = e.split('e');
    if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
    const sign = ex.startsWith('-') ? '-' : '+';
    const digits = ex.replace(/^[-+]/, '').padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  let f = n.toFixed(Math.max(0, p - 1 - exp));
  if (f.includes('.')) f = f.replace(/0+$/, '').replace(/\.$/, '');
  return f;
}

/** Integral values print as integers when they fit in a C int (as mawk does), else with OFMT/CONVFMT. */
export function numToStr(n: number, fmt = '%.6g'): string {
  if (Number.isInteger(n) && Math.abs(n) <= 2147483647) return String(n === 0 ? 0 : n);
  const m = /^%\.(\d+)g$/.exec(fmt);
  return fmtG(n, m ? Number(m[1]) : 6);
}

export function toStr(v: Val, fmt = '%.6g'): string {
  if (typeof v === 'number') return numToStr(v, fmt);
  return typeof v === 'string' ? v : v.s;
}

export function isNumeric(v: Val): boolean {
  return typeof v === 'number' || (v instanceof Sn && v.num);
}

export function truthy(v: Val): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  return v.num ? toNum(v) !== 0 : v.s !== '';
}

export function compare(a: Val, b: Val): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = toNum(a);
    const y = toNum(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toStr(a);
  const y = toStr(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
