/** Pod resource requests as the scheduler and kubelet count them (component-helpers/resource). */
import { milliCPU, parseQuantity } from '../../core/quantity';
import type { Obj } from '../../client/types';

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended and hugepages resources, by name. */
  scalar: Record<string, number>;
}

export const emptyResources = (): Resources => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} });

function fromList(list: Record<string, string | number> | undefined): Resources {
  const r = emptyResources();
  for (const [name, q] of Object.entries(list ?? {})) {
    if (name === 'cpu') r.milliCPU = milliCPU(q);
    else if (name === 'memory') r.memory = parseQuantity(q);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = parseQuantity(q);
    else if (name !== 'pods') r.scalar[name] = parseQuantity(q);
  }
  return r;
}

export function addResources(a: Resources, b: Resources, sign = 1): Resources {
  const scalar: Record<string, number> = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = (scalar[k] ?? 0) + sign * v;
  return { milliCPU: a.milliCPU + sign * b.milliCPU, memory: a.memory + sign * b.memory, ephemeralStorage: a.ephemeralStorage + sign * b.ephemeralStorage, scalar };
}

function maxResources(a: Resources, b: Resources): Resources {
  const scalar: Record<string, number> = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = Math.max(scalar[k] ?? 0, v);
  return { milliCPU: Math.max(a.milliCPU, b.milliCPU), memory: Math.max(a.memory, b.memory), ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage), scalar };
}

/**
 * PodRequests: the sum over containers, at least the largest init container (restartable
 * sidecars add to everything after them), plus pod overhead.
 */
// A shared (frozen) pod's requests never change: the scheduler asks for them several times per
// cycle (PreFilter, PreScore, assume), so they are worked out once per spec object.
const frozenRequests = new WeakMap<object, Resources>();

export function podRequests(pod: Obj): Resources {
  const spec = pod.spec;
  if (spec && Object.isFrozen(spec)) {
    let r = frozenRequests.get(spec);
    if (!r) {
      r = computePodRequests(pod);
      Object.freeze(r.scalar);
      frozenRequests.set(spec, Object.freeze(r));
    }
    return r;
  }
  return computePodRequests(pod);
}

function computePodRequests(pod: Obj): Resources {
  let sum = emptyResources();
  for (const c of pod.spec?.containers ?? []) sum = addResources(sum, fromList(c.resources?.requests));
  let sidecars = emptyResources();
  let initMax = emptyResources();
  for (const c of pod.spec?.initContainers ?? []) {
    const r = fromList(c.resources?.requests);
    if (c.restartPolicy === 'Always') {
      sum = addResources(sum, r);
      sidecars = addResources(sidecars, r);
      initMax = maxResources(initMax, sidecars);
    } else initMax = maxResources(initMax, addResources(sidecars, r));
  }
  let out = maxResources(sum, initMax);
  if (pod.spec?.overhead) out = addResources(out, fromList(pod.spec.overhead));
  return out;
}

/** Non-zero defaults the scheduler's scoring uses for containers without requests (100m CPU, 200 MB). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function podNonZeroRequests(pod: Obj): { milliCPU: number; memory: number } {
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec?.containers ?? []) {
    const req = c.resources?.requests ?? {};
    cpu += req.cpu !== undefined ? milliCPU(req.cpu) : DEFAULT_MILLI_CPU_REQUEST;
    mem += req.memory !== undefined ? parseQuantity(req.memory) : DEFAULT_MEMORY_REQUEST;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    const req = c.resources?.requests ?? {};
    const ic = req.cpu !== undefined ? milliCPU(req.cpu) : DEFAULT_MILLI_CPU_REQUEST;
    const im = req.memory !== undefined ? parseQuantity(req.memory) : DEFAULT_MEMORY_REQUEST;
    cpu = Math.max(cpu, ic);
    mem = Math.max(mem, im);
  }
  return { milliCPU: cpu, memory: mem };
}

/** A node's allocatable (or capacity) list as Resources plus the pod count. */
export function nodeResources(list: Record<string, string> | undefined): Resources & { pods: number } {
  return { ...fromList(list), pods: parseQuantity(list?.pods ?? '0') };
}
