/** `helm install` and `helm upgrade [--install]`. */
import { ApiError } from '../../core/errors';
import type { Chart } from '../chart';
import { type HelmEnv, HelmError } from '../env';
import { parseFlags, type Parsed } from '../flags';
import { buildObjects, type Built, checkOwnership, createAll, KubeError, markOwned, updateAll } from '../kube';
import { locateChart } from '../locate';
import { isoNow, statusBlock } from '../output';
import { manifestText, RenderError, renderChart } from '../render';
import type { Release } from '../storage';
import { mergeValues, type Values } from '../values';
import { hasValueFlags, userValues, VALUE_FLAGS } from '../values-flags';
import { parseAllDocuments } from 'yaml';

const COMMON = {
  ...VALUE_FLAGS,
  'create-namespace': { value: false },
  'dry-run': { value: false },
  wait: { value: false },
  timeout: { value: true },
  version: { value: true },
  atomic: { value: false },
  description: { value: true },
  'generate-name': { value: false, short: 'g' },
  output: { value: true, short: 'o' },
};

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateName(name: string) {
  if (!NAME_RE.test(name) || name.length > 53)
    throw new HelmError(`release name "${name}": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53`);
}

function nsExists(env: HelmEnv, ns: string): boolean {
  try {
    env.client.get('namespaces', undefined, ns);
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) return false;
    throw e;
  }
}

function render(chart: Chart, vals: Values, name: string, ns: string, rev: number, isInstall: boolean) {
  try {
    return renderChart(chart, mergeValues(chart.values, vals), { name, namespace: ns, revision: rev, isInstall });
  } catch (e) {
    if (e instanceof RenderError) throw new HelmError(e.message);
    throw e;
  }
}

/** Objects of a stored manifest (for upgrade and uninstall). */
export function objectsOf(manifest: string, ns: string): Built[] {
  const objs = parseAllDocuments(manifest)
    .map((d) => d.toJS() as Record<string, any>)
    .filter((o) => o && typeof o === 'object' && o.kind);
  try {
    return buildObjects(objs, ns);
  } catch {
    return buildObjects(objs.filter((o) => {
      try {
        buildObjects([o], ns);
        return true;
      } catch {
        return false;
      }
    }), ns);
  }
}

function parseTimeout(s: string | undefined): number {
  if (!s) return 300_000;
  let ms = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) ms += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h']!;
  return ms || 300_000;
}

/** --wait: until Deployments have their ready replicas (and Pods are Ready), or the timeout. */
async function waitReady(env: HelmEnv, objs: Built[], timeoutMs: number): Promise<void> {
  const deadline = env.now() + timeoutMs;
  for (;;) {
    const pending = objs.some((b) => {
      if (b.ki.kind === 'Deployment') {
        const d = env.client.get('deployments', b.ns, b.obj.metadata.name!);
        const want = d.spec?.replicas ?? 1;
        return (d.status?.readyReplicas ?? 0) < want || (d.status?.updatedReplicas ?? 0) < want || (d.status?.observedGeneration ?? 0) < d.metadata.generation!;
      }
      if (b.ki.kind === 'Pod') {
        const p = env.client.get('pods', b.ns, b.obj.metadata.name!);
        return !(p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
      }
      return false;
    });
    if (!pending) return;
    if (env.now() >= deadline) throw new HelmError('context deadline exceeded');
    await env.sleep(2000);
  }
}

function apiMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  throw e;
}

async function doInstall(env: HelmEnv, p: Parsed, name: string, chartRef: string, ns: string): Promise<string> {
  const chart = locateChart(env, chartRef);
  validateName(name);
  const existing = env.store.history(name, ns);
  if (existing.length && existing[existing.length - 1].info.status !== 'uninstalled') throw new HelmError('cannot re-use a name that is still in use');
  const vals = userValues(env, p);
  const rendered = render(chart, vals, name, ns, 1, true);
  const now = isoNow(env.now());
  const rel: Release = {
    name,
    namespace: ns,
    version: 1,
    info: { first_deployed: now, last_deployed: now, deleted: '', description: 'Initial install underway', status: 'pending-install', notes: rendered.notes },
    chart: { metadata: { ...chart.metadata }, values: chart.values },
    config: vals,
    manifest: manifestText(rendered.manifests),
  };
  if (p.flags['dry-run']) {
    rel.info.description = 'Dry run complete';
    return statusBlock(rel, { showNotes: false }) + `HOOKS:\nMANIFEST:\n${rel.manifest}` + (rel.info.notes?.trim() ? `\nNOTES:\n${rel.info.notes.trim()}\n` : '');
  }
  let objs: Built[];
  try {
    objs = buildObjects(rendered.manifests.map((m) => m.obj), ns);
    checkOwnership(env.client, objs, name, ns);
  } catch (e) {
    if (e instanceof KubeError) throw new HelmError(e.message);
    throw e;
  }
  if (p.flags['create-namespace'] && !nsExists(env, ns)) {
    env.client.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } as never);
  }
  if (!nsExists(env, ns)) throw new HelmError(`create: failed to create: namespaces "${ns}" not found`);
  for (const old of existing) env.store.delete(old);
  env.store.create(rel);
  for (const b of objs) markOwned(b, name, ns);
  try {
    createAll(env.client, objs);
    if (p.flags.wait || p.flags.atomic) await waitReady(env, objs, parseTimeout(p.flags.timeout as string));
  } catch (e) {
    const msg = e instanceof HelmError ? e.message : apiMessage(e);
    rel.info.status = 'failed';
    rel.info.description = `Release "${name}" failed: ${msg}`;
    rel.info.last_deployed = isoNow(env.now());
    env.store.update(rel);
    throw new HelmError(msg);
  }
  rel.info.status = 'deployed';
  rel.info.description = 'Install complete';
  env.store.update(rel);
  return statusBlock(rel);
}

export async function install(env: HelmEnv, argv: string[]): Promise<string> {
  const p = parseFlags(argv, COMMON);
  const ns = (p.flags.namespace as string) ?? env.namespace;
  try {
    let [name, chartRef] = p.args;
    if (p.flags['generate-name']) {
      chartRef = p.args[0];
      if (!chartRef) throw new HelmError('must either provide a name or specify --generate-name');
      const chart = locateChart(env, chartRef);
      name = `${chart.metadata.name}-${Math.floor(env.now() / 1000)}`;
    } else if (p.args.length < 2) {
      if (p.args.length === 1) throw new HelmError('must either provide a name or specify --generate-name');
      throw new HelmError('"helm install" requires at least 1 argument\n\nUsage:  helm install [NAME] [CHART] [flags]');
    }
    return await doInstall(env, p, name, chartRef, ns);
  } catch (e) {
    if (e instanceof HelmError && !e.message.startsWith('"helm install"')) throw new HelmError(`INSTALLATION FAILED: ${e.message}`);
    throw e;
  }
}

export async function upgrade(env: HelmEnv, argv: string[]): Promise<string> {
  const p = parseFlags(argv, { ...COMMON, install: { value: false, short: 'i' }, 'reuse-values': { value: false }, 'reset-values': { value: false } });
  const ns = (p.flags.namespace as string) ?? env.namespace;
  if (p.args.length !== 2) throw new HelmError(`"helm upgrade" requires 2 arguments\n\nUsage:  helm upgrade [RELEASE] [CHART] [flags]`);
  const [name, chartRef] = p.args;
  const hist = env.store.history(name, ns);
  const deployed = [...hist].reverse().find((r) => r.info.status === 'deployed');
  if (!deployed) {
    if (p.flags.install && (!hist.length || hist[hist.length - 1].info.status === 'uninstalled')) {
      try {
        return `Release "${name}" does not exist. Installing it now.\n` + (await doInstall(env, p, name, chartRef, ns));
      } catch (e) {
        if (e instanceof HelmError) throw new HelmError(`INSTALLATION FAILED: ${e.message}`);
        throw e;
      }
    }
    if (!hist.length) throw new HelmError(`UPGRADE FAILED: "${name}" has no deployed releases`);
  }
  try {
    const last = hist[hist.length - 1];
    const chart = locateChart(env, chartRef);
    let vals = userValues(env, p);
    if (p.flags['reuse-values']) vals = mergeValues(last.config, vals);
    else if (!p.flags['reset-values'] && !hasValueFlags(p)) vals = last.config;
    const rev = last.version + 1;
    const rendered = render(chart, vals, name, ns, rev, false);
    const now = isoNow(env.now());
    const rel: Release = {
      name,
      namespace: ns,
      version: rev,
      info: { first_deployed: hist[0].info.first_deployed, last_deployed: now, deleted: '', description: 'Preparing upgrade', status: 'pending-upgrade', notes: rendered.notes },
      chart: { metadata: { ...chart.metadata }, values: chart.values },
      config: vals,
      manifest: manifestText(rendered.manifests),
    };
    if (p.flags['dry-run']) return statusBlock(rel, { showNotes: false }) + `HOOKS:\nMANIFEST:\n${rel.manifest}`;
    let objs: Built[];
    try {
      objs = buildObjects(rendered.manifests.map((m) => m.obj), ns);
    } catch (e) {
      if (e instanceof KubeError) throw new HelmError(e.message);
      throw e;
    }
    for (const b of objs) markOwned(b, name, ns);
    env.store.create(rel);
    try {
      updateAll(env.client, objectsOf((deployed ?? last).manifest, ns), objs);
      if (p.flags.wait || p.flags.atomic) await waitReady(env, objs, parseTimeout(p.flags.timeout as string));
    } catch (e) {
      const msg = e instanceof HelmError ? e.message : apiMessage(e);
      rel.info.status = 'failed';
      rel.info.description = `Upgrade "${name}" failed: ${msg}`;
      env.store.update(rel);
      throw new HelmError(msg);
    }
    if (deployed) {
      deployed.info.status = 'superseded';
      deployed.info.description = deployed.info.description;
      env.store.update(deployed);
    }
    rel.info.status = 'deployed';
    rel.info.description = 'Upgrade complete';
    env.store.update(rel);
    return `Release "${name}" has been upgraded. Happy Helming!\n` + statusBlock(rel);
  } catch (e) {
    if (e instanceof HelmError && !e.message.startsWith('UPGRADE FAILED')) throw new HelmError(`UPGRADE FAILED: ${e.message}`);
    throw e;
  }
}
