/** What the Endpoints and EndpointSlice controllers share: which pods count, and port resolution. */
import type { Obj } from '../client/types';
import { parseTime, toRFC3339 } from '../core/clock';
import { podCondition } from '../api/helpers/pod';

/** ShouldPodBeInEndpoints: has an IP, is not finished, and (unless allowed) is not terminating. */
export function podInEndpoints(pod: Obj, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** FindPort: a service targetPort (number or container port name) on a pod; undefined if absent. */
export function findPort(pod: Obj, svcPort: Obj): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === (svcPort.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}

export function targetRef(pod: Obj): Obj {
  return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid } as unknown as Obj;
}

/** The endpoints.kubernetes.io/last-change-trigger-time: the newest pod readiness or service change. */
export function lastChangeTriggerTime(svc: Obj, pods: Obj[]): string {
  let t = parseTime(svc.metadata.creationTimestamp) ?? 0;
  for (const p of pods) {
    const c = podCondition(p, 'Ready');
    t = Math.max(t, parseTime(c?.lastTransitionTime) ?? parseTime(p.metadata.creationTimestamp) ?? 0);
  }
  return toRFC3339(t);
}

/** Services with a selector that matches the pod. */
export function servicesSelecting(services: Obj[], pod: Obj): Obj[] {
  return services.filter((s) => {
    const sel: Record<string, string> | undefined = s.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) return false;
    return Object.entries(sel).every(([k, v]) => pod.metadata.labels?.[k] === v);
  });
}

export function podsSelected(svc: Obj, pods: Obj[]): Obj[] {
  return pods.filter((p) => servicesSelecting([svc], p).length > 0);
}
