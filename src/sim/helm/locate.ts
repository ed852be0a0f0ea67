/**
 * `helm install web ./charts/web` / `bitpoke/mysql-operator`: find a chart. A directory in the
 * shell's filesystem wins (a chart the reader wrote); then the charts the site ships; then the
 * repositories added with `helm repo add`.
 */
import { type Chart, ChartError, type ChartFiles, loadChart } from './chart';
import { KNOWN_REPOS, LOCAL_CHARTS } from './charts/index';
import { type HelmEnv, HelmError } from './env';

function readDir(env: HelmEnv, dir: string, prefix = ''): ChartFiles | undefined {
  const entries = env.listDir(dir);
  if (!entries) return undefined;
  const files: ChartFiles = {};
  for (const e of entries) {
    const p = `${dir}/${e}`;
    const rel = prefix + e;
    const data = env.readFile(p);
    if (data !== undefined) files[rel] = data;
    else {
      const sub = readDir(env, p, rel + '/');
      if (sub) Object.assign(files, sub);
    }
  }
  return files;
}

export function locateChart(env: HelmEnv, ref: string): Chart {
  const trimmed = ref.replace(/\/+$/, '');
  const local = readDir(env, trimmed);
  if (local && Object.keys(local).length) {
    try {
      return loadChart(local, ref);
    } catch (e) {
      if (e instanceof ChartError) throw new HelmError(e.message);
      throw e;
    }
  }
  const rel = trimmed.replace(/^\.\//, '').replace(/^\/root\//, '').replace(/^~\//, '');
  if (LOCAL_CHARTS[rel]) return loadChart(LOCAL_CHARTS[rel], ref);
  if (ref.startsWith('.') || ref.startsWith('/') || ref.startsWith('~')) throw new HelmError(`path "${ref}" not found`);
  const slash = trimmed.indexOf('/');
  if (slash < 0) throw new HelmError(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`);
  const repo = trimmed.slice(0, slash);
  const name = trimmed.slice(slash + 1);
  if (!env.repos.has(repo)) throw new HelmError(`repo ${repo} not found`);
  const files = KNOWN_REPOS[repo]?.charts[name];
  if (!files) throw new HelmError(`chart "${name}" not found in ${repo} index. (try 'helm repo update'): no chart name found`);
  return loadChart(files, ref);
}
