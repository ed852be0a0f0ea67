/** Pod helpers shared by controllers and the kubelet (k8s.io/kubernetes/pkg/api/v1/pod). */
import type { Obj, OwnerReference } from '../../client/types';
import { parseTime } from '../../core/clock';

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export function podCondition(pod: Obj, type: string): PodCondition | undefined {
  return (pod.status?.conditions ?? []).find((c: PodCondition) => c.type === type);
}

export function isPodReady(pod: Obj): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds at `now`. */
export function isPodAvailable(pod: Obj, minReadySeconds: number, now: number): boolean {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const t = parseTime(c.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 <= now;
}

/** Neither finished nor being deleted (controller.IsPodActive). */
export function isPodActive(pod: Obj): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function isPodTerminal(pod: Obj): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function controllerRef(o: Obj): OwnerReference | undefined {
  return (o.metadata.ownerReferences ?? []).find((r) => r.controller);
}

export function isMirrorPod(pod: Obj): boolean {
  return !!pod.metadata.annotations?.['kubernetes.io/config.mirror'];
}

/** `name_namespace(uid)`, kubelet's format.Pod. */
export function formatPod(pod: Obj): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}
