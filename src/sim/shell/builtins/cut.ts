/** cut (-d DELIM -f LIST, -c LIST, -b LIST, -s, --complement, --output-delimiter). */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { getopts, readInputs, splitLines } from './lib/common';

type Range = [number, number];

function parseList(list: string): Range[] | undefined {
  const out: Range[] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3])) return undefined;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    if (a < 1) return undefined;
    out.push([a, b]);
  }
  return out;
}

function cut(argv: string[], ctx: BuiltinContext): number {
  const p = getopts(ctx, 'cut', argv.slice(1), {
    flags: 'sn',
    values: 'dfcb',
    long: { 'delimiter=': 'd', 'fields=': 'f', 'characters=': 'c', 'bytes=': 'b', 'only-delimited': 's', complement: 'complement', 'output-delimiter=': 'od' },
  });
  if (typeof p === 'number') return p;
  const mode = p.opts.has('f') ? 'f' : p.opts.has('c') ? 'c' : p.opts.has('b') ? 'c' : undefined;
  if (!mode) {
    ctx.stderr("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    return 1;
  }
  const listText = p.opts.get(mode === 'f' ? 'f' : p.opts.has('c') ? 'c' : 'b')!.at(-1)!;
  const ranges = parseList(listText);
  if (!ranges) {
    ctx.stderr(`cut: invalid field value ‘${listText}’\nTry 'cut --help' for more information.\n`);
    return 1;
  }
  const delim = p.opts.get('d')?.at(-1) ?? '\t';
  if (delim.length !== 1) {
    ctx.stderr("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
    return 1;
  }
  const outDelim = p.opts.get('od')?.at(-1) ?? (mode === 'f' ? delim : '');
  const complement = p.opts.has('complement');
  const pick = (n: number): boolean => ranges.some(([a, b]) => n >= a && n <= b) !== complement;
  const { inputs, ok } = readInputs(ctx, 'cut', p.args);
  let out = '';
  for (const f of inputs) {
    for (const line of splitLines(f.text)) {
      if (mode === 'c') {
        out += [...line].filter((_, i) => pick(i + 1)).join(outDelim) + '\n';
        continue;
      }
      if (!line.includes(delim)) {
        if (!p.opts.has('s')) out += line + '\n';
        continue;
      }
      out += line.split(delim).filter((_, i) => pick(i + 1)).join(outDelim) + '\n';
    }
  }
  ctx.stdout(out);
  return ok ? 0 : 1;
}

export const cutCommands: Record<string, CommandEntry> = {
  cut: { fn: cut, kind: 'program', summary: 'select fields or characters (-d: -f1,3, -c1-5)' },
};
