/** printf(1) formatting: conversions %s %b %c %d %i %u %o %x %X %e %f %g %q %%, flags, width, precision. */
import { decodeEscapes } from './escapes';
import { SPEC, formatFloat, formatInt, pad, type Spec } from './cformat';

export function formatPrintf(format: string, args: string[]): { text: string; errors: string[] } {
  const errors: string[] = [];
  let out = '';
  let ai = 0;
  const next = (): string | undefined => (ai < args.length ? args[ai++] : undefined);
  const fmt = decodeEscapes(format, 'printf');
  for (;;) {
    let usedArg = false;
    let stop = false;
    const s = fmt.text;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = SPEC.exec(s.slice(i));
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
      const width = m[2] === '*' ? Number(next() ?? 0) : m[2] ? Number(m[2]) : undefined;
      const precRaw = m[3] === '*' ? String(Number(next() ?? 0)) : m[3];
      const prec = precRaw === undefined ? undefined : Number(precRaw || 0);
      const spec: Spec = { flags: m[1], width, prec };
      const arg = next();
      if (arg !== undefined) usedArg = true;
      let body: string;
      switch (conv) {
        case 's':
          body = arg ?? '';
          if (prec !== undefined) body = body.slice(0, prec);
          break;
        case 'b': {
          const d = decodeEscapes(arg ?? '', 'echo');
          body = d.text;
          if (d.stop) stop = true;
          break;
        }
        case 'q':
          body = shellQuote(arg ?? '');
          break;
        case 'c':
          body = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X':
          body = formatInt(toInt(arg, errors), conv, spec);
          break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
          body = formatFloat(toFloat(arg, errors), conv, spec, (x, p) => x.toPrecision(p || 1).replace(/\.?0+$/, ''));
          break;
        default:
          errors.push(`%${conv}: invalid format character`);
          return { text: out, errors };
      }
      out += pad(body, spec);
      if (stop) return { text: out, errors };
    }
    if (fmt.stop || stop || !usedArg || ai >= args.length) break;
  }
  return { text: out, errors };
}

function toInt(arg: string | undefined, errors: string[]): number {
  if (arg === undefined || arg === '') return 0;
  const t = arg.trim();
  if (/^['"]/.test(t)) return t.length > 1 ? t.codePointAt(1)! : 0;
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  if (/^[-+]?0[0-7]+$/.test(t)) return parseInt(t, 8);
  if (/^[-+]?\d+$/.test(t)) return Number(t);
  const m = /^[-+]?\d+/.exec(t);
  errors.push(`${arg}: invalid number`);
  return m ? Number(m[0]) : 0;
}

function toFloat(arg: string | undefined, errors: string[]): number {
  if (arg === undefined || arg === '') return 0;
  const n = Number(arg.trim());
  if (Number.isNaN(n)) {
    errors.push(`${arg}: invalid number`);
    return 0;
  }
  return n;
}

export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return s.replace(/[^A-Za-z0-9_@%+=:,./-]/g, '\\$&');
}
