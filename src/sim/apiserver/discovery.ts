/** /version, /api, /apis (aggregated v2 when asked, legacy otherwise), /api/v1, /apis/<g>/<v>. */
import { KINDS, subresourceVerbs, type KindInfo } from '../api/kinds';
import { ApiError } from '../core/errors';
import type { ApiServer } from './server';
import { openapiDocument, openapiRoot } from './openapi';
import type { ApiRequest, ApiResponse } from './types';
import { METRICS_GROUP, METRICS_VERSION, metricsAggregatedGroup, metricsAvailable, metricsResourceList } from './metrics';

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const AGG = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function groups(): Map<string, KindInfo[]> {
  const m = new Map<string, KindInfo[]>();
  for (const k of KINDS) {
    if (!m.has(k.group)) m.set(k.group, []);
    m.get(k.group)!.push(k);
  }
  return m;
}

function subresourceKind(ki: KindInfo, sub: string): { group: string; version: string; kind: string } {
  if (sub === 'scale') return { group: 'autoscaling', version: 'v1', kind: 'Scale' };
  if (sub === 'binding') return { group: '', version: 'v1', kind: 'Binding' };
  if (sub === 'eviction') return { group: 'policy', version: 'v1', kind: 'Eviction' };
  if (sub === 'token') return { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' };
  const options: Record<string, string> = { attach: 'PodAttachOptions', exec: 'PodExecOptions', portforward: 'PodPortForwardOptions' };
  if (options[sub]) return { group: '', version: 'v1', kind: options[sub] };
  if (sub === 'proxy') return { group: '', version: 'v1', kind: `${ki.kind}ProxyOptions` };
  return { group: ki.group, version: ki.version, kind: ki.kind };
}

/** The versions of a group, preferred first (KINDS order). */
function versionsOf(kinds: KindInfo[]): string[] {
  return [...new Set(kinds.map((k) => k.version))];
}

function aggregatedGroup(name: string, all: KindInfo[]): unknown {
  return {
    metadata: name ? { name, creationTimestamp: null } : { creationTimestamp: null },
    versions: versionsOf(all).map((version) => {
      const kinds = all.filter((k) => k.version === version);
      return {
        version,
        resources: kinds.map((k) => ({
          resource: k.resource,
          responseKind: { group: k.group, version: k.version, kind: k.kind },
          scope: k.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: k.singular,
          verbs: k.verbs,
          ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
          ...(k.categories.length ? { categories: k.categories } : {}),
          ...(k.subresources.length
            ? { subresources: k.subresources.map((s) => ({ subresource: s, responseKind: subresourceKind(k, s), verbs: subresourceVerbs(s) })) }
            : {}),
        })),
        freshness: 'Current',
      };
    }),
  };
}

function resourceList(gv: string, kinds: KindInfo[]): unknown {
  const resources: unknown[] = [];
  for (const k of kinds) {
    resources.push({
      name: k.resource,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: k.verbs,
      ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
      ...(k.categories.length ? { categories: k.categories } : {}),
    });
    for (const s of k.subresources) {
      const sk = subresourceKind(k, s);
      resources.push({ name: `${k.resource}/${s}`, singularName: '', namespaced: k.namespaced, ...(sk.group !== k.group ? { group: sk.group, version: sk.version } : {}), kind: sk.kind, verbs: subresourceVerbs(s) });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources };
}

/** metrics.k8s.io, served last as an aggregated (APIService) group is, while metrics-server is up. */
function metricsGroup() {
  const gv = { groupVersion: `${METRICS_GROUP}/${METRICS_VERSION}`, version: METRICS_VERSION };
  return { name: METRICS_GROUP, versions: [gv], preferredVersion: gv };
}

export function discovery(req: ApiRequest, api: ApiServer): ApiResponse {
  const metrics = metricsAvailable(api);
  const p = req.path.replace(/\/+$/, '') || '/';
  const agg = !!req.accept && req.accept.includes('as=APIGroupDiscoveryList');
  const g = groups();
  if (p === '/version') return { code: 200, body: VERSION_INFO };
  if (p === '/api') {
    if (agg) return { code: 200, contentType: AGG, body: { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: [aggregatedGroup('', g.get('')!)] } };
    return { code: 200, body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.30.1.2:6443' }] } };
  }
  if (p === '/apis') {
    const named = [...g.entries()].filter(([name]) => name !== '');
    if (agg) return { code: 200, contentType: AGG, body: { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: [...named.map(([n, ks]) => aggregatedGroup(n, ks)), ...(metrics ? [metricsAggregatedGroup()] : [])] } };
    return {
      code: 200,
      body: {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [
          ...named.map(([n, ks]) => ({ name: n, versions: versionsOf(ks).map((v) => ({ groupVersion: `${n}/${v}`, version: v })), preferredVersion: { groupVersion: `${n}/${ks[0].version}`, version: ks[0].version } })),
          ...(metrics ? [metricsGroup()] : []),
        ],
      },
    };
  }
  if (metrics && p === `/apis/${METRICS_GROUP}/${METRICS_VERSION}`) return { code: 200, body: metricsResourceList() };
  if (metrics && p === `/apis/${METRICS_GROUP}`) return { code: 200, body: { kind: 'APIGroup', apiVersion: 'v1', ...metricsGroup() } };
  if (p === '/api/v1') return { code: 200, body: resourceList('v1', g.get('')!) };
  const m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
  if (m && g.has(m[1]) && versionsOf(g.get(m[1])!).includes(m[2])) return { code: 200, body: resourceList(`${m[1]}/${m[2]}`, g.get(m[1])!.filter((k) => k.version === m[2])) };
  if (/^\/apis\/[^/]+$/.test(p) && g.has(p.split('/')[2])) {
    const n = p.split('/')[2];
    const v = g.get(n)![0].version;
    return { code: 200, body: { kind: 'APIGroup', apiVersion: 'v1', name: n, versions: versionsOf(g.get(n)!).map((x) => ({ groupVersion: `${n}/${x}`, version: x })), preferredVersion: { groupVersion: `${n}/${v}`, version: v } } };
  }
  if (p === '/openapi/v3') return { code: 200, body: openapiRoot() };
  if (p.startsWith('/openapi/v3/')) {
    const doc = openapiDocument(p.slice('/openapi/v3/'.length));
    if (doc) return { code: 200, body: doc };
  }
  if (p === '/healthz' || p === '/livez' || p === '/readyz') return { code: 200, body: 'ok', contentType: 'text/plain' };
  throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}
