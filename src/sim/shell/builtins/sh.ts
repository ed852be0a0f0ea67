/** sh / bash as commands: `sh -c 'script' [arg0 args…]`, `bash file.sh args…`, and xargs. */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { ExitSignal } from '../signals';
import { readFileOrReport } from './lib/common';

async function sh(argv: string[], ctx: BuiltinContext): Promise<number> {
  const name = argv[0].replace(/^.*\//, '');
  let i = 1;
  let script: string | undefined;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-c') {
      script = argv[++i];
      if (script === undefined) {
        ctx.stderr(`${name}: -c: option requires an argument\n`);
        return 2;
      }
      i++;
      break;
    }
    if (a === '--') {
      i++;
      break;
    }
    if (/^-[a-zA-Z]+$/.test(a) || /^[-+]o$/.test(a)) {
      if (/^[-+]o$/.test(a)) i++;
      continue;
    }
    break;
  }
  if (script !== undefined) {
    return ctx.sh.runScript(script, { arg0: argv[i] ?? name, args: argv.slice(i + 1) });
  }
  const file = argv[i];
  if (file === undefined) {
    const text = ctx.stdin;
    return text ? ctx.sh.runScript(text, { arg0: name, args: [] }) : 0;
  }
  const text = readFileOrReport(ctx, name, file);
  if (text === undefined) return 127;
  return ctx.sh.runScript(text, { arg0: file, args: argv.slice(i + 1) });
}

/** Split xargs input: blanks and newlines separate; quotes and backslashes group. */
function xargsWords(input: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (/\s/.test(c)) {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
    } else if (c === '"' || c === "'") {
      const end = input.indexOf(c, i + 1);
      const stop = end === -1 ? input.length : end;
      cur = (cur ?? '') + input.slice(i + 1, stop);
      i = stop;
    } else if (c === '\\' && i + 1 < input.length) {
      cur = (cur ?? '') + input[++i];
    } else cur = (cur ?? '') + c;
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

async function xargs(argv: string[], ctx: BuiltinContext): Promise<number> {
  let maxArgs = 0;
  let replace: string | undefined;
  let noRunEmpty = false;
  let trace = false;
  let delim: string | undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-n') maxArgs = Number(argv[++i]);
    else if (/^-n\d+$/.test(a)) maxArgs = Number(a.slice(2));
    else if (a === '-I') replace = argv[++i];
    else if (a.startsWith('-I')) replace = a.slice(2);
    else if (a === '-i') replace = '{}';
    else if (a === '-r' || a === '--no-run-if-empty') noRunEmpty = true;
    else if (a === '-t') trace = true;
    else if (a === '-0') delim = '\0';
    else if (a === '-d') delim = (argv[++i] ?? '\n').replace('\\n', '\n');
    else if (a === '-L') maxArgs = Number(argv[++i]);
    else if (a === '-P') i++;
    else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-') && a.length > 1) {
      ctx.stderr(`xargs: invalid option -- '${a.slice(1)}'\n`);
      return 1;
    } else break;
  }
  const cmd = argv.length > i ? argv.slice(i) : ['echo'];
  const input = ctx.stdin;
  const items = replace !== undefined ? input.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/^\s+/, '')) : delim !== undefined ? input.split(delim).filter((s, k, all) => s !== '' || k < all.length - 1) : xargsWords(input);
  const batches: string[][] = [];
  if (replace !== undefined) for (const it of items) batches.push(cmd.map((w) => w.split(replace!).join(it)));
  else if (maxArgs > 0) for (let k = 0; k < items.length; k += maxArgs) batches.push([...cmd, ...items.slice(k, k + maxArgs)]);
  else if (items.length || !noRunEmpty) batches.push([...cmd, ...items]);
  let status = 0;
  for (const b of batches) {
    if (trace) ctx.stderr(b.join(' ') + '\n');
    const s = await ctx.sh.exec(b, { stdin: '' });
    if (s === 127 || s === 126) return s;
    if (s === 255) {
      ctx.stderr(`xargs: ${b[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (s !== 0) status = 123;
  }
  return status;
}

/** sudo: everyone here is root already; run the command (options such as -E, -i, -u USER are skipped). */
async function sudo(argv: string[], ctx: BuiltinContext): Promise<number> {
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-u' || a === '-g' || a === '-C' || a === '-p') i++;
    else if (!a.startsWith('-')) break;
  }
  const rest = argv.slice(i);
  if (!rest.length) {
    ctx.stderr('usage: sudo -h | -K | -k | -V\nusage: sudo [-u user] command [arg ...]\n');
    return 1;
  }
  if (!ctx.sh.core.commands.has(rest[0]) && !ctx.sh.state.functions.has(rest[0]) && !rest[0].includes('/')) {
    ctx.stderr(`sudo: ${rest[0]}: command not found\n`);
    return 1;
  }
  return ctx.sh.exec(rest);
}

/** exec CMD: run it in place of the shell (the shell ends with its status). */
async function exec(argv: string[], ctx: BuiltinContext): Promise<number> {
  if (argv.length < 2) return 0;
  const status = await ctx.sh.exec(argv.slice(1));
  throw new ExitSignal(status);
}

export const shCommands: Record<string, CommandEntry> = {
  sudo: { fn: sudo, kind: 'program', summary: 'run a command as root (you are root already)' },
  exec: { fn: exec, kind: 'special', summary: 'replace the shell with a command' },
  trap: { fn: () => 0, kind: 'special' },
  sh: { fn: sh, kind: 'program', summary: "run a shell script (sh -c 'echo hi; sleep 1')" },
  bash: { fn: sh, kind: 'program' },
  xargs: { fn: xargs, kind: 'program', summary: 'build commands from standard input (-n N, -I {}, -r)' },
};
