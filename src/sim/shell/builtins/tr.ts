/** tr: translate, delete (-d), squeeze (-s), complement (-c); ranges, classes, escapes. */
import type { BuiltinContext, CommandEntry } from '../exec/context';

const CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
CLASSES.alpha = CLASSES.upper + CLASSES.lower;
CLASSES.alnum = CLASSES.alpha + CLASSES.digit;
CLASSES.xdigit = '0123456789ABCDEFabcdef';

function expandSet(s: string): string[] {
  const chars: string[] = [];
  const src = [...s];
  const unesc = (i: number): [string, number] => {
    if (src[i] !== '\\' || i + 1 >= src.length) return [src[i], 1];
    const n = src[i + 1];
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v', a: '\x07', b: '\b' };
    const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4).join(''));
    if (oct) return [String.fromCharCode(parseInt(oct[0], 8)), 1 + oct[0].length];
    return [map[n] ?? n, 2];
  };
  for (let i = 0; i < src.length; ) {
    const rest = src.slice(i).join('');
    const cls = /^\[:([a-z]+):\]/.exec(rest);
    if (cls && CLASSES[cls[1]]) {
      chars.push(...CLASSES[cls[1]]);
      i += cls[0].length;
      continue;
    }
    const [c, n] = unesc(i);
    if (src[i + n] === '-' && i + n + 1 < src.length) {
      const [d, n2] = unesc(i + n + 1);
      for (let x = c.codePointAt(0)!; x <= d.codePointAt(0)!; x++) chars.push(String.fromCodePoint(x));
      i += n + 1 + n2;
      continue;
    }
    chars.push(c);
    i += n;
  }
  return chars;
}

function tr(argv: string[], ctx: BuiltinContext): number {
  let del = false;
  let squeeze = false;
  let comp = false;
  const sets: string[] = [];
  for (const a of argv.slice(1)) {
    if (/^-[dscC]+$/.test(a) && !sets.length) {
      del ||= a.includes('d');
      squeeze ||= a.includes('s');
      comp ||= a.includes('c') || a.includes('C');
    } else sets.push(a);
  }
  if (!sets.length) {
    ctx.stderr("tr: missing operand\nTry 'tr --help' for more information.\n");
    return 1;
  }
  if (!del && !squeeze && sets.length < 2) {
    ctx.stderr(`tr: missing operand after ‘${sets[0]}’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  const set1 = new Set(expandSet(sets[0]));
  const in1 = (c: string): boolean => set1.has(c) !== comp;
  const arr1 = expandSet(sets[0]);
  const arr2 = sets[1] !== undefined ? expandSet(sets[1]) : [];
  const map = new Map<string, string>();
  if (!del && arr2.length && !comp) arr1.forEach((c, i) => map.set(c, arr2[Math.min(i, arr2.length - 1)]));
  const squeezeSet = new Set(del || sets.length < 2 ? (sets.length > 1 ? arr2 : arr1) : arr2);
  let out = '';
  let prev = '';
  for (const c of ctx.stdin) {
    if (del && in1(c)) continue;
    let o = c;
    if (!del) {
      if (comp && arr2.length && in1(c)) o = arr2[arr2.length - 1];
      else if (map.has(c)) o = map.get(c)!;
    }
    const sq = squeeze && (sets.length < 2 && !del ? in1(c) : squeezeSet.has(o));
    if (sq && o === prev) continue;
    out += o;
    prev = o;
  }
  ctx.stdout(out);
  return 0;
}

export const trCommands: Record<string, CommandEntry> = {
  tr: { fn: tr, kind: 'program', summary: "translate or delete characters (tr a-z A-Z, -d, -s)" },
};
