/** wc: lines, words, bytes (-l -w -c -m -L), GNU column widths. */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { utf8Length } from '../vfs';
import { getopts, readInputs } from './lib/common';

function wc(argv: string[], ctx: BuiltinContext): number {
  const p = getopts(ctx, 'wc', argv.slice(1), { flags: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' } });
  if (typeof p === 'number') return p;
  let which = ['l', 'w', 'm', 'c', 'L'].filter((k) => p.opts.has(k));
  if (!which.length) which = ['l', 'w', 'c'];
  const { inputs, ok } = readInputs(ctx, 'wc', p.args);
  const counts = inputs.map((f) => {
    const t = f.text;
    const c: Record<string, number> = {
      l: (t.match(/\n/g) ?? []).length,
      w: (t.match(/[^\s]+/g) ?? []).length,
      c: utf8Length(t),
      m: [...t].length,
      L: Math.max(0, ...t.split('\n').map((l) => [...l].length)),
    };
    return c;
  });
  let width = 1;
  const firstFailed = p.args.length > 0 && p.args[0] !== '-' && inputs[0]?.name !== p.args[0];
  if ((which.length > 1 || p.args.length > 1) && inputs.length && !firstFailed) {
    const stdin = !p.args.length || p.args.includes('-');
    const total = counts.reduce((s, c) => s + c.c, 0);
    width = Math.max(stdin ? 7 : 1, String(total).length);
  }
  const line = (c: Record<string, number>, name?: string): string =>
    which.map((k) => String(c[k]).padStart(width)).join(' ') + (name !== undefined ? ` ${name}` : '') + '\n';
  let out = '';
  inputs.forEach((f, i) => {
    out += line(counts[i], p.args.length ? (f.name === '(standard input)' ? '-' : f.name) : undefined);
  });
  if (p.args.length > 1) {
    const total: Record<string, number> = { l: 0, w: 0, c: 0, m: 0, L: 0 };
    for (const c of counts) for (const k of Object.keys(total)) total[k] = k === 'L' ? Math.max(total[k], c[k]) : total[k] + c[k];
    out += line(total, 'total');
  }
  ctx.stdout(out);
  return ok ? 0 : 1;
}

export const wcCommands: Record<string, CommandEntry> = {
  wc: { fn: wc, kind: 'program', summary: 'count lines, words, bytes (-l -w -c)' },
};
