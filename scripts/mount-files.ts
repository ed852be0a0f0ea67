/**
 * A ReadonlyFiles layer over a real directory (Node only): the runner's `--mount DIR`. Paths are the
 * real absolute paths; the directories above DIR appear as directories holding just the way down.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReadonlyFiles } from '../src/sim/shell/types';

export function mountDirectory(dir: string): { root: string; files: ReadonlyFiles } {
  const root = path.resolve(dir);
  const inside = (p: string): boolean => p === root || p.startsWith(root === '/' ? '/' : root + '/');
  const files: ReadonlyFiles = {
    read(p) {
      if (!inside(p)) return undefined;
      try {
        if (!fs.statSync(p).isFile()) return undefined;
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    list(d) {
      if (inside(d)) {
        try {
          if (!fs.statSync(d).isDirectory()) return undefined;
          return fs.readdirSync(d).sort();
        } catch {
          return undefined;
        }
      }
      const prefix = d === '/' ? '/' : d + '/';
      if (root.startsWith(prefix)) return [root.slice(prefix.length).split('/')[0]];
      return undefined;
    },
  };
  return { root, files };
}
