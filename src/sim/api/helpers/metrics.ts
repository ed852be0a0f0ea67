/**
 * The simulation's resource usage model (what cAdvisor would measure, and metrics-server serve):
 * - a pod annotated `kube-anatomy.dev/cpu-usage: "450m"` uses that much CPU;
 * - a workload (Deployment, StatefulSet, ReplicaSet) annotated `kube-anatomy.dev/cpu-load: "900m"`
 *   receives that much work in total, spread evenly over its running pods (so more replicas
 *   means less CPU each — what makes a HorizontalPodAutoscaler converge);
 * - otherwise a container idles at 1m CPU.
 * Memory: `kube-anatomy.dev/memory-usage` per pod, else a small per-image working set.
 * The HPA controller uses it; the Metrics API (apiserver/metrics.ts) serves it to `kubectl top`.
 */
import type { Obj } from '../../client/types';
import { milliCPU, parseQuantity } from '../../core/quantity';

export const CPU_USAGE = 'kube-anatomy.dev/cpu-usage';
export const CPU_LOAD = 'kube-anatomy.dev/cpu-load';
export const MEMORY_USAGE = 'kube-anatomy.dev/memory-usage';

export interface PodUsage {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
}

/** Usage of one running pod; `sharing` = the running pods of the same workload (for cpu-load). */
export function podUsage(pod: Obj, workload?: Obj, sharing = 1): PodUsage {
  const containers: Obj[] = pod.spec?.containers ?? [];
  let cpu = containers.length;
  const own = pod.metadata.annotations?.[CPU_USAGE];
  const load = workload?.metadata.annotations?.[CPU_LOAD];
  if (own) cpu = milliCPU(own);
  else if (load) cpu = Math.round(milliCPU(load) / Math.max(1, sharing));
  // a container cannot use more than its limit
  const limit = containers.reduce((n, c) => (n === Infinity || !c.resources?.limits?.cpu ? Infinity : n + milliCPU(c.resources.limits.cpu)), 0);
  if (containers.length && limit !== Infinity) cpu = Math.min(cpu, limit);
  const mem = pod.metadata.annotations?.[MEMORY_USAGE];
  const memory = mem ? parseQuantity(mem) : containers.length * 8 * 1024 * 1024;
  return { cpu, memory };
}

/** The pods metrics-server has a sample for: Running, every container running for one scrape (15 s). */
export const SCRAPE_MS = 15_000;

function measured(pod: Obj, now: number): boolean {
  if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) return false;
  const cs: Obj[] = pod.status?.containerStatuses ?? [];
  if (!cs.length) return false;
  return cs.every((c) => c.state?.running?.startedAt && now - Date.parse(c.state.running.startedAt) >= SCRAPE_MS);
}

function readyCondition(pod: Obj): boolean {
  return (pod.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
}

/**
 * The workload a pod's cpu-load comes from: its controller, or (for a ReplicaSet without the
 * annotation) the ReplicaSet's Deployment — the object an HPA scales.
 */
export function workloadOf(pod: Obj, get: (kind: string, ns: string, name: string) => Obj | undefined): Obj | undefined {
  const ref = (o: Obj) => (o.metadata.ownerReferences ?? []).find((r) => r.controller);
  const r = ref(pod);
  if (!r) return undefined;
  const owner = get(r.kind, pod.metadata.namespace!, r.name);
  if (!owner || owner.metadata.annotations?.[CPU_LOAD] || owner.kind !== 'ReplicaSet') return owner;
  const up = ref(owner);
  return (up && up.kind === 'Deployment' && get('Deployment', pod.metadata.namespace!, up.name)) || owner;
}

/**
 * What metrics-server would report for each measured pod: `podUsage` with a workload's load shared
 * by its ready pods (the HorizontalPodAutoscaler's arithmetic).
 */
export function measuredPodUsage(pods: Obj[], now: number, get: (kind: string, ns: string, name: string) => Obj | undefined): Map<Obj, PodUsage> {
  const live = pods.filter((p) => measured(p, now));
  const workload = new Map(live.map((p) => [p, workloadOf(p, get)]));
  const sharing = new Map<Obj, number>();
  for (const [p, w] of workload) if (w && readyCondition(p)) sharing.set(w, (sharing.get(w) ?? 0) + 1);
  return new Map(live.map((p) => {
    const w = workload.get(p);
    return [p, podUsage(p, w, w ? sharing.get(w) ?? 1 : 1)];
  }));
}

/** What the node itself uses besides its pods (kubelet, containerd, the OS). */
export const NODE_SYSTEM_USAGE: PodUsage = { cpu: 40, memory: 600 * 1024 * 1024 };

/**
 * Whether the Metrics API is served: the aggregator forwards metrics.k8s.io to the
 * kube-system/metrics-server Service, so it is available while that Service has a ready endpoint.
 */
export function metricsServerAvailable(endpoints: Obj | undefined): boolean {
  return (endpoints?.subsets ?? []).some((s: Obj) => (s.addresses ?? []).length > 0);
}
