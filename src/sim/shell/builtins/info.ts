/** Information builtins: type, which, help, history, env, printenv, hostname, whoami, id, uname, date. */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { RESERVED } from '../parse/cursor';
import { parseDate } from './lib/dateparse';
import { strftime } from './lib/datefmt';

function type(argv: string[], ctx: BuiltinContext): number {
  let terse = false;
  let status = 0;
  for (const name of argv.slice(1)) {
    if (name === '-t') {
      terse = true;
      continue;
    }
    if (name.startsWith('-')) continue;
    const alias = ctx.sh.core.aliases.get(name);
    const entry = ctx.sh.core.commands.get(name);
    if (alias !== undefined) ctx.stdout(terse ? 'alias\n' : `${name} is aliased to \`${alias}'\n`);
    else if (RESERVED.has(name) && name !== ']]' ) ctx.stdout(terse ? 'keyword\n' : `${name} is a shell keyword\n`);
    else if (ctx.sh.state.functions.has(name)) ctx.stdout(terse ? 'function\n' : `${name} is a function\n`);
    else if (entry && entry.kind !== 'program') ctx.stdout(terse ? 'builtin\n' : `${name} is a shell builtin\n`);
    else if (entry) ctx.stdout(terse ? 'file\n' : `${name} is /usr/bin/${name}\n`);
    else {
      if (!terse) ctx.stderr(`bash: type: ${name}: not found\n`);
      status = 1;
    }
  }
  return status;
}

function which(argv: string[], ctx: BuiltinContext): number {
  let status = 0;
  for (const name of argv.slice(1)) {
    if (name.startsWith('-')) continue;
    const entry = ctx.sh.core.commands.get(name);
    if (entry && entry.kind !== 'special') ctx.stdout(`/usr/bin/${name}\n`);
    else status = 1;
  }
  return status;
}

function help(argv: string[], ctx: BuiltinContext): number {
  const cmds = ctx.sh.core.commands;
  if (argv[1]) {
    const e = cmds.get(argv[1]);
    if (!e) {
      ctx.stderr(`bash: help: no help topics match \`${argv[1]}'.\n`);
      return 1;
    }
    ctx.stdout(`${argv[1]}: ${e.summary ?? ''}\n`);
    return 0;
  }
  const names = [...cmds.keys()].filter((n) => cmds.get(n)!.summary).sort();
  const width = Math.max(...names.map((n) => n.length)) + 2;
  let out = 'Commands available in this simulated shell:\n\n';
  for (const n of names) out += `  ${n.padEnd(width)}${cmds.get(n)!.summary}\n`;
  out += '\nShell syntax: quotes, $VAR ${VAR:-x} $(cmd) $((1+2)), pipes |, ; && ||, redirects > >> < 2>&1 &>,\n';
  out += 'here-documents <<EOF, here-strings <<<, for/while/until/if/case, functions, aliases, globs.\n';
  ctx.stdout(out);
  return 0;
}

function history(argv: string[], ctx: BuiltinContext): number {
  const h = ctx.sh.core.history;
  if (argv[1] === '-c') {
    h.length = 0;
    return 0;
  }
  let from = 0;
  if (argv[1] !== undefined) {
    const n = Number(argv[1]);
    if (!Number.isInteger(n) || n < 0) {
      ctx.stderr(`bash: history: ${argv[1]}: numeric argument required\n`);
      return 1;
    }
    from = Math.max(0, h.length - n);
  }
  let out = '';
  for (let i = from; i < h.length; i++) out += `${String(i + 1).padStart(5)}  ${h[i]}\n`;
  ctx.stdout(out);
  return 0;
}

async function env(argv: string[], ctx: BuiltinContext): Promise<number> {
  let i = 1;
  let vars: Record<string, string> = { ...ctx.env };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-i' || a === '-') vars = {};
    else if (a === '-u') delete vars[argv[++i] ?? ''];
    else if (/^[^=]+=/.test(a)) {
      const eq = a.indexOf('=');
      vars[a.slice(0, eq)] = a.slice(eq + 1);
    } else break;
  }
  if (i >= argv.length) {
    ctx.stdout(
      Object.keys(vars)
        .map((k) => `${k}=${vars[k]}\n`)
        .join(''),
    );
    return 0;
  }
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) if (ctx.env[k] !== v) extra[k] = v;
  const status = await ctx.sh.exec(argv.slice(i), { env: extra });
  return status === 127 ? 127 : status;
}

function printenv(argv: string[], ctx: BuiltinContext): number {
  if (argv.length === 1) {
    for (const [k, v] of Object.entries(ctx.env)) ctx.stdout(`${k}=${v}\n`);
    return 0;
  }
  let status = 0;
  for (const n of argv.slice(1)) {
    const v = ctx.env[n];
    if (v === undefined) status = 1;
    else ctx.stdout(v + '\n');
  }
  return status;
}

function hostname(_argv: string[], ctx: BuiltinContext): number {
  ctx.stdout(ctx.sh.core.hostname + '\n');
  return 0;
}

function whoami(_argv: string[], ctx: BuiltinContext): number {
  ctx.stdout(ctx.sh.core.user + '\n');
  return 0;
}

function id(_argv: string[], ctx: BuiltinContext): number {
  const u = ctx.sh.core.user;
  const n = u === 'root' ? 0 : 1000;
  ctx.stdout(`uid=${n}(${u}) gid=${n}(${u}) groups=${n}(${u})\n`);
  return 0;
}

function uname(argv: string[], ctx: BuiltinContext): number {
  const f = argv.slice(1).join('');
  const kernel = '6.8.0-51-generic';
  const parts: string[] = [];
  if (f.includes('a')) parts.push('Linux', ctx.sh.core.hostname, kernel, '#51-Ubuntu SMP PREEMPT_DYNAMIC', 'x86_64', 'x86_64', 'x86_64', 'GNU/Linux');
  else {
    if (!f || f.includes('s')) parts.push('Linux');
    if (f.includes('n')) parts.push(ctx.sh.core.hostname);
    if (f.includes('r')) parts.push(kernel);
    if (f.includes('m')) parts.push('x86_64');
    if (f.includes('o')) parts.push('GNU/Linux');
  }
  ctx.stdout(parts.join(' ') + '\n');
  return 0;
}

function date(argv: string[], ctx: BuiltinContext): number {
  let t = ctx.now();
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('+')) fmt = a.slice(1);
    else if (a === '-u' || a === '--utc') continue;
    else if (a === '-d' || a.startsWith('--date=') || a.startsWith('-d')) {
      const v = a === '-d' ? argv[++i] : a.startsWith('--date=') ? a.slice(7) : a.slice(2);
      const parsed = parseDate(v ?? '', ctx.now());
      if (parsed === undefined) {
        ctx.stderr(`date: invalid date ‘${v}’\n`);
        return 1;
      }
      t = parsed;
    } else if (a === '-R' || a === '--rfc-email') fmt = '%a, %d %b %Y %H:%M:%S %z';
    else if (a === '-I' || a === '--iso-8601' || a === '-Idate') fmt = '%F';
    else if (a === '-Iseconds' || a === '--iso-8601=seconds') fmt = '%FT%T+00:00';
    else if (a === '-Iminutes') fmt = '%FT%R+00:00';
    else if (a === '--rfc-3339=seconds') fmt = '%F %T+00:00';
    else {
      ctx.stderr(`date: invalid date '${a}'\n`);
      return 1;
    }
  }
  ctx.stdout(strftime(fmt, t) + '\n');
  return 0;
}

export const infoCommands: Record<string, CommandEntry> = {
  type: { fn: type, kind: 'special', summary: 'how a name would be run (builtin, file, alias …)' },
  which: { fn: which, kind: 'program', summary: 'locate a command' },
  help: { fn: help, kind: 'special', summary: 'this list' },
  history: { fn: history, kind: 'special', summary: 'commands typed so far (history -c clears)' },
  env: { fn: env, kind: 'program', summary: 'print the environment, or run a command with changes' },
  printenv: { fn: printenv, kind: 'program', summary: 'print environment variables' },
  hostname: { fn: hostname, kind: 'program', summary: 'name of this machine' },
  whoami: { fn: whoami, kind: 'program', summary: 'current user' },
  id: { fn: id, kind: 'program', summary: 'user and group ids' },
  uname: { fn: uname, kind: 'program', summary: 'system information (-a)' },
  date: { fn: date, kind: 'program', summary: 'print the (virtual) date and time (+FORMAT, -d @SECONDS)' },
};
