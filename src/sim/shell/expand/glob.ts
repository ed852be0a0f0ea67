/** Pathname expansion against the virtual filesystem. */
import type { Vfs } from '../vfs';
import { byteCompare } from '../vfs';
import { hasGlob, matchPattern, unescapePattern } from './pattern';

/** Paths matching `pat` (relative patterns give relative paths), sorted; [] when none. */
export function glob(pat: string, fs: Vfs, cwd: string): string[] {
  const absolute = pat.startsWith('/');
  const segs = pat.split('/').filter((s, i) => s !== '' || i === 0);
  let bases: string[] = [absolute ? '/' : ''];
  const start = absolute ? 1 : 0;
  for (let i = start; i < segs.length; i++) {
    const seg = segs[i];
    const last = i === segs.length - 1;
    const next: string[] = [];
    for (const base of bases) {
      const dir = fs.resolve(cwd, base || '.');
      if (!hasGlob(seg)) {
        const p = join(base, unescapePattern(seg));
        if (last ? fs.exists(fs.resolve(cwd, p)) : fs.isDir(fs.resolve(cwd, p))) next.push(p);
        continue;
      }
      let names: string[];
      try {
        names = fs.readdir(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith('.') && !seg.startsWith('.') && !seg.startsWith('\\.')) continue;
        if (!matchPattern(seg, name, { pathname: true })) continue;
        const p = join(base, name);
        if (last || fs.isDir(fs.resolve(cwd, p))) next.push(p);
      }
    }
    bases = next;
    if (!bases.length) return [];
  }
  if (pat.endsWith('/')) bases = bases.filter((b) => fs.isDir(fs.resolve(cwd, b))).map((b) => b + '/');
  return bases.sort(byteCompare);
}

function join(base: string, name: string): string {
  if (base === '') return name;
  if (base.endsWith('/')) return base + name;
  return `${base}/${name}`;
}
