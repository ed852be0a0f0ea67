/** awk's printf/sprintf formatting. */
import { fmtG, toNum, UNINIT, type Val } from './values';
import { SPEC, formatFloat, formatInt, pad, type Spec } from '../lib/cformat';

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
    const m = SPEC.exec(fmt.slice(i));
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
    const width = m[2] === '*' ? toNum(vals[ai++] ?? 0) : m[2] ? Number(m[2]) : undefined;
    const prec = m[3] === '*' ? toNum(vals[ai++] ?? 0) : m[3] !== undefined ? Number(m[3] || 0) : undefined;
    const spec: Spec = { flags: m[1], width, prec };
    const v = vals[ai++] ?? UNINIT;
    let body: string;
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
      case 'u':
        body = formatInt(Math.trunc(toNum(v)), conv, spec);
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        body = formatFloat(toNum(v), conv, spec, fmtG);
        break;
      default:
        body = m[0];
    }
    out += pad(body, spec);
  }
  return out;
}
