/**
 * `helm repo add|list|update|remove`, `helm search repo`, `helm show values|chart`. The sandbox is
 * offline: only the repositories whose index the site bundles (charts/index.ts) can be added.
 */
import { parse } from 'yaml';
import { KNOWN_REPOS } from '../charts/index';
import { type HelmEnv, HelmError } from '../env';
import { parseFlags } from '../flags';
import { locateChart } from '../locate';
import { uitable } from '../output';

export function repo(env: HelmEnv, argv: string[]): string {
  const [sub, ...rest] = argv;
  const p = parseFlags(rest, { 'force-update': { value: false }, output: { value: true, short: 'o' } });
  switch (sub) {
    case 'add': {
      const [name, url] = p.args;
      if (!name || !url) throw new HelmError(`"helm repo add" requires 2 arguments\n\nUsage:  helm repo add [NAME] [URL] [flags]`);
      const cur = env.repos.get(name);
      if (cur === url.replace(/\/+$/, '')) return `"${name}" already exists with the same configuration, skipping\n`;
      if (cur !== undefined && !p.flags['force-update']) throw new HelmError(`repository name (${name}) already exists, please specify a different name`);
      const known = Object.entries(KNOWN_REPOS).find(([, r]) => r.url === url.replace(/\/+$/, ''));
      if (!known) {
        const host = url.replace(/^[a-z]+:\/\//, '').split('/')[0];
        throw new HelmError(`looks like "${url}" is not a valid chart repository or cannot be reached: Get "${url.replace(/\/+$/, '')}/index.yaml": dial tcp: lookup ${host}: no such host`);
      }
      env.repos.set(name, url.replace(/\/+$/, ''));
      return `"${name}" has been added to your repositories\n`;
    }
    case 'list':
    case 'ls': {
      if (!env.repos.size) throw new HelmError('no repositories to show');
      return uitable([['NAME', 'URL'], ...[...env.repos].map(([n, u]) => [n, u])]);
    }
    case 'update':
    case 'up': {
      if (!env.repos.size) throw new HelmError('no repositories found. You must add one before updating');
      let out = 'Hang tight while we grab the latest from your chart repositories...\n';
      for (const n of env.repos.keys()) out += `...Successfully got an update from the "${n}" chart repository\n`;
      return out + 'Update Complete. ⎈Happy Helming!⎈\n';
    }
    case 'remove':
    case 'rm': {
      let out = '';
      for (const n of p.args) {
        if (!env.repos.delete(n)) throw new HelmError(`no repo named "${n}" found`);
        out += `"${n}" has been removed from your repositories\n`;
      }
      return out;
    }
    default:
      throw new HelmError(`unknown command "${sub ?? ''}" for "helm repo"`);
  }
}

export function search(env: HelmEnv, argv: string[]): string {
  const [where, ...rest] = argv;
  if (where !== 'repo') throw new HelmError(`unknown command "${where ?? ''}" for "helm search"`);
  const p = parseFlags(rest, { versions: { value: false, short: 'l' }, output: { value: true, short: 'o' } });
  if (!env.repos.size) throw new HelmError('no repositories configured');
  const kw = (p.args[0] ?? '').toLowerCase();
  const rows: string[][] = [];
  for (const [n, url] of env.repos) {
    const repoInfo = Object.values(KNOWN_REPOS).find((r) => r.url === url);
    for (const [cname, files] of Object.entries(repoInfo?.charts ?? {})) {
      const meta = parse(files['Chart.yaml']) as Record<string, string>;
      const full = `${n}/${cname}`;
      if (kw && !full.toLowerCase().includes(kw) && !String(meta.description ?? '').toLowerCase().includes(kw)) continue;
      rows.push([full, String(meta.version), String(meta.appVersion ?? ''), String(meta.description ?? '')]);
    }
  }
  if (!rows.length) return 'No results found\n';
  rows.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return uitable([['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'], ...rows]);
}

export function show(env: HelmEnv, argv: string[]): string {
  const [what, ...rest] = argv;
  const p = parseFlags(rest, { version: { value: true } });
  if (!['values', 'chart', 'all'].includes(what ?? '')) throw new HelmError(`unknown command "${what ?? ''}" for "helm show"`);
  if (!p.args[0]) throw new HelmError(`"helm show ${what}" requires 1 argument\n\nUsage:  helm show ${what} [CHART] [flags]`);
  const chart = locateChart(env, p.args[0]);
  if (what === 'values') return chart.valuesText;
  if (what === 'chart') return chart.chartText;
  return chart.chartText + '---\n' + chart.valuesText;
}
