/** printf(1) formatting: conversions %s %b %c %d %i %u %o %x %X %e %f %g %q %%, flags, width, precision. */
import { decodeEscapes } from './escapes';

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
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/.exec(s.slice(i));
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
      let width = m[2] === '*' ? Number(next() ?? 0) : m[2] ? Number(m[2]) : undefined;
      const precRaw = m[3] === '*' ? String(Number(next() ?? 0)) : m[3];
      const prec = precRaw === undefined ? undefined : Number(precRaw || 0);
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
        case 'X': {
          const n = toInt(arg, errors);
          let digits = conv === 'o' ? Math.abs(n).toString(8) : conv === 'x' ? Math.abs(n).toString(16) : conv === 'X' ? Math.abs(n).toString(16).toUpperCase() : String(Math.abs(n));
          if (prec !== undefined) digits = digits.padStart(prec, '0');
          if (flags.includes('#') && n !== 0 && (conv === 'x' || conv === 'X')) digits = (conv === 'x' ? '0x' : '0X') + digits;
          const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          if (flags.includes('0') && !flags.includes('-') && width !== undefined && prec === undefined) {
            digits = digits.padStart(width - sign.length, '0');
          }
          body = sign + digits;
          break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
          const n = toFloat(arg, errors);
          const p = prec ?? 6;
          let digits = conv === 'f' || conv === 'F' ? Math.abs(n).toFixed(p) : conv === 'e' || conv === 'E' ? expo(Math.abs(n), p) : Math.abs(n).toPrecision(p || 1).replace(/\.?0+$/, '');
          if (conv === 'E' || conv === 'G') digits = digits.toUpperCase();
          const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          if (flags.includes('0') && !flags.includes('-') && width !== undefined) digits = digits.padStart(width - sign.length, '0');
          body = sign + digits;
          break;
        }
        default:
          errors.push(`%${conv}: invalid format character`);
          return { text: out, errors };
      }
      if (width !== undefined && width < 0) {
        width = -width;
        body = body.padEnd(width);
      } else if (width !== undefined) body = flags.includes('-') ? body.padEnd(width) : body.padStart(width);
      out += body;
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

function expo(n: number, p: number): string {
  const s = n.toExponential(p);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return s.replace(/[^A-Za-z0-9_@%+=:,./-]/g, '\\$&');
}
