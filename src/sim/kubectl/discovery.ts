/** kubectl's discovery + RESTMapper: what `po`, `deploy`, `deployments.apps` mean on this server. */
import type { KubectlEnv } from './env';
import { CmdError } from './errors';

export interface ApiResource {
  group: string;
  version: string;
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
}

const AGG_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface AggGroup {
  metadata: { name?: string };
  versions: { version: string; resources: { resource: string; singularResource: string; responseKind: { kind: string }; scope: string; shortNames?: string[]; categories?: string[]; verbs: string[] }[] }[];
}

const cache = new WeakMap<object, ApiResource[]>();
const versionCache = new WeakMap<object, string[]>();

/** Every served group/version (not only the preferred ones), for `kubectl api-versions`. */
export function allGroupVersions(env: KubectlEnv): string[] {
  discover(env);
  return versionCache.get(env.client.api) ?? [];
}

export function discover(env: KubectlEnv): ApiResource[] {
  const hit = cache.get(env.client.api);
  if (hit) return hit;
  const out: ApiResource[] = [];
  const versions: string[] = [];
  for (const path of ['/api', '/apis']) {
    const res = env.client.request({ method: 'GET', path, accept: AGG_ACCEPT });
    for (const g of (res.body as { items: AggGroup[] }).items) {
      for (const ver of g.versions) versions.push(g.metadata.name ? `${g.metadata.name}/${ver.version}` : ver.version);
      const v = g.versions[0];
      for (const r of v.resources) {
        out.push({
          group: g.metadata.name ?? '',
          version: v.version,
          resource: r.resource,
          singular: r.singularResource,
          kind: r.responseKind.kind,
          namespaced: r.scope === 'Namespaced',
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
          verbs: r.verbs,
        });
      }
    }
  }
  cache.set(env.client.api, out);
  versionCache.set(env.client.api, versions);
  return out;
}

export function gv(r: ApiResource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployment.apps` — how kubectl names a resource in messages (`deployment.apps/web created`). */
export function kindName(r: ApiResource): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

/** `deployments.apps` — the qualified resource used in NotFound messages. */
export function qualifiedResource(r: ApiResource): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** Resolve a typed resource name; throws kubectl's error when nothing matches. */
export function resolve(env: KubectlEnv, typed: string): ApiResource {
  const r = tryResolve(env, typed);
  if (!r) throw new CmdError(`the server doesn't have a resource type "${typed}"`);
  return r;
}

export function tryResolve(env: KubectlEnv, typed: string): ApiResource | undefined {
  const all = discover(env);
  const lower = typed.toLowerCase();
  // shortcut expansion first (kubectl's shortcutExpander)
  const short = all.find((r) => r.shortNames.includes(lower));
  if (short) return short;
  const parts = lower.split('.');
  const name = parts[0];
  let group: string | undefined;
  let version: string | undefined;
  if (parts.length === 2) group = parts[1];
  else if (parts.length > 2) {
    // resource.version.group or resource.group.with.dots
    const maybeVersion = parts[1];
    if (/^v\d+((alpha|beta)\d+)?$/.test(maybeVersion)) {
      version = maybeVersion;
      group = parts.slice(2).join('.');
    } else group = parts.slice(1).join('.');
  }
  const candidates = all.filter((r) => (group === undefined || r.group === group || (group === 'core' && r.group === '')) && (version === undefined || r.version === version));
  return (
    candidates.find((r) => r.resource === name) ??
    candidates.find((r) => r.singular === name) ??
    candidates.find((r) => r.kind.toLowerCase() === name)
  );
}

/** The resource for an object's apiVersion/kind (for -f manifests). */
export function forKind(env: KubectlEnv, apiVersion: string, kind: string): ApiResource | undefined {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
  return discover(env).find((r) => r.group === group && r.version === version && r.kind === kind);
}

export function collectionPath(r: ApiResource, ns?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && ns ? `${base}/namespaces/${ns}/${r.resource}` : `${base}/${r.resource}`;
}

export function itemPath(r: ApiResource, ns: string | undefined, name: string, sub?: string): string {
  return `${collectionPath(r, ns)}/${encodeURIComponent(name)}${sub ? `/${sub}` : ''}`;
}
