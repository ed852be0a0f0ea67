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
  let arrayName: string | undefined;
  let delim = '\n';
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (/^-[a-zA-Z]+$/.test(a) && names.length === 0) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        // options that take a value use the rest of the word or the next argument
        if ('apdtnNu'.includes(f)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : (argv[++i] ?? '');
          if (f === 'a') arrayName = v;
          else if (f === 'p') ctx.stderr(v);
          else if (f === 'd') delim = v.slice(0, 1);
          break;
        }
        if (f === 'r') raw = true;
      }
    } else names.push(a);
  }
  let line = '';
  let ended = false;
  if (delim !== '\n') {
    const all = ctx.stdin;
    const at = delim === '' ? -1 : all.indexOf(delim);
    line = at === -1 ? all : all.slice(0, at);
    ended = at !== -1 || (delim === '' && all !== '');
    if (delim === '') ended = false;
  } else {
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
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const ifs = st.get('IFS') ?? ' \t\n';
  const splitter = ifsSplitter(ifs);
  const trimmed = /[ \t\n]/.test(ifs) ? line.replace(/^[ \t\n]+|[ \t\n]+$/g, '') : line;
  if (arrayName !== undefined) {
    st.setArray(arrayName, trimmed === '' ? [] : splitter ? trimmed.split(splitter) : [trimmed]);
    return ended || line !== '' ? (ended ? 0 : 1) : 1;
  }
  if (!names.length) st.set('REPLY', line);
  else {
    let rest = trimmed;
    names.forEach((name, i) => {
      if (i === names.length - 1 || !splitter) {
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

/** `complete -F __start_kubectl k`: complete `k` like the command the function belongs to. */
function complete(argv: string[], ctx: BuiltinContext): number {
  const core = ctx.sh.core;
  let fn: string | undefined;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-F') fn = argv[++i];
    else if (a === '-o' || a === '-A' || a === '-W' || a === '-C' || a === '-X' || a === '-P' || a === '-S' || a === '-G') i++;
    else if (!a.startsWith('-')) names.push(a);
  }
  const target = fn ? /^_{1,2}start_(.+)$/.exec(fn)?.[1] : undefined;
  if (target) {
    for (const name of names) {
      if (name === target) continue;
      core.completers.set(name, (words, cur) => {
        const c = core.completers.get(target) ?? core.commands.get(target)?.completer;
        return c ? c([target, ...words.slice(1)], cur) : [];
      });
    }
  }
  return 0;
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
  complete: { fn: complete, kind: 'special' },
};
