/**
 * The simulation's resource usage model (what cAdvisor would measure, and metrics-server serve):
 * - a pod annotated `kube-anatomy.dev/cpu-usage: "450m"` uses that much CPU;
 * - a workload (Deployment, StatefulSet, ReplicaSet) annotated `kube-anatomy.dev/cpu-load: "900m"`
 *   receives that much work in total, spread evenly over its running pods (so more replicas
 *   means less CPU each — what makes a HorizontalPodAutoscaler converge);
 * - otherwise a container idles at 1m CPU.
 * Memory: `kube-anatomy.dev/memory-usage` per pod, else a small per-image working set.
 * The HPA controller uses it, and `kubectl top` can.
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
