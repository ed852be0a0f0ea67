/** sort: -n -h -r -u -f -b -k F[,F] -t SEP -s -V (byte order, as in the C.UTF-8 locale). */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { byteCompare } from '../vfs';
import { getopts, joinLines, readInputs, splitLines } from './lib/common';

interface Key {
  start: number;
  end?: number;
  numeric: boolean;
  human: boolean;
  reverse: boolean;
  fold: boolean;
  blanks: boolean;
  version: boolean;
}

function sort(argv: string[], ctx: BuiltinContext): number {
  const p = getopts(ctx, 'sort', argv.slice(1), {
    flags: 'nhrufbsVcmM',
    values: 'ktoT',
    long: { 'numeric-sort': 'n', 'human-numeric-sort': 'h', reverse: 'r', unique: 'u', 'ignore-case': 'f', 'key=': 'k', 'field-separator=': 't', stable: 's', 'version-sort': 'V', 'output=': 'o' },
  }, 2);
  if (typeof p === 'number') return p;
  const g = (k: string): boolean => p.opts.has(k);
  const sep = p.opts.get('t')?.at(-1);
  const base = { numeric: g('n'), human: g('h'), reverse: false, fold: g('f'), blanks: g('b'), version: g('V') };
  const keys: Key[] = [];
  for (const spec of p.opts.get('k') ?? []) {
    const m = /^(\d+)(?:\.\d+)?([a-zA-Z]*)(?:,(\d+)(?:\.\d+)?([a-zA-Z]*))?$/.exec(spec);
    if (!m) {
      ctx.stderr(`sort: invalid number at field start: invalid count at start of ‘${spec}’\n`);
      return 2;
    }
    const opts = (m[2] ?? '') + (m[4] ?? '');
    const k: Key = opts ? { numeric: opts.includes('n'), human: opts.includes('h'), reverse: opts.includes('r'), fold: opts.includes('f'), blanks: opts.includes('b'), version: opts.includes('V'), start: Number(m[1]) } : { ...base, start: Number(m[1]) };
    if (m[3]) k.end = Number(m[3]);
    keys.push(k);
  }
  const { inputs, ok } = readInputs(ctx, 'sort', p.args);
  const lines = inputs.flatMap((f) => splitLines(f.text));
  const field = (line: string, k: Key): string => {
    const fields = splitFields(line, sep);
    const from = k.start - 1;
    const to = k.end ?? fields.length;
    if (from >= fields.length) return '';
    let s = sep !== undefined ? fields.slice(from, to).join(sep) : fields.slice(from, to).join('');
    if (k.blanks || k.numeric || k.human) s = s.replace(/^\s+/, '');
    return s;
  };
  const cmpKey = (a: string, b: string, k: Omit<Key, 'start'>): number => {
    let r: number;
    if (k.numeric) r = num(a) - num(b);
    else if (k.human) r = humanNum(a) - humanNum(b);
    else if (k.version) r = a.localeCompare(b, 'en', { numeric: true });
    else if (k.fold) r = byteCompare(a.toUpperCase(), b.toUpperCase());
    else r = byteCompare(a, b);
    return k.reverse ? -r : r;
  };
  const compare = (a: string, b: string): number => {
    for (const k of keys) {
      const r = cmpKey(field(a, k), field(b, k), k);
      if (r) return r;
    }
    if (!keys.length) {
      const r = cmpKey(base.blanks ? a.trimStart() : a, base.blanks ? b.trimStart() : b, base);
      if (r) return r;
    }
    if (g('s') || g('u')) return 0;
    return byteCompare(a, b);
  };
  let sorted = lines.map((l, i) => ({ l, i })).sort((x, y) => compare(x.l, y.l) || x.i - y.i).map((x) => x.l);
  if (g('r')) sorted.reverse();
  if (g('u')) sorted = sorted.filter((l, i) => i === 0 || compare(sorted[i - 1], l) !== 0);
  const out = joinLines(sorted);
  const o = p.opts.get('o')?.at(-1);
  if (o) ctx.fs.writeFile(ctx.fs.resolve(ctx.cwd, o), out);
  else ctx.stdout(out);
  return ok ? 0 : 2;
}

/** Fields as sort sees them: with -t, split on it; otherwise each field keeps its leading blanks. */
function splitFields(line: string, sep: string | undefined): string[] {
  if (sep !== undefined) return line.split(sep);
  return line.match(/\s*\S+|\s+$/g) ?? [];
}

function num(s: string): number {
  const m = /^\s*(-?\d*\.?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

function humanNum(s: string): number {
  const m = /^\s*(-?\d*\.?\d+)([KMGTPE]?)/i.exec(s);
  if (!m) return 0;
  const exp = ' KMGTPE'.indexOf(m[2].toUpperCase() || ' ');
  return Number(m[1]) * 1024 ** Math.max(0, exp);
}

export const sortCommands: Record<string, CommandEntry> = {
  sort: { fn: sort, kind: 'program', summary: 'sort lines (-n, -r, -k N, -t SEP, -u, -h)' },
};
