/** C-style conversions shared by printf(1) and awk's printf/sprintf: the spec, numbers, padding. */

/** One `%[flags][width][.prec]conv` (width/precision may be `*`). */
export const SPEC = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/;

export interface Spec {
  flags: string;
  width?: number;
  prec?: number;
}

function sign(n: number, flags: string): string {
  return n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
}

/** %d %i %u %o %x %X of an integer. */
export function formatInt(n: number, conv: string, s: Spec): string {
  let digits = Math.abs(n).toString(conv === 'o' ? 8 : conv === 'x' || conv === 'X' ? 16 : 10);
  if (conv === 'X') digits = digits.toUpperCase();
  if (s.prec !== undefined) digits = digits.padStart(s.prec, '0');
  if (s.flags.includes('#') && n !== 0 && (conv === 'x' || conv === 'X')) digits = (conv === 'x' ? '0x' : '0X') + digits;
  const sg = sign(n, s.flags);
  if (s.flags.includes('0') && !s.flags.includes('-') && s.width !== undefined && s.prec === undefined) digits = digits.padStart(s.width - sg.length, '0');
  return sg + digits;
}

/** %e %E %f %F %g %G of a number; `g` formats |n| for %g (printf and awk differ there). */
export function formatFloat(n: number, conv: string, s: Spec, g: (abs: number, prec: number) => string): string {
  const p = s.prec ?? 6;
  const abs = Math.abs(n);
  let digits = conv === 'f' || conv === 'F' ? abs.toFixed(p) : conv === 'e' || conv === 'E' ? abs.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2') : g(abs, p);
  if (conv === 'E' || conv === 'G') digits = digits.toUpperCase();
  const sg = sign(n, s.flags);
  if (s.flags.includes('0') && !s.flags.includes('-') && s.width !== undefined) digits = digits.padStart(s.width - sg.length, '0');
  return sg + digits;
}

/** The field width: right-aligned, or left with `-` or a negative `*` width. */
export function pad(body: string, s: Spec): string {
  if (s.width === undefined) return body;
  if (s.width < 0) return body.padEnd(-s.width);
  return s.flags.includes('-') ? body.padEnd(s.width) : body.padStart(s.width);
}
