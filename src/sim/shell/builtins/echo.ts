/** echo and printf. */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { decodeEscapes } from './lib/escapes';
import { formatPrintf } from './lib/printf';

function echo(argv: string[], ctx: BuiltinContext): number {
  let newline = true;
  let escapes = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = argv.slice(i).join(' ');
  if (escapes) {
    const d = decodeEscapes(text, 'echo');
    ctx.stdout(d.text);
    if (d.stop) return 0;
    text = '';
  }
  ctx.stdout(text + (newline ? '\n' : ''));
  return 0;
}

function printf(argv: string[], ctx: BuiltinContext): number {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args[0] === '-v' && args.length >= 3) {
    const r = formatPrintf(args[2], args.slice(3));
    for (const e of r.errors) ctx.stderr(`bash: printf: ${e}\n`);
    ctx.sh.state.set(args[1], r.text);
    return r.errors.length ? 1 : 0;
  }
  if (!args.length) {
    ctx.stderr('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  const r = formatPrintf(args[0], args.slice(1));
  ctx.stdout(r.text);
  for (const e of r.errors) ctx.stderr(`bash: printf: ${e}\n`);
  return r.errors.length ? 1 : 0;
}

export const echoCommands: Record<string, CommandEntry> = {
  echo: { fn: echo, kind: 'builtin', summary: 'write arguments to standard output (-n no newline, -e escapes)' },
  printf: { fn: printf, kind: 'builtin', summary: 'formatted output (%s %d %x %f %c %b, \\n escapes)' },
};
