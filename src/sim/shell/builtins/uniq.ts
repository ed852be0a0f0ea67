/** uniq (-c -d -u -i). */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { getopts, readInputs, splitLines } from './lib/common';

function uniq(argv: string[], ctx: BuiltinContext): number {
  const p = getopts(ctx, 'uniq', argv.slice(1), { flags: 'cdui', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } });
  if (typeof p === 'number') return p;
  const { inputs, ok } = readInputs(ctx, 'uniq', p.args.slice(0, 1));
  if (!ok) return 1;
  const lines = splitLines(inputs[0]?.text ?? '');
  const same = (a: string, b: string): boolean => (p.opts.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  let out = '';
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && same(lines[i], lines[j])) j++;
    const n = j - i;
    if ((!p.opts.has('d') || n > 1) && (!p.opts.has('u') || n === 1)) {
      out += (p.opts.has('c') ? `${String(n).padStart(7)} ` : '') + lines[i] + '\n';
    }
    i = j;
  }
  if (p.args[1]) ctx.fs.writeFile(ctx.fs.resolve(ctx.cwd, p.args[1]), out);
  else ctx.stdout(out);
  return 0;
}

export const uniqCommands: Record<string, CommandEntry> = {
  uniq: { fn: uniq, kind: 'program', summary: 'drop repeated adjacent lines (-c counts)' },
};
