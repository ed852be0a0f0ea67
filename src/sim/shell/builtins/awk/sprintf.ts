/** awk's printf/sprintf formatting. */
import { fmtG, toNum, UNINIT, type Val } from './values';

/** awk's printf: like C's, with numbers and strings converted as awk does. */
export function sprintf(fmt: string, vals: Val[], str: (v: Val) => string): string {
  let out = '';
  let ai = 0;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/.exec(fmt.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    const conv = m[4];
    if (conv === '%') {
      out += '%';
      continue;
    }
    const flags = m[1];
    let width = m[2] === '*' ? toNum(vals[ai++] ?? 0) : m[2] ? Number(m[2]) : undefined;
    const prec = m[3] === '*' ? toNum(vals[ai++] ?? 0) : m[3] !== undefined ? Number(m[3] || 0) : undefined;
    const v = vals[ai++] ?? UNINIT;
    let body: string;
    const signOf = (x: number): string => (x < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '');
    switch (conv) {
      case 's':
        body = str(v);
        if (prec !== undefined) body = body.slice(0, prec);
        break;
      case 'c':
        body = typeof v === 'number' ? String.fromCodePoint(Math.trunc(v)) : str(v).slice(0, 1);
        break;
      case 'd':
      case 'i':
      case 'o':
      case 'x':
      case 'X':
      case 'u': {
        const x = Math.trunc(toNum(v));
        let digits = Math.abs(x).toString(conv === 'o' ? 8 : conv === 'x' || conv === 'X' ? 16 : 10);
        if (conv === 'X') digits = digits.toUpperCase();
        if (prec !== undefined) digits = digits.padStart(prec, '0');
        const sign = signOf(x);
        if (flags.includes('0') && !flags.includes('-') && width !== undefined && prec === undefined) digits = digits.padStart(width - sign.length, '0');
        body = sign + digits;
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        const x = toNum(v);
        const p = prec ?? 6;
        let digits = conv === 'f' || conv === 'F' ? Math.abs(x).toFixed(p) : conv === 'e' || conv === 'E' ? Math.abs(x).toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2') : fmtG(Math.abs(x), p);
        if (conv === 'E' || conv === 'G') digits = digits.toUpperCase();
        const sign = signOf(x);
        if (flags.includes('0') && !flags.includes('-') && width !== undefined) digits = digits.padStart(width - sign.length, '0');
        body = sign + digits;
        break;
      }
      default:
        body = m[0];
    }
    if (width !== undefined && width < 0) {
      width = -width;
      body = body.padEnd(width);
    } else if (width !== undefined) body = flags.includes('-') ? body.padEnd(width) : body.padStart(width);
    out += body;
  }
  return out;
}
