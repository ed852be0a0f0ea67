/** `helm list`, `helm status`, `helm history`, `helm get manifest|values|notes|all`. */
import { toYaml } from '../template/funcs';
import { type HelmEnv, HelmError } from '../env';
import { parseFlags } from '../flags';
import { ansic, chartRef, goTimeString, statusBlock, uitable } from '../output';
import type { Release } from '../storage';

function latest(rs: Release[]): Release[] {
  const by = new Map<string, Release>();
  for (const r of rs) {
    const k = `${r.namespace}/${r.name}`;
    const cur = by.get(k);
    if (!cur || r.version > cur.version) by.set(k, r);
  }
  return [...by.values()];
}

export function list(env: HelmEnv, argv: string[]): string {
  const p = parseFlags(argv, {
    'all-namespaces': { value: false, short: 'A' },
    all: { value: false, short: 'a' },
    short: { value: false, short: 'q' },
    output: { value: true, short: 'o' },
    filter: { value: true },
    uninstalled: { value: false },
  });
  const ns = p.flags['all-namespaces'] ? undefined : ((p.flags.namespace as string) ?? env.namespace);
  let rs = latest(env.store.all(ns));
  if (p.flags.uninstalled) rs = rs.filter((r) => r.info.status === 'uninstalled');
  else if (!p.flags.all) rs = rs.filter((r) => r.info.status === 'deployed' || r.info.status === 'failed');
  if (p.flags.filter) {
    const re = new RegExp(String(p.flags.filter));
    rs = rs.filter((r) => re.test(r.name));
  }
  rs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.namespace < b.namespace ? -1 : 1));
  if (p.flags.short) return rs.map((r) => r.name + '\n').join('');
  const fmt = p.flags.output as string | undefined;
  const rows = rs.map((r) => ({
    name: r.name,
    namespace: r.namespace,
    revision: String(r.version),
    updated: goTimeString(r.info.last_deployed),
    status: r.info.status,
    chart: chartRef(r),
    app_version: String(r.chart.metadata.appVersion ?? ''),
  }));
  if (fmt === 'json') return JSON.stringify(rows) + '\n';
  if (fmt === 'yaml') return rows.length ? toYaml(rows) + '\n' : '[]\n';
  return uitable([
    ['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'],
    ...rows.map((r) => [r.name, r.namespace, r.revision, r.updated, r.status, r.chart, r.app_version]),
  ]);
}

function findHistory(env: HelmEnv, name: string | undefined, ns: string, cmd: string): Release[] {
  if (!name) throw new HelmError(`"helm ${cmd}" requires 1 argument\n\nUsage:  helm ${cmd} RELEASE_NAME [flags]`);
  const h = env.store.history(name, ns);
  if (!h.length) throw new HelmError('release: not found');
  return h;
}

export function status(env: HelmEnv, argv: string[]): string {
  const p = parseFlags(argv, { revision: { value: true }, output: { value: true, short: 'o' }, 'show-desc': { value: false } });
  const ns = (p.flags.namespace as string) ?? env.namespace;
  const h = findHistory(env, p.args[0], ns, 'status');
  const r = p.flags.revision ? h.find((x) => x.version === Number(p.flags.revision)) : h[h.length - 1];
  if (!r) throw new HelmError('release: not found');
  let out = statusBlock(r, { showNotes: false });
  if (p.flags['show-desc']) out = out.replace('TEST SUITE', `DESCRIPTION: ${r.info.description}\nTEST SUITE`);
  if (r.info.notes?.trim()) out += `NOTES:\n${r.info.notes.trim()}\n`;
  return out;
}

export function history(env: HelmEnv, argv: string[]): string {
  const p = parseFlags(argv, { max: { value: true }, output: { value: true, short: 'o' } });
  const ns = (p.flags.namespace as string) ?? env.namespace;
  let h = findHistory(env, p.args[0], ns, 'history');
  const max = p.flags.max ? Number(p.flags.max) : 256;
  h = h.slice(-max);
  return uitable([
    ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'],
    ...h.map((r) => [String(r.version), ansic(r.info.last_deployed), r.info.status, chartRef(r), String(r.chart.metadata.appVersion ?? ''), r.info.description]),
  ]);
}

export function get(env: HelmEnv, argv: string[]): string {
  const [what, ...rest] = argv;
  const p = parseFlags(rest, { revision: { value: true }, all: { value: false, short: 'a' }, output: { value: true, short: 'o' } });
  const ns = (p.flags.namespace as string) ?? env.namespace;
  if (!['manifest', 'values', 'notes', 'all'].includes(what ?? '')) throw new HelmError(`unknown command "${what ?? ''}" for "helm get"`);
  const h = findHistory(env, p.args[0], ns, `get ${what}`);
  const r = p.flags.revision ? h.find((x) => x.version === Number(p.flags.revision)) : h[h.length - 1];
  if (!r) throw new HelmError('release: not found');
  const values = () => {
    const v = p.flags.all ? { ...r.chart.values, ...r.config } : r.config;
    const label = p.flags.all ? 'COMPUTED VALUES:' : 'USER-SUPPLIED VALUES:';
    return `${label}\n${Object.keys(v).length ? toYaml(v) : 'null'}\n`;
  };
  if (what === 'manifest') return r.manifest;
  if (what === 'values') return values();
  if (what === 'notes') return r.info.notes?.trim() ? `NOTES:\n${r.info.notes.trim()}\n` : '';
  return statusBlock(r, { showNotes: false }) + values() + `\nHOOKS:\nMANIFEST:\n${r.manifest}` + (r.info.notes?.trim() ? `\nNOTES:\n${r.info.notes.trim()}\n` : '');
}
