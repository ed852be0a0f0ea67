/** Control builtins: exit, return, break, continue, true, false, :, eval, source, wait, test, [, read. */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { evalTest, TestError } from '../exec/test-expr';
import { ifsSplitter } from '../expand/expand';
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal } from '../signals';
import { VfsError } from '../vfs';

function numericArg(ctx: BuiltinContext, cmd: string, a: string | undefined, dflt: number): number | undefined {
  if (a === undefined) return dflt;
  if (!/^\s*[-+]?\d+\s*$/.test(a)) {
    ctx.stderr(`bash: ${cmd}: ${a}: numeric argument required\n`);
    return undefined;
  }
  return ((Number(a) % 256) + 256) % 256;
}

function exit(argv: string[], ctx: BuiltinContext): number {
  const n = numericArg(ctx, 'exit', argv[1], ctx.sh.state.lastStatus);
  throw new ExitSignal(n ?? 2);
}

function ret(argv: string[], ctx: BuiltinContext): number {
  if (!ctx.sh.state.localFrames.length) {
    ctx.stderr("bash: return: can only `return' from a function or sourced script\n");
    return 1;
  }
  const n = numericArg(ctx, 'return', argv[1], ctx.sh.state.lastStatus);
  throw new ReturnSignal(n ?? 2);
}

function loopControl(kind: 'break' | 'continue') {
  return (argv: string[], ctx: BuiltinContext): number => {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 1) {
      ctx.stderr(`bash: ${kind}: ${argv[1]}: loop count out of range\n`);
      return 1;
    }
    if (!ctx.sh.loopDepth()) {
      ctx.stderr(`bash: ${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return 0;
    }
    throw kind === 'break' ? new BreakSignal(n) : new ContinueSignal(n);
  };
}

function evalCmd(argv: string[], ctx: BuiltinContext): Promise<number> | number {
  const text = argv.slice(1).join(' ');
  return text.trim() ? ctx.sh.evalText(text) : 0;
}

async function source(argv: string[], ctx: BuiltinContext): Promise<number> {
  const name = argv[1];
  if (name === undefined) {
    ctx.stderr(`bash: ${argv[0]}: filename argument required\n${argv[0]}: usage: ${argv[0]} filename [arguments]\n`);
    return 2;
  }
  let text: string;
  try {
    text = ctx.fs.readFile(ctx.fs.resolve(ctx.cwd, name));
  } catch (e) {
    if (e instanceof VfsError) {
      ctx.stderr(`bash: ${name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  return ctx.sh.evalText(text);
}

async function wait(_argv: string[], ctx: BuiltinContext): Promise<number> {
  await ctx.sh.waitJobs();
  return 0;
}

function test(argv: string[], ctx: BuiltinContext): number {
  let args = argv.slice(1);
  const name = argv[0];
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      ctx.stderr("bash: [: missing `]'\n");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(args, { fs: ctx.fs, cwd: ctx.cwd }) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      ctx.stderr(`bash: ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function read(argv: string[], ctx: BuiltinContext): number {
  const st = ctx.sh.state;
  let raw = false;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-r') raw = true;
    else if (a === '-p') ctx.stderr(argv[++i] ?? '');
    else if (a === '-t' || a === '-n' || a === '-d' || a === '-u') i++;
    else if (/^-[rs]+$/.test(a)) raw ||= a.includes('r');
    else names.push(a);
  }
  let line = '';
  let ended = false;
  for (;;) {
    const r = ctx.sh.readLine();
    if (!r) break;
    line += r[0];
    ended = r[1];
    if (!raw && ended && /(^|[^\\])(\\\\)*\\$/.test(line)) {
      line = line.slice(0, -1);
      continue;
    }
    break;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const targets = names.length ? names : ['REPLY'];
  const ifs = st.get('IFS') ?? ' \t\n';
  if (!names.length) st.set('REPLY', line);
  else {
    const splitter = ifsSplitter(ifs);
    const ws = /[ \t\n]/.test(ifs) ? line.replace(/^[ \t\n]+|[ \t\n]+$/g, '') : line;
    let rest = ws;
    targets.forEach((name, i) => {
      if (i === targets.length - 1 || !splitter) {
        st.set(name, rest);
        rest = '';
        return;
      }
      const m = splitter.exec(rest);
      if (!m) {
        st.set(name, rest);
        rest = '';
      } else {
        st.set(name, rest.slice(0, m.index));
        rest = rest.slice(m.index + m[0].length);
      }
    });
  }
  return ended ? 0 : 1;
}

export const controlCommands: Record<string, CommandEntry> = {
  exit: { fn: exit, kind: 'special', summary: 'leave the shell' },
  return: { fn: ret, kind: 'special', summary: 'return from a function' },
  break: { fn: loopControl('break'), kind: 'special', summary: 'leave a loop' },
  continue: { fn: loopControl('continue'), kind: 'special', summary: 'next loop iteration' },
  true: { fn: () => 0, kind: 'builtin', summary: 'succeed' },
  false: { fn: () => 1, kind: 'builtin', summary: 'fail' },
  ':': { fn: () => 0, kind: 'special', summary: 'do nothing, successfully' },
  eval: { fn: evalCmd, kind: 'special', summary: 'run arguments as a command' },
  source: { fn: source, kind: 'special', summary: 'run a file in this shell' },
  '.': { fn: source, kind: 'special' },
  wait: { fn: wait, kind: 'special', summary: 'wait for background jobs' },
  test: { fn: test, kind: 'builtin', summary: 'evaluate a condition (-f -d -z -n = != -eq -lt …)' },
  '[': { fn: test, kind: 'builtin', summary: 'same as test, ending with ]' },
  read: { fn: read, kind: 'special', summary: 'read a line into variables (read -r a b)' },
  complete: { fn: () => 0, kind: 'special' },
};
