/** Reading Go sources from a work tree or a bare git directory at a ref (dev-only generators). */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Source {
  label: string;
  module: string; // k8s.io/api
  read(path: string): string;
  list(dir: string): string[];
  info: { repo: string; ref: string; commit: string };
}

export function openSource(module: string, repoName: string, path: string, ref: string | undefined): Source {
  const abs = resolve(path);
  const isBare = existsSync(join(abs, 'HEAD')) && existsSync(join(abs, 'objects')) && !existsSync(join(abs, '.git'));
  if (isBare) {
    const rev = ref ?? 'HEAD';
    const git = (...a: string[]): string =>
      execFileSync('git', [`--git-dir=${abs}`, ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const commit = git('rev-parse', `${rev}^{commit}`).trim();
    return {
      label: `${abs}@${rev}`,
      module,
      read: (p) => git('show', `${commit}:${p}`),
      list: (d) =>
        git('ls-tree', '--name-only', `${commit}`, `${d}/`)
          .split('\n')
          .filter(Boolean)
          .map((x) => x.slice(d.length + 1)),
      info: { repo: repoName, ref: rev, commit },
    };
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', abs, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    /* not a git work tree */
  }
  return {
    label: abs,
    module,
    read: (p) => readFileSync(join(abs, p), 'utf8'),
    list: (d) => readdirSync(join(abs, d)).filter((f) => statSync(join(abs, d, f)).isFile()),
    info: { repo: repoName, ref: ref ?? 'work tree', commit },
  };
}
