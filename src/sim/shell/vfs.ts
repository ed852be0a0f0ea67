/**
 * The shell's virtual filesystem: an in-memory tree over an optional read-only layer (overlay
 * style: writes, new files and deletions live in memory; the layer below is never changed).
 * All paths given to these methods are absolute; `resolve(cwd, path)` makes them so.
 */
import type { ReadonlyFiles } from './types';

export type VfsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EINVAL' | 'EROFS' | 'EBUSY';

const MESSAGES: Record<VfsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  EROFS: 'Read-only file system',
  EBUSY: 'Device or resource busy',
};

/** A filesystem error; `message` is the strerror text coreutils print (`No such file or directory`). */
export class VfsError extends Error {
  constructor(
    readonly code: VfsErrorCode,
    readonly path: string,
  ) {
    super(MESSAGES[code]);
    this.name = 'VfsError';
  }
}

export interface Stat {
  type: 'file' | 'dir';
  size: number;
  /** Modification time, virtual ms. */
  mtime: number;
  /** True for entries that come from the read-only layer and were never written. */
  lower: boolean;
}

type Node =
  | { type: 'file'; data: string; mtime: number }
  | { type: 'dir'; mtime: number; opaque: boolean }
  | { type: 'whiteout' };

export interface VfsOptions {
  /** Read-only layer below the in-memory tree. */
  files?: ReadonlyFiles;
  /** Virtual clock for modification times. */
  now?: () => number;
  /** Start with an empty root (a volume), not the usual /bin, /etc, /tmp … */
  bare?: boolean;
}

/** A bind mount: `at` in this tree shows `root` of another tree (a directory or a single file). */
interface Mount {
  at: string;
  fs: Vfs;
  root: string;
  readOnly: boolean;
}

const INITIAL_DIRS = ['/', '/bin', '/dev', '/etc', '/home', '/opt', '/root', '/tmp', '/usr', '/usr/bin', '/usr/local', '/usr/local/bin', '/var', '/var/log'];

/** Normalize `path` against `cwd` (both absolute results, no trailing slash except `/`). */
export function resolvePath(cwd: string, path: string): string {
  const parts: string[] = [];
  const all = path.startsWith('/') ? path : `${cwd}/${path}`;
  for (const p of all.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || trimmed;
}

export class Vfs {
  private mem = new Map<string, Node>();
  private lowerFiles: ReadonlyFiles | undefined;
  private clock: () => number;
  private born: number;
  /** Longest mount point first. */
  private mounts: Mount[] = [];

  constructor(opts: VfsOptions = {}) {
    this.lowerFiles = opts.files;
    this.clock = opts.now ?? (() => 0);
    this.born = this.clock();
    for (const d of opts.bare ? ['/'] : INITIAL_DIRS) this.mem.set(d, { type: 'dir', mtime: this.born, opaque: false });
  }

  /**
   * `mount --bind`: from now on `at` shows `root` of `fs` (a directory, or a file mounted on a
   * file), as the kubelet mounts a pod's volumes into a container. The mount point's parent
   * directories are created here if needed, as the runtime does.
   */
  mount(at: string, fs: Vfs, root = '/', opts: { readOnly?: boolean } = {}): void {
    at = resolvePath('/', at);
    root = resolvePath('/', root);
    const parent = dirname(at);
    if (!this.isDir(parent)) this.mkdir(parent, { parents: true });
    this.mounts = this.mounts.filter((m) => m.at !== at);
    this.mounts.push({ at, fs, root, readOnly: !!opts.readOnly });
    this.mounts.sort((a, b) => b.at.length - a.at.length);
  }

  /** The mount a path is under, and the path inside the mounted tree. */
  private routed(path: string): { fs: Vfs; path: string; m: Mount } | undefined {
    for (const m of this.mounts) {
      if (path !== m.at && !path.startsWith(m.at === '/' ? '/' : m.at + '/')) continue;
      const rest = path.slice(m.at.length);
      return { fs: m.fs, path: m.root === '/' ? rest || '/' : m.root + rest, m };
    }
    return undefined;
  }

  /** The mount for a path that is about to be changed (EROFS on a read-only one). */
  private writable(path: string): { fs: Vfs; path: string; m: Mount } | undefined {
    const r = this.routed(path);
    if (r?.m.readOnly) throw new VfsError('EROFS', path);
    return r;
  }

  resolve(cwd: string, path: string): string {
    return resolvePath(cwd, path);
  }

  stat(path: string): Stat | undefined {
    path = resolvePath('/', path);
    if (path === '/dev/null') return { type: 'file', size: 0, mtime: this.born, lower: false };
    const r = this.mounts.length ? this.routed(path) : undefined;
    if (r) return r.fs.stat(r.path);
    const vis = this.visibility(path);
    if (vis === 'gone') return undefined;
    const n = this.mem.get(path);
    if (n && n.type === 'file') return { type: 'file', size: utf8Length(n.data), mtime: n.mtime, lower: false };
    if (n && n.type === 'dir') return { type: 'dir', size: 4096, mtime: n.mtime, lower: false };
    if (vis === 'memonly' || !this.lowerFiles) return undefined;
    const data = this.lowerFiles.read(path);
    if (data !== undefined) return { type: 'file', size: utf8Length(data), mtime: this.born, lower: true };
    if (this.lowerFiles.list(path) !== undefined) return { type: 'dir', size: 4096, mtime: this.born, lower: true };
    return undefined;
  }

  exists(path: string): boolean {
    return this.stat(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.stat(path)?.type === 'dir';
  }

  isFile(path: string): boolean {
    return this.stat(path)?.type === 'file';
  }

  /** File content; throws VfsError (ENOENT, EISDIR). */
  readFile(path: string): string {
    path = resolvePath('/', path);
    if (path === '/dev/null') return '';
    const r = this.mounts.length ? this.routed(path) : undefined;
    if (r) return r.fs.readFile(r.path);
    const st = this.stat(path);
    if (!st) throw new VfsError(this.parentIsFile(path) ? 'ENOTDIR' : 'ENOENT', path);
    if (st.type === 'dir') throw new VfsError('EISDIR', path);
    const n = this.mem.get(path);
    if (n && n.type === 'file') return n.data;
    return this.lowerFiles?.read(path) ?? '';
  }

  /** File content or undefined (missing, or a directory). */
  tryReadFile(path: string): string | undefined {
    try {
      return this.readFile(path);
    } catch {
      return undefined;
    }
  }

  writeFile(path: string, data: string): void {
    path = resolvePath('/', path);
    if (path === '/dev/null') return;
    const r = this.mounts.length ? this.writable(path) : undefined;
    if (r) return r.fs.writeFile(r.path, data);
    const st = this.stat(path);
    if (st?.type === 'dir') throw new VfsError('EISDIR', path);
    this.requireParentDir(path);
    this.mem.set(path, { type: 'file', data, mtime: this.clock() });
  }

  appendFile(path: string, data: string): void {
    path = resolvePath('/', path);
    if (path === '/dev/null') return;
    const r = this.mounts.length ? this.writable(path) : undefined;
    if (r) return r.fs.appendFile(r.path, data);
    const st = this.stat(path);
    if (st?.type === 'dir') throw new VfsError('EISDIR', path);
    const old = st ? this.readFile(path) : '';
    if (!st) this.requireParentDir(path);
    this.mem.set(path, { type: 'file', data: old + data, mtime: this.clock() });
  }

  /** Sorted entry names; throws VfsError (ENOENT, ENOTDIR). */
  readdir(path: string): string[] {
    path = resolvePath('/', path);
    const r = this.mounts.length ? this.routed(path) : undefined;
    if (r) return r.fs.readdir(r.path);
    const st = this.stat(path);
    if (!st) throw new VfsError('ENOENT', path);
    if (st.type !== 'dir') throw new VfsError('ENOTDIR', path);
    const names = new Set<string>(path === '/dev' ? ['null'] : []);
    const n = this.mem.get(path);
    const opaque = (n && n.type === 'dir' && n.opaque) || this.visibility(path) === 'memonly';
    if (!opaque && this.lowerFiles) for (const name of this.lowerFiles.list(path) ?? []) names.add(name);
    const prefix = path === '/' ? '/' : path + '/';
    for (const [k, v] of this.mem) {
      if (k.length <= prefix.length || !k.startsWith(prefix) || k.indexOf('/', prefix.length) !== -1) continue;
      const name = k.slice(prefix.length);
      if (v.type === 'whiteout') names.delete(name);
      else names.add(name);
    }
    for (const m of this.mounts) if (m.at !== '/' && dirname(m.at) === path) names.add(basename(m.at));
    return [...names].sort(byteCompare);
  }

  mkdir(path: string, opts: { parents?: boolean } = {}): void {
    path = resolvePath('/', path);
    const r = this.mounts.length ? this.routed(path) : undefined;
    if (r) {
      if (r.path === r.m.root && r.fs.exists(r.path)) {
        if (opts.parents && r.fs.isDir(r.path)) return;
        throw new VfsError('EEXIST', path);
      }
      if (r.m.readOnly) throw new VfsError('EROFS', path);
      return r.fs.mkdir(r.path, opts);
    }
    const st = this.stat(path);
    if (st) {
      if (opts.parents && st.type === 'dir') return;
      throw new VfsError('EEXIST', path);
    }
    const parent = dirname(path);
    if (opts.parents && !this.exists(parent)) this.mkdir(parent, opts);
    this.requireParentDir(path);
    const wasWhiteout = this.mem.get(path)?.type === 'whiteout';
    this.mem.set(path, { type: 'dir', mtime: this.clock(), opaque: wasWhiteout });
  }

  /** Remove a file or (with recursive, or when empty) a directory. */
  remove(path: string, opts: { recursive?: boolean } = {}): void {
    path = resolvePath('/', path);
    const r = this.mounts.length ? this.routed(path) : undefined;
    if (r) {
      if (path === r.m.at) throw new VfsError('EBUSY', path);
      if (r.m.readOnly) throw new VfsError('EROFS', path);
      return r.fs.remove(r.path, opts);
    }
    const st = this.stat(path);
    if (!st || path === '/dev/null') throw new VfsError('ENOENT', path);
    if (st.type === 'dir') {
      if (path === '/') throw new VfsError('EINVAL', path);
      if (!opts.recursive && this.readdir(path).length) throw new VfsError('ENOTEMPTY', path);
      const prefix = path + '/';
      for (const k of [...this.mem.keys()]) if (k.startsWith(prefix)) this.mem.delete(k);
    }
    if (this.lowerExists(path)) this.mem.set(path, { type: 'whiteout' });
    else this.mem.delete(path);
  }

  /** Move a file or directory (the target path must not be an existing directory). */
  rename(from: string, to: string): void {
    from = resolvePath('/', from);
    to = resolvePath('/', to);
    if (from === to) return;
    const st = this.stat(from);
    if (!st) throw new VfsError('ENOENT', from);
    this.copy(from, to);
    this.remove(from, { recursive: true });
  }

  /** Copy a file, or a directory tree. */
  copy(from: string, to: string): void {
    from = resolvePath('/', from);
    to = resolvePath('/', to);
    const st = this.stat(from);
    if (!st) throw new VfsError('ENOENT', from);
    if (st.type === 'file') {
      this.writeFile(to, this.readFile(from));
      return;
    }
    if (to === from || to.startsWith(from + '/')) throw new VfsError('EINVAL', to);
    if (!this.isDir(to)) this.mkdir(to);
    for (const name of this.readdir(from)) this.copy(`${from === '/' ? '' : from}/${name}`, `${to}/${name}`);
  }

  /** Update the modification time, creating an empty file if needed (`touch`). */
  touch(path: string): void {
    path = resolvePath('/', path);
    if (path === '/dev/null') return;
    const r = this.mounts.length ? this.writable(path) : undefined;
    if (r) return r.fs.touch(r.path);
    const st = this.stat(path);
    if (!st) return this.writeFile(path, '');
    const n = this.mem.get(path);
    if (n && n.type !== 'whiteout') n.mtime = this.clock();
    else if (st.type === 'file') this.mem.set(path, { type: 'file', data: this.readFile(path), mtime: this.clock() });
    else this.mem.set(path, { type: 'dir', mtime: this.clock(), opaque: false });
  }

  // --- internals ---

  /** 'gone' when an ancestor (or the path) is whited out or a file; 'memonly' under an opaque dir. */
  private visibility(path: string): 'gone' | 'memonly' | 'both' {
    if (path === '/') return 'both';
    let result: 'memonly' | 'both' = 'both';
    let i = 0;
    for (;;) {
      i = path.indexOf('/', i + 1);
      const anc = i === -1 ? path : path.slice(0, i);
      const n = this.mem.get(anc);
      if (n?.type === 'whiteout') return 'gone';
      if (i === -1) return result;
      if (n?.type === 'file') return 'gone';
      if (n?.type === 'dir' && n.opaque) result = 'memonly';
      if (!n && this.lowerFiles?.read(anc) !== undefined) return 'gone';
    }
  }

  private lowerExists(path: string): boolean {
    if (!this.lowerFiles || this.visibility(path) !== 'both') return false;
    return this.lowerFiles.read(path) !== undefined || this.lowerFiles.list(path) !== undefined;
  }

  private parentIsFile(path: string): boolean {
    for (let p = dirname(path); p !== '/'; p = dirname(p)) if (this.isFile(p)) return true;
    return false;
  }

  private requireParentDir(path: string): void {
    const parent = this.stat(dirname(path));
    if (!parent) throw new VfsError(this.parentIsFile(path) ? 'ENOTDIR' : 'ENOENT', path);
    if (parent.type !== 'dir') throw new VfsError('ENOTDIR', path);
  }
}

export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
