/** Builtins that change the shell's own state: cd, pwd, export, unset, set, local, shift, alias. */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { shellQuote } from './lib/printf';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function cd(argv: string[], ctx: BuiltinContext): number {
  const st = ctx.sh.state;
  const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P' || a === '--')));
  if (args.length > 1) {
    ctx.stderr('bash: cd: too many arguments\n');
    return 1;
  }
  let target: string | undefined = args[0];
  let print = false;
  if (target === undefined || target === '') {
    target = st.get('HOME');
    if (!target) {
      ctx.stderr('bash: cd: HOME not set\n');
      return 1;
    }
  } else if (target === '-') {
    target = st.get('OLDPWD');
    if (!target) {
      ctx.stderr('bash: cd: OLDPWD not set\n');
      return 1;
    }
    print = true;
  }
  const path = ctx.fs.resolve(st.cwd, target);
  const stat = ctx.fs.stat(path);
  if (!stat) {
    ctx.stderr(`bash: cd: ${target}: No such file or directory\n`);
    return 1;
  }
  if (stat.type !== 'dir') {
    ctx.stderr(`bash: cd: ${target}: Not a directory\n`);
    return 1;
  }
  st.set('OLDPWD', st.cwd);
  st.exported.add('OLDPWD');
  st.cwd = path;
  st.set('PWD', path);
  if (print) ctx.stdout(path + '\n');
  return 0;
}

function pwd(_argv: string[], ctx: BuiltinContext): number {
  ctx.stdout(ctx.sh.state.cwd + '\n');
  return 0;
}

function declareLine(name: string, value: string | undefined, flag: string): string {
  if (value === undefined) return `declare ${flag} ${name}\n`;
  return `declare ${flag} ${name}="${value.replace(/(["\\$`])/g, '\\$1')}"\n`;
}

function assignArgs(ctx: BuiltinContext, cmd: string, args: string[], each: (name: string, value: string | undefined) => void): number {
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq === -1 ? a : a.slice(0, eq).replace(/\+$/, '');
    if (!NAME.test(name)) {
      ctx.stderr(`bash: ${cmd}: \`${a}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    let value = eq === -1 ? undefined : a.slice(eq + 1);
    if (value !== undefined && a[eq - 1] === '+') value = (ctx.sh.state.get(name) ?? '') + value;
    each(name, value);
  }
  return status;
}

function exportCmd(argv: string[], ctx: BuiltinContext): number {
  const st = ctx.sh.state;
  let args = argv.slice(1);
  let unexport = false;
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    if (args[0].includes('n')) unexport = true;
    const done = args[0] === '--';
    args = args.slice(1);
    if (done) break;
  }
  if (!args.length) {
    for (const name of [...st.exported].sort()) ctx.stdout(declareLine(name, st.get(name), '-x'));
    return 0;
  }
  return assignArgs(ctx, 'export', args, (name, value) => {
    if (unexport) {
      st.exported.delete(name);
      if (value !== undefined) st.set(name, value);
    } else st.export(name, value);
  });
}

function unset(argv: string[], ctx: BuiltinContext): number {
  const st = ctx.sh.state;
  let fns = false;
  for (const a of argv.slice(1)) {
    if (a === '-f') fns = true;
    else if (a === '-v') fns = false;
    else if (fns) st.functions.delete(a);
    else if (/^[A-Za-z_][A-Za-z0-9_]*\[-?\d+\]$/.test(a)) {
      const [, name, idx] = /^(\w+)\[(-?\d+)\]$/.exec(a)!;
      const v = st.vars.get(name);
      if (Array.isArray(v)) {
        const i = Number(idx) < 0 ? v.length + Number(idx) : Number(idx);
        delete v[i];
      } else if (Number(idx) === 0) st.unset(name);
    } else if (st.vars.has(a)) st.unset(a);
    else st.functions.delete(a);
  }
  return 0;
}

function set(argv: string[], ctx: BuiltinContext): number {
  const st = ctx.sh.state;
  const args = argv.slice(1);
  if (!args.length) {
    for (const name of [...st.vars.keys()].sort()) ctx.stdout(`${name}=${shellQuote(st.get(name) ?? '')}\n`);
    return 0;
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      st.positional = args.slice(i + 1);
      return 0;
    }
    if (a === '-o' || a === '+o') {
      const name = args[++i];
      const opt = name === 'errexit' || name === 'nounset' || name === 'xtrace' || name === 'pipefail' ? name : undefined;
      if (name === undefined) {
        for (const o of ['errexit', 'nounset', 'pipefail', 'xtrace'] as const) ctx.stdout(`${o.padEnd(15)}\t${st.options.has(o) ? 'on' : 'off'}\n`);
      } else if (opt) {
        if (a === '-o') st.options.add(opt);
        else st.options.delete(opt);
      }
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      const on = a.startsWith('-');
      for (const f of a.slice(1)) {
        const opt = f === 'e' ? 'errexit' : f === 'u' ? 'nounset' : f === 'x' ? 'xtrace' : undefined;
        if (!opt) continue;
        if (on) st.options.add(opt);
        else st.options.delete(opt);
      }
      continue;
    }
    st.positional = args.slice(i);
    return 0;
  }
  return 0;
}

function local(argv: string[], ctx: BuiltinContext): number {
  const st = ctx.sh.state;
  if (!st.localFrames.length) {
    ctx.stderr('bash: local: can only be used in a function\n');
    return 1;
  }
  return assignArgs(ctx, 'local', argv.slice(1).filter((a) => !a.startsWith('-')), (name, value) => {
    st.makeLocal(name);
    if (value !== undefined) st.set(name, value);
  });
}

function declare(argv: string[], ctx: BuiltinContext): number {
  const st = ctx.sh.state;
  const flags = argv.slice(1).filter((a) => a.startsWith('-') || a.startsWith('+')).join('');
  const args = argv.slice(1).filter((a) => !a.startsWith('-') && !a.startsWith('+'));
  if (!args.length) {
    for (const name of [...st.vars.keys()].sort()) ctx.stdout(`${name}=${shellQuote(st.get(name) ?? '')}\n`);
    return 0;
  }
  return assignArgs(ctx, 'declare', args, (name, value) => {
    if (st.localFrames.length && !flags.includes('g')) st.makeLocal(name);
    if (flags.includes('x')) st.export(name, value);
    else if (value !== undefined) st.set(name, value);
    else if (!st.vars.has(name)) st.set(name, flags.includes('a') ? '' : '');
  });
}

function shift(argv: string[], ctx: BuiltinContext): number {
  const st = ctx.sh.state;
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) {
    ctx.stderr(`bash: shift: ${argv[1]}: numeric argument required\n`);
    return 1;
  }
  if (n > st.positional.length) return 1;
  st.positional = st.positional.slice(n);
  return 0;
}

function alias(argv: string[], ctx: BuiltinContext): number {
  const aliases = ctx.sh.core.aliases;
  const args = argv.slice(1).filter((a) => a !== '-p');
  const show = (name: string): void => ctx.stdout(`alias ${name}='${aliases.get(name)!.replace(/'/g, `'\\''`)}'\n`);
  if (!args.length) {
    for (const name of [...aliases.keys()].sort()) show(name);
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) aliases.set(a.slice(0, eq), a.slice(eq + 1));
    else if (aliases.has(a)) show(a);
    else {
      ctx.stderr(`bash: alias: ${a}: not found\n`);
      status = 1;
    }
  }
  return status;
}

function unalias(argv: string[], ctx: BuiltinContext): number {
  const aliases = ctx.sh.core.aliases;
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a === '-a') aliases.clear();
    else if (!aliases.delete(a)) {
      ctx.stderr(`bash: unalias: ${a}: not found\n`);
      status = 1;
    }
  }
  return status;
}

export const shellVarCommands: Record<string, CommandEntry> = {
  cd: { fn: cd, kind: 'special', summary: 'change the working directory (cd -, cd ~)' },
  pwd: { fn: pwd, kind: 'builtin', summary: 'print the working directory' },
  export: { fn: exportCmd, kind: 'special', summary: 'export variables to commands (export A=b)' },
  unset: { fn: unset, kind: 'special', summary: 'remove variables or functions' },
  set: { fn: set, kind: 'special', summary: 'list variables; set -- sets positional parameters' },
  local: { fn: local, kind: 'special', summary: 'function-local variables' },
  declare: { fn: declare, kind: 'special', summary: 'declare variables (-x exports)' },
  typeset: { fn: declare, kind: 'special' },
  shift: { fn: shift, kind: 'special', summary: 'shift positional parameters' },
  alias: { fn: alias, kind: 'special', summary: 'define or list aliases (alias k=kubectl)' },
  unalias: { fn: unalias, kind: 'special', summary: 'remove aliases' },
};
