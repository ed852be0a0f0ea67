/** kubectl's qos.GetPodQOS: status.qosClass, else computed from requests and limits (cpu, memory). */
import type { Obj } from '../../client/types';
import { addQuantity, cmpQuantity, parseQuantity, type Quantity } from '../../api/table/quantity';
import type { Any } from './common';

const SUPPORTED = new Set(['cpu', 'memory']);

function process(list: Map<string, Quantity>, newList: Record<string, string> | undefined): void {
  for (const [name, v] of Object.entries(newList ?? {})) {
    if (!SUPPORTED.has(name)) continue;
    const qv = parseQuantity(v);
    if (!qv || qv.nanos <= 0n) continue;
    const cur = list.get(name);
    list.set(name, cur ? addQuantity(qv, cur) : qv);
  }
}

function qosResources(list: Record<string, string> | undefined): Set<string> {
  const s = new Set<string>();
  for (const [name, v] of Object.entries(list ?? {})) {
    const qv = parseQuantity(v);
    if (SUPPORTED.has(name) && qv && qv.nanos > 0n) s.add(name);
  }
  return s;
}

export function computePodQOS(pod: Obj): string {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const spec: Any = pod.spec ?? {};
  if (spec.resources) {
    process(requests, spec.resources.requests);
    if (spec.resources.limits) {
      process(limits, spec.resources.limits);
      const r = qosResources(spec.resources.limits);
      if (!(r.has('memory') && r.has('cpu'))) guaranteed = false;
    }
  } else {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      process(requests, c.resources?.requests);
      process(limits, c.resources?.limits);
      const r = qosResources(c.resources?.limits);
      if (!(r.has('memory') && r.has('cpu'))) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || cmpQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  if (guaranteed && requests.size === limits.size) return 'Guaranteed';
  return 'Burstable';
}

export function getPodQOS(pod: Obj): string {
  return pod.status?.qosClass || computePodQOS(pod);
}
