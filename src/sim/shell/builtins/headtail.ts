/** head and tail (-n N, -N, -c N, tail -n +N, several files with ==> name <== headers). */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { getopts, readInputs } from './lib/common';

function headTail(kind: 'head' | 'tail') {
  return (argv: string[], ctx: BuiltinContext): number => {
    const p = getopts(ctx, kind, argv.slice(1), {
      flags: 'qvfF',
      values: 'nc',
      numeric: 'n',
      long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', silent: 'q', verbose: 'v', follow: 'f' },
    });
    if (typeof p === 'number') return p;
    const byBytes = p.opts.has('c') && (!p.opts.has('n') || argv.lastIndexOf('-c') > argv.lastIndexOf('-n'));
    const spec = (byBytes ? p.opts.get('c') : p.opts.get('n'))?.at(-1) ?? '10';
    const m = /^([+-]?)(\d+)([kKmM]?)$/.exec(spec);
    if (!m) {
      ctx.stderr(`${kind}: invalid number of ${byBytes ? 'bytes' : 'lines'}: ‘${spec}’\n`);
      return 1;
    }
    const n = Number(m[2]) * ({ '': 1, k: 1024, K: 1024, m: 1048576, M: 1048576 }[m[3]] ?? 1);
    const sign = m[1];
    const { inputs, ok } = readInputs(ctx, kind, p.args);
    const headers = (inputs.length > 1 && !p.opts.has('q')) || p.opts.has('v');
    inputs.forEach((f, i) => {
      if (headers) ctx.stdout(`${i ? '\n' : ''}==> ${f.name} <==\n`);
      ctx.stdout(byBytes ? cutBytes(kind, f.text, n, sign) : cutLines(kind, f.text, n, sign));
    });
    return ok ? 0 : 1;
  };
}

function cutBytes(kind: 'head' | 'tail', text: string, n: number, sign: string): string {
  if (kind === 'head') return sign === '-' ? text.slice(0, Math.max(0, text.length - n)) : text.slice(0, n);
  if (sign === '+') return text.slice(Math.max(0, n - 1));
  return n === 0 ? '' : text.slice(-n);
}

function cutLines(kind: 'head' | 'tail', text: string, n: number, sign: string): string {
  // keep the newlines: split after each
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  if (kind === 'head') return (sign === '-' ? lines.slice(0, Math.max(0, lines.length - n)) : lines.slice(0, n)).join('');
  if (sign === '+') return lines.slice(Math.max(0, n - 1)).join('');
  return n === 0 ? '' : lines.slice(-n).join('');
}

export const headTailCommands: Record<string, CommandEntry> = {
  head: { fn: headTail('head'), kind: 'program', summary: 'first lines (-n N, -N, -c N)' },
  tail: { fn: headTail('tail'), kind: 'program', summary: 'last lines (-n N, -n +N, -c N)' },
};
