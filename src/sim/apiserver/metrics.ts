/**
 * The resource Metrics API (metrics.k8s.io/v1beta1), as metrics-server serves it behind the
 * aggregation layer: NodeMetrics and PodMetrics computed from the simulation's usage model
 * (api/helpers/metrics.ts — the same numbers the HorizontalPodAutoscaler uses). A pod has metrics
 * once its containers have run for one scrape (15 s); a node only while its kubelet reports Ready.
 * Served only while metrics-server runs (its Service kube-system/metrics-server has a ready endpoint),
 * as the aggregator forwards the group to it; a fresh kubeadm cluster has none.
 * Quantities as metrics-server writes them: CPU in nanocores, memory in Ki. Errors as
 * metrics-server's: `pods.metrics.k8s.io "ns/name" not found`, `nodes.metrics.k8s.io "x" not found`.
 */
import { kindByGVK, kindByResource } from '../api/kinds';
import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from '../api/selectors';
import { NODE_SYSTEM_USAGE, measuredPodUsage, metricsServerAvailable, type PodUsage } from '../api/helpers/metrics';
import type { Obj } from '../client/types';
import { toRFC3339 } from '../core/clock';
import { ApiError, notFound } from '../core/errors';
import type { ApiServer } from './server';
import type { ApiRequest, ApiResponse } from './types';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;
const WINDOW = '15s';
const VERBS = ['get', 'list'];

/** The two resources, for discovery (aggregated and legacy). */
export const METRICS_RESOURCES = [
  { resource: 'nodes', kind: 'NodeMetrics', singular: '', namespaced: false },
  { resource: 'pods', kind: 'PodMetrics', singular: '', namespaced: true },
];

export function metricsAggregatedGroup(): unknown {
  return {
    metadata: { name: METRICS_GROUP, creationTimestamp: null },
    versions: [
      {
        version: METRICS_VERSION,
        resources: METRICS_RESOURCES.map((r) => ({ resource: r.resource, responseKind: { group: METRICS_GROUP, version: METRICS_VERSION, kind: r.kind }, scope: r.namespaced ? 'Namespaced' : 'Cluster', singularResource: r.singular, verbs: VERBS })),
        freshness: 'Current',
      },
    ],
  };
}

export function metricsResourceList(): unknown {
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: API_VERSION, resources: METRICS_RESOURCES.map((r) => ({ name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: VERBS })) };
}

/** The aggregator's availability check for the v1beta1.metrics.k8s.io APIService. */
export function metricsAvailable(api: ApiServer): boolean {
  return metricsServerAvailable(api.storage.peek(kindByResource('endpoints')!, 'kube-system', 'metrics-server'));
}

const cpuQ = (m: number) => `${m * 1_000_000}n`;
const memQ = (b: number) => `${Math.floor(b / 1024)}Ki`;

function scrapeTime(api: ApiServer): string {
  const now = api.clock.now();
  return toRFC3339(now - (now % 15_000));
}

function lookup(api: ApiServer) {
  return (kind: string, ns: string, name: string) => {
    const ki = kindByGVK(kind === 'ReplicaSet' || kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet' ? 'apps/v1' : kind === 'Job' ? 'batch/v1' : 'v1', kind);
    return ki ? api.storage.peek(ki, ns, name) : undefined;
  };
}

function podsUsage(api: ApiServer, ns?: string): Map<Obj, PodUsage> {
  return measuredPodUsage(api.storage.cached(kindByResource('pods')!, ns), api.clock.now(), lookup(api));
}

/** Split a pod's usage over its containers (metrics-server reports per container). */
function containers(pod: Obj, u: PodUsage): unknown[] {
  const cs: Obj[] = pod.spec?.containers ?? [];
  const n = Math.max(1, cs.length);
  return cs.map((c, i) => ({
    name: c.name,
    usage: { cpu: cpuQ(Math.floor(u.cpu / n) + (i === 0 ? u.cpu % n : 0)), memory: memQ(Math.floor(u.memory / n) + (i === 0 ? u.memory % n : 0)) },
  }));
}

function podMetrics(api: ApiServer, pod: Obj, u: PodUsage, typed: boolean): Obj {
  return {
    ...(typed ? { kind: 'PodMetrics', apiVersion: API_VERSION } : {}),
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: toRFC3339(api.clock.now()), ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}) },
    timestamp: scrapeTime(api),
    window: WINDOW,
    containers: containers(pod, u),
  } as unknown as Obj;
}

function nodeReady(node: Obj): boolean {
  return (node.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
}

function nodeMetrics(api: ApiServer, node: Obj, usage: Map<Obj, PodUsage>, typed: boolean): Obj {
  let cpu = NODE_SYSTEM_USAGE.cpu;
  let memory = NODE_SYSTEM_USAGE.memory;
  for (const [p, u] of usage) {
    if (p.spec?.nodeName !== node.metadata.name) continue;
    cpu += u.cpu;
    memory += u.memory;
  }
  return {
    ...(typed ? { kind: 'NodeMetrics', apiVersion: API_VERSION } : {}),
    metadata: { name: node.metadata.name, creationTimestamp: toRFC3339(api.clock.now()), ...(node.metadata.labels ? { labels: node.metadata.labels } : {}) },
    timestamp: scrapeTime(api),
    window: WINDOW,
    usage: { cpu: cpuQ(cpu), memory: memQ(memory) },
  } as unknown as Obj;
}

/** GET /apis/metrics.k8s.io/v1beta1/{nodes[/name], pods, namespaces/{ns}/pods[/name]}. */
export function serveMetrics(api: ApiServer, req: ApiRequest): ApiResponse {
  if (!metricsAvailable(api)) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  const segs = req.path.split('/').filter(Boolean).map(decodeURIComponent).slice(3);
  let ns: string | undefined;
  if (segs[0] === 'namespaces' && segs.length >= 3) {
    ns = segs[1];
    segs.splice(0, 2);
  }
  const [resource, name, extra] = segs;
  if (extra !== undefined || (resource !== 'nodes' && resource !== 'pods') || (resource === 'nodes' && ns !== undefined)) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (req.method !== 'GET') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const labels = parseLabelSelector(req.query?.labelSelector);
  const fields = parseFieldSelector(req.query?.fieldSelector);
  if (resource === 'pods') {
    const podKind = kindByResource('pods')!;
    if (name) {
      const pod = api.storage.peek(podKind, ns, name);
      if (!pod) throw notFound('pods', '', `${ns}/${name}`);
      const u = [...podsUsage(api, ns)].find(([p]) => p.metadata.name === name)?.[1];
      if (!u) throw notFound('pods', METRICS_GROUP, `${ns}/${name}`);
      return { code: 200, body: podMetrics(api, pod, u, true) };
    }
    const items = [...podsUsage(api, ns)]
      .filter(([p]) => matchLabels(labels, p.metadata.labels) && matchFields(fields, p, 'Pod'))
      .map(([p, u]) => podMetrics(api, p, u, false));
    return { code: 200, body: { kind: 'PodMetricsList', apiVersion: API_VERSION, metadata: {}, items } };
  }
  const nodeKind = kindByResource('nodes')!;
  const usage = podsUsage(api);
  if (name) {
    const node = api.storage.peek(nodeKind, undefined, name);
    if (!node) throw notFound('nodes', '', name);
    if (!nodeReady(node)) throw notFound('nodes', METRICS_GROUP, name);
    return { code: 200, body: nodeMetrics(api, node, usage, true) };
  }
  const items = api.storage
    .cached(nodeKind)
    .filter((n) => nodeReady(n) && matchLabels(labels, n.metadata.labels))
    .map((n) => nodeMetrics(api, n, usage, false));
  return { code: 200, body: { kind: 'NodeMetricsList', apiVersion: API_VERSION, metadata: {}, items } };
}
