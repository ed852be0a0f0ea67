/** ls: GNU layout (columns on a terminal, one per line otherwise), -l -a -A -1 -d -r -t -S -h -F. */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import type { Stat } from '../vfs';
import { byteCompare } from '../vfs';
import { getopts } from './lib/common';
import { strftime } from './lib/datefmt';

const LINE_LENGTH = 80;

interface Entry {
  name: string;
  path: string;
  stat: Stat;
}

interface Flags {
  long: boolean;
  all: boolean;
  almostAll: boolean;
  one: boolean;
  dirSelf: boolean;
  reverse: boolean;
  byTime: boolean;
  bySize: boolean;
  human: boolean;
  classify: boolean;
  recursive: boolean;
}

function ls(argv: string[], ctx: BuiltinContext): number {
  const p = getopts(ctx, 'ls', argv.slice(1), {
    flags: 'laA1drtShFRC',
    long: { all: 'a', 'almost-all': 'A', directory: 'd', reverse: 'r', 'human-readable': 'h', classify: 'F', recursive: 'R', 'color=': 'color', color: 'color' },
  }, 2);
  if (typeof p === 'number') return p;
  const f: Flags = {
    long: p.opts.has('l'),
    all: p.opts.has('a'),
    almostAll: p.opts.has('A'),
    one: p.opts.has('1') || !ctx.isTTY,
    dirSelf: p.opts.has('d'),
    reverse: p.opts.has('r'),
    byTime: p.opts.has('t'),
    bySize: p.opts.has('S'),
    human: p.opts.has('h'),
    classify: p.opts.has('F'),
    recursive: p.opts.has('R'),
  };
  if (p.opts.has('C')) f.one = false;
  const operands = p.args.length ? p.args : ['.'];
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const op of operands) {
    const path = ctx.fs.resolve(ctx.cwd, op);
    const stat = ctx.fs.stat(path);
    if (!stat) {
      ctx.stderr(`ls: cannot access '${op}': No such file or directory\n`);
      status = 2;
      continue;
    }
    (stat.type === 'dir' && !f.dirSelf ? dirs : files).push({ name: op, path, stat });
  }
  const out: string[] = [];
  if (files.length) out.push(render(sortEntries(files, f), f, ctx, false));
  const showHeaders = operands.length > 1 || f.recursive;
  const listDir = (d: Entry): void => {
    let entries: Entry[] = [];
    try {
      entries = ctx.fs.readdir(d.path).map((name) => {
        const path = d.path === '/' ? `/${name}` : `${d.path}/${name}`;
        return { name, path, stat: ctx.fs.stat(path)! };
      });
    } catch {
      entries = [];
    }
    entries = entries.filter((e) => e.stat && (f.all || f.almostAll || !e.name.startsWith('.')));
    if (f.all) {
      entries.push({ name: '.', path: d.path, stat: d.stat });
      const parent = ctx.fs.resolve(d.path, '..');
      entries.push({ name: '..', path: parent, stat: ctx.fs.stat(parent) ?? d.stat });
    }
    entries = sortEntries(entries, f);
    const body = render(entries, f, ctx, true);
    out.push((showHeaders ? `${d.name}:\n` : '') + body);
    if (f.recursive) {
      for (const e of entries) {
        if (e.stat.type === 'dir' && e.name !== '.' && e.name !== '..') listDir({ ...e, name: d.name === '/' ? `/${e.name}` : `${d.name}/${e.name}` });
      }
    }
  };
  for (const d of sortEntries(dirs, f)) listDir(d);
  ctx.stdout(out.join('\n'));
  return status;
}

function sortEntries(entries: Entry[], f: Flags): Entry[] {
  const sorted = [...entries].sort((a, b) => {
    if (f.byTime && a.stat.mtime !== b.stat.mtime) return b.stat.mtime - a.stat.mtime;
    if (f.bySize && a.stat.size !== b.stat.size) return b.stat.size - a.stat.size;
    return byteCompare(a.name, b.name);
  });
  return f.reverse ? sorted.reverse() : sorted;
}

function quote(name: string, tty: boolean): string {
  if (!tty || /^[A-Za-z0-9._+,:@%\/=-]*$/.test(name)) return name;
  if (!name.includes("'")) return `'${name}'`;
  return `"${name.replace(/(["\\$`])/g, '\\$1')}"`;
}

function render(entries: Entry[], f: Flags, ctx: BuiltinContext, isDirListing: boolean): string {
  const names = entries.map((e) => quote(e.name, ctx.isTTY) + (f.classify && e.stat.type === 'dir' ? '/' : ''));
  if (f.long) return renderLong(entries, names, f, ctx, isDirListing);
  if (!names.length) return '';
  if (f.one) return names.map((n) => n + '\n').join('');
  return columns(names);
}

function renderLong(entries: Entry[], names: string[], f: Flags, ctx: BuiltinContext, isDirListing: boolean): string {
  const user = ctx.sh.core.user;
  const now = ctx.now();
  const rows = entries.map((e, i) => {
    const dir = e.stat.type === 'dir';
    const links = dir ? 2 + countSubdirs(ctx, e) : 1;
    const size = f.human ? human(e.stat.size) : String(e.stat.size);
    const recent = e.stat.mtime <= now && now - e.stat.mtime < 15_778_476_000;
    const time = strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', e.stat.mtime);
    const mode = dir ? (e.path === '/root' ? 'drwx------' : e.path === '/tmp' ? 'drwxrwxrwt' : 'drwxr-xr-x') : '-rw-r--r--';
    return { mode, links: String(links), user, group: user, size, time, name: names[i] };
  });
  const w = (k: 'links' | 'user' | 'group' | 'size'): number => Math.max(0, ...rows.map((r) => r[k].length));
  let out = '';
  if (isDirListing) {
    const blocks = entries.reduce((sum, e) => sum + (e.stat.type === 'dir' ? 4 : Math.ceil(e.stat.size / 4096) * 4), 0);
    out += `total ${f.human && blocks >= 1024 ? human(blocks * 1024) : blocks}\n`;
  }
  for (const r of rows) {
    out += `${r.mode} ${r.links.padStart(w('links'))} ${r.user.padEnd(w('user'))} ${r.group.padEnd(w('group'))} ${r.size.padStart(w('size'))} ${r.time} ${r.name}\n`;
  }
  return out;
}

function countSubdirs(ctx: BuiltinContext, e: Entry): number {
  try {
    return ctx.fs.readdir(e.path).filter((n) => ctx.fs.isDir(`${e.path === '/' ? '' : e.path}/${n}`)).length;
  } catch {
    return 0;
  }
}

function human(n: number): string {
  const units = ['K', 'M', 'G', 'T'];
  if (n < 1024) return String(n);
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[u];
}

/**
 * GNU ls's vertical columns for an 80-column terminal (coreutils' calculate_columns: every column
 * at least 3 wide, the line shorter than 80) with its tab-based indentation (tab stops of 8).
 */
export function columns(names: string[]): string {
  const n = names.length;
  const maxCols = Math.max(1, Math.min(n, Math.floor(LINE_LENGTH / 3)));
  let best = 1;
  let bestWidths: number[] = [Math.max(3, ...names.map(len))];
  for (let cols = maxCols; cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths: number[] = new Array(cols).fill(3);
    names.forEach((name, i) => {
      const c = Math.floor(i / rows);
      widths[c] = Math.max(widths[c], len(name) + (c === cols - 1 ? 0 : 2));
    });
    if (widths.reduce((a, b) => a + b, 0) < LINE_LENGTH || cols === 1) {
      best = cols;
      bestWidths = widths;
      break;
    }
  }
  const rows = Math.ceil(n / best);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    let pos = 0;
    for (let c = 0; c < best; c++) {
      const i = c * rows + r;
      if (i >= n) break;
      line += names[i];
      if ((c + 1) * rows + r >= n) break;
      line += indent(pos + len(names[i]), pos + bestWidths[c]);
      pos += bestWidths[c];
    }
    out += line + '\n';
  }
  return out;
}

/** Spaces and tabs from column `from` to `to`, as ls's indent() writes them. */
function indent(from: number, to: number): string {
  let s = '';
  while (from < to) {
    if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
      s += '\t';
      from += 8 - (from % 8);
    } else {
      s += ' ';
      from++;
    }
  }
  return s;
}

function len(s: string): number {
  return [...s].length;
}

export const lsCommands: Record<string, CommandEntry> = {
  ls: { fn: ls, kind: 'program', summary: 'list directory contents (-l, -a)' },
};
