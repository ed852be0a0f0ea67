/** File commands over the virtual filesystem: cat, mkdir, rmdir, touch, rm, cp, mv. */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { basename, VfsError } from '../vfs';
import { getopts, readInputs } from './lib/common';

function cat(argv: string[], ctx: BuiltinContext): number {
  const p = getopts(ctx, 'cat', argv.slice(1), { flags: 'nbEsAuvT', long: { number: 'n', 'number-nonblank': 'b', 'show-ends': 'E', 'squeeze-blank': 's' } });
  if (typeof p === 'number') return p;
  const { inputs, ok } = readInputs(ctx, 'cat', p.args);
  let n = 0;
  for (const f of inputs) {
    let text = f.text;
    if (p.opts.has('n') || p.opts.has('b') || p.opts.has('E') || p.opts.has('A')) {
      const lines = text.split('\n');
      const trailing = lines[lines.length - 1] === '';
      if (trailing) lines.pop();
      text = lines
        .map((l, i) => {
          const last = i === lines.length - 1 && !trailing;
          const end = p.opts.has('E') || p.opts.has('A') ? (last ? '' : '$') : '';
          const number = p.opts.has('b') ? l !== '' : p.opts.has('n');
          return (number ? `${String(++n).padStart(6)}\t` : '') + l + end + (last ? '' : '\n');
        })
        .join('');
    }
    ctx.stdout(text);
  }
  return ok ? 0 : 1;
}

function mkdir(argv: string[], ctx: BuiltinContext): number {
  const p = getopts(ctx, 'mkdir', argv.slice(1), { flags: 'pv', values: 'm', long: { parents: 'p', verbose: 'v', 'mode=': 'm' } });
  if (typeof p === 'number') return p;
  if (!p.args.length) {
    ctx.stderr("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const d of p.args) {
    try {
      ctx.fs.mkdir(ctx.fs.resolve(ctx.cwd, d), { parents: p.opts.has('p') });
      if (p.opts.has('v')) ctx.stdout(`mkdir: created directory '${d}'\n`);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      ctx.stderr(`mkdir: cannot create directory ‘${d}’: ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

function rmdir(argv: string[], ctx: BuiltinContext): number {
  let status = 0;
  for (const d of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const path = ctx.fs.resolve(ctx.cwd, d);
    try {
      if (!ctx.fs.isDir(path) && ctx.fs.exists(path)) throw new VfsError('ENOTDIR', path);
      ctx.fs.remove(path);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      ctx.stderr(`rmdir: failed to remove '${d}': ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

function touch(argv: string[], ctx: BuiltinContext): number {
  const files = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (!files.length) {
    ctx.stderr("touch: missing file operand\nTry 'touch --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const f of files) {
    try {
      ctx.fs.touch(ctx.fs.resolve(ctx.cwd, f));
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      ctx.stderr(`touch: cannot touch '${f}': ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

function rm(argv: string[], ctx: BuiltinContext): number {
  const p = getopts(ctx, 'rm', argv.slice(1), { flags: 'rRfvdi', long: { recursive: 'r', force: 'f', verbose: 'v', dir: 'd' } });
  if (typeof p === 'number') return p;
  const recursive = p.opts.has('r') || p.opts.has('R');
  const force = p.opts.has('f');
  if (!p.args.length && !force) {
    ctx.stderr("rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const f of p.args) {
    const path = ctx.fs.resolve(ctx.cwd, f);
    const st = ctx.fs.stat(path);
    if (!st) {
      if (!force) {
        ctx.stderr(`rm: cannot remove '${f}': No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (st.type === 'dir' && !recursive && !(p.opts.has('d') && !ctx.fs.readdir(path).length)) {
      ctx.stderr(`rm: cannot remove '${f}': Is a directory\n`);
      status = 1;
      continue;
    }
    if (path === '/') {
      ctx.stderr("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
      status = 1;
      continue;
    }
    try {
      ctx.fs.remove(path, { recursive });
    } catch (e) {
      // a read-only or busy mount (a configMap volume, a mount point)
      if (!(e instanceof VfsError)) throw e;
      ctx.stderr(`rm: cannot remove '${f}': ${e.message}\n`);
      status = 1;
      continue;
    }
    if (p.opts.has('v')) ctx.stdout(`removed '${f}'\n`);
  }
  return status;
}

function copyOrMove(kind: 'cp' | 'mv') {
  return (argv: string[], ctx: BuiltinContext): number => {
    const p = getopts(ctx, kind, argv.slice(1), { flags: 'rRafvpnid', long: { recursive: 'r', force: 'f', verbose: 'v', archive: 'a' } });
    if (typeof p === 'number') return p;
    const recursive = kind === 'mv' || p.opts.has('r') || p.opts.has('R') || p.opts.has('a');
    if (p.args.length < 2) {
      ctx.stderr(p.args.length ? `${kind}: missing destination file operand after '${p.args[0]}'\nTry '${kind} --help' for more information.\n` : `${kind}: missing file operand\nTry '${kind} --help' for more information.\n`);
      return 1;
    }
    const sources = p.args.slice(0, -1);
    const destArg = p.args[p.args.length - 1];
    const dest = ctx.fs.resolve(ctx.cwd, destArg);
    const destIsDir = ctx.fs.isDir(dest);
    if (sources.length > 1 && !destIsDir) {
      ctx.stderr(`${kind}: target '${destArg}' is not a directory\n`);
      return 1;
    }
    let status = 0;
    for (const s of sources) {
      const src = ctx.fs.resolve(ctx.cwd, s);
      const st = ctx.fs.stat(src);
      if (!st) {
        ctx.stderr(`${kind}: cannot stat '${s}': No such file or directory\n`);
        status = 1;
        continue;
      }
      if (st.type === 'dir' && !recursive) {
        ctx.stderr(`cp: -r not specified; omitting directory '${s}'\n`);
        status = 1;
        continue;
      }
      const target = destIsDir ? `${dest === '/' ? '' : dest}/${basename(src)}` : dest;
      if (target === src) {
        ctx.stderr(kind === 'cp' ? `cp: '${s}' and '${destArg}' are the same file\n` : `mv: '${s}' and '${destArg}' are the same file\n`);
        status = 1;
        continue;
      }
      if (st.type === 'dir' && (target + '/').startsWith(src + '/')) {
        ctx.stderr(`${kind}: cannot ${kind === 'cp' ? 'copy' : 'move'} '${s}' to a subdirectory of itself, '${destArg}'\n`);
        status = 1;
        continue;
      }
      try {
        if (ctx.fs.isDir(target) && st.type !== 'dir') throw new VfsError('EISDIR', target);
        if (kind === 'cp') ctx.fs.copy(src, target);
        else {
          if (ctx.fs.exists(target)) ctx.fs.remove(target, { recursive: true });
          ctx.fs.rename(src, target);
        }
        if (p.opts.has('v')) ctx.stdout(kind === 'cp' ? `'${s}' -> '${destArg}'\n` : `renamed '${s}' -> '${destArg}'\n`);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        ctx.stderr(`${kind}: cannot create regular file '${destArg}': ${e.message}\n`);
        status = 1;
      }
    }
    return status;
  };
}

export const fileCommands: Record<string, CommandEntry> = {
  cat: { fn: cat, kind: 'program', summary: 'print files (-n numbers lines)' },
  mkdir: { fn: mkdir, kind: 'program', summary: 'create directories (-p)' },
  rmdir: { fn: rmdir, kind: 'program', summary: 'remove empty directories' },
  touch: { fn: touch, kind: 'program', summary: 'create empty files / update times' },
  rm: { fn: rm, kind: 'program', summary: 'remove files (-r, -f)' },
  cp: { fn: copyOrMove('cp'), kind: 'program', summary: 'copy files (-r)' },
  mv: { fn: copyOrMove('mv'), kind: 'program', summary: 'move or rename files' },
};
