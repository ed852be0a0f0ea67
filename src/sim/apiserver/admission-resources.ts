/**
 * Admission plugins that read other objects: Priority (PriorityClass lookup, globalDefault),
 * LimitRanger (defaults and min/max/ratio from LimitRanges), DefaultStorageClass, and
 * ResourceQuota (count and compute usage against status.hard; the apiserver keeps status.used
 * current, standing in for the resource-quota controller). Messages are upstream's.
 */
import { ApiError, qualified } from '../core/errors';
import type { Obj } from '../client/types';
import type { KindInfo } from '../api/kinds';
import { addQuantity, cmpQuantity, parseQuantity, quantityString, zeroQuantity, type Quantity } from '../api/table/quantity';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
type ResourceList = Record<string, string>;

export interface ObjectLookup {
  list(kind: string, ns?: string): Obj[];
}

/** admission.NewForbidden: `pods "web" is forbidden: <reason>` */
export function admissionForbidden(ki: KindInfo, obj: Obj, reason: string): ApiError {
  const name = obj.metadata?.name ?? '';
  return new ApiError(403, 'Forbidden', `${qualified(ki.resource, ki.group)} "${name}" is forbidden: ${reason}`, { name, ...(ki.group ? { group: ki.group } : {}), kind: ki.resource });
}

// ------------------------------------------------------------------------------------ Priority

export function admitPriority(ki: KindInfo, pod: Any, objects: ObjectLookup): void {
  const spec = pod.spec;
  const classes = objects.list('PriorityClass');
  let name: string | undefined = spec.priorityClassName;
  let pc: Any;
  if (!name) {
    // the global default, the oldest when there are several
    const defaults = classes.filter((c: Any) => c.globalDefault);
    pc = defaults.sort((a: Any, b: Any) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)))[0];
    if (pc) {
      name = pc.metadata.name;
      spec.priorityClassName = name;
    }
  } else {
    pc = classes.find((c: Any) => c.metadata.name === name);
    if (!pc) throw admissionForbidden(ki, pod, `no PriorityClass with name ${name} was found`);
  }
  const value = pc ? pc.value : 0;
  if (spec.priority !== undefined && spec.priority !== value) {
    throw admissionForbidden(ki, pod, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
  }
  spec.priority = value;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = pc?.preemptionPolicy ?? 'PreemptLowerPriority';
}

// ---------------------------------------------------------------------------------- LimitRanger

const q = (v: unknown): Quantity => parseQuantity(v as string) ?? zeroQuantity();
const str = (v: unknown): string => quantityString(q(v));

function mergeContainerResources(c: Any, defLimits: ResourceList, defRequests: ResourceList, type: string, notes: string[]): void {
  c.resources ??= {};
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(defLimits)) {
    if (c.resources.limits?.[k] === undefined) {
      (c.resources.limits ??= {})[k] = v;
      setLimits.push(k);
    }
  }
  for (const [k, v] of Object.entries(defRequests)) {
    if (c.resources.requests?.[k] === undefined) {
      (c.resources.requests ??= {})[k] = v;
      setRequests.push(k);
    }
  }
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${type} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${type} ${c.name}`);
}

function minConstraint(limitType: string, res: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request[res];
  const lim = limit[res];
  if (req === undefined) return `minimum ${res} usage per ${limitType} is ${str(enforced)}.  No request is specified`;
  if (cmpQuantity(q(req), q(enforced)) < 0) return `minimum ${res} usage per ${limitType} is ${str(enforced)}, but request is ${str(req)}`;
  if (lim !== undefined && cmpQuantity(q(lim), q(enforced)) < 0) return `minimum ${res} usage per ${limitType} is ${str(enforced)}, but limit is ${str(lim)}`;
  return undefined;
}

function maxConstraint(limitType: string, res: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request[res];
  const lim = limit[res];
  if (lim === undefined) return `maximum ${res} usage per ${limitType} is ${str(enforced)}.  No limit is specified`;
  if (cmpQuantity(q(lim), q(enforced)) > 0) return `maximum ${res} usage per ${limitType} is ${str(enforced)}, but limit is ${str(lim)}`;
  if (req !== undefined && cmpQuantity(q(req), q(enforced)) > 0) return `maximum ${res} usage per ${limitType} is ${str(enforced)}, but request is ${str(req)}`;
  return undefined;
}

function ratioConstraint(limitType: string, res: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  const req = q(request[res]);
  const lim = q(limit[res]);
  if (request[res] === undefined || req.nanos === 0n) return `${res} max limit to request ratio per ${limitType} is ${str(enforced)}, but no request is specified or request is 0`;
  const ratio = Number(lim.nanos) / Number(req.nanos);
  if (ratio > Number(q(enforced).nanos) / 1e9) return `${res} max limit to request ratio per ${limitType} is ${str(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function checkItem(item: Any, limitType: string, request: ResourceList, limit: ResourceList, errs: string[]): void {
  for (const [res, v] of Object.entries((item.min ?? {}) as ResourceList)) {
    const e = minConstraint(limitType, res, v, request, limit);
    if (e) errs.push(e);
  }
  for (const [res, v] of Object.entries((item.max ?? {}) as ResourceList)) {
    const e = maxConstraint(limitType, res, v, request, limit);
    if (e) errs.push(e);
  }
  for (const [res, v] of Object.entries((item.maxLimitRequestRatio ?? {}) as ResourceList)) {
    const e = ratioConstraint(limitType, res, v, request, limit);
    if (e) errs.push(e);
  }
}

function sumList(lists: Array<ResourceList | undefined>): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const l of lists) for (const [k, v] of Object.entries(l ?? {})) out[k] = out[k] ? addQuantity(out[k], q(v)) : q(v);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, quantityString(v)]));
}

/** utilerrors.NewAggregate(...).Error() */
function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

export function admitLimitRanger(ki: KindInfo, obj: Any, objects: ObjectLookup): void {
  if (ki.kind !== 'Pod' && ki.kind !== 'PersistentVolumeClaim') return;
  const ranges = objects.list('LimitRange', obj.metadata.namespace);
  if (!ranges.length) return;
  const errs: string[] = [];
  if (ki.kind === 'Pod') {
    // mutate: default requests/limits from the first Container item of each LimitRange
    const notes: string[] = [];
    for (const lr of ranges) {
      for (const item of (lr as Any).spec?.limits ?? []) {
        if (item.type !== 'Container') continue;
        for (const c of obj.spec.containers ?? []) mergeContainerResources(c, item.default ?? {}, item.defaultRequest ?? {}, 'container', notes);
        for (const c of obj.spec.initContainers ?? []) mergeContainerResources(c, item.default ?? {}, item.defaultRequest ?? {}, 'init container', notes);
      }
    }
    if (notes.length) obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
    // validate
    for (const lr of ranges) {
      for (const item of (lr as Any).spec?.limits ?? []) {
        if (item.type === 'Container') {
          for (const c of [...(obj.spec.initContainers ?? []), ...(obj.spec.containers ?? [])]) checkItem(item, 'Container', c.resources?.requests ?? {}, c.resources?.limits ?? {}, errs);
        } else if (item.type === 'Pod') {
          const cs = obj.spec.containers ?? [];
          checkItem(item, 'Pod', sumList(cs.map((c: Any) => c.resources?.requests)), sumList(cs.map((c: Any) => c.resources?.limits)), errs);
        }
      }
    }
  } else {
    for (const lr of ranges) {
      for (const item of (lr as Any).spec?.limits ?? []) {
        if (item.type !== 'PersistentVolumeClaim') continue;
        const reqs = obj.spec?.resources?.requests ?? {};
        for (const [res, v] of Object.entries((item.min ?? {}) as ResourceList)) {
          if (reqs[res] !== undefined && cmpQuantity(q(reqs[res]), q(v)) < 0) errs.push(`minimum ${res} usage per PersistentVolumeClaim is ${str(v)}, but request is ${str(reqs[res])}`);
        }
        for (const [res, v] of Object.entries((item.max ?? {}) as ResourceList)) {
          if (reqs[res] !== undefined && cmpQuantity(q(reqs[res]), q(v)) > 0) errs.push(`maximum ${res} usage per PersistentVolumeClaim is ${str(v)}, but request is ${str(reqs[res])}`);
        }
      }
    }
  }
  if (errs.length) throw admissionForbidden(ki, obj, aggregate(errs));
}

// -------------------------------------------------------------------------- DefaultStorageClass

export function admitDefaultStorageClass(ki: KindInfo, pvc: Any, objects: ObjectLookup): void {
  if (ki.kind !== 'PersistentVolumeClaim' || pvc.spec?.storageClassName !== undefined) return;
  const defaults = objects.list('StorageClass').filter((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' || c.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true');
  if (!defaults.length) return;
  // the newest default wins
  defaults.sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) || a.metadata.name!.localeCompare(b.metadata.name!));
  pvc.spec.storageClassName = defaults[0].metadata.name;
}

// -------------------------------------------------------------------------------- ResourceQuota

const COUNTED: Record<string, string> = {
  Pod: 'pods',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  ResourceQuota: 'resourcequotas',
};

function isTerminal(pod: Any): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** The quota usage of one object (quota/v1/evaluator/core). */
export function usageOf(ki: KindInfo, obj: Any): Record<string, Quantity> {
  const u: Record<string, Quantity> = {};
  const one = parseQuantity('1')!;
  const countName = `count/${ki.resource}${ki.group ? `.${ki.group}` : ''}`;
  if (ki.kind === 'Pod' && (isTerminal(obj) || obj.metadata?.deletionTimestamp)) return u;
  u[countName] = one;
  if (COUNTED[ki.kind]) u[COUNTED[ki.kind]] = one;
  if (ki.kind === 'Pod') {
    const add = (name: string, v: unknown) => {
      if (v === undefined) return;
      u[name] = u[name] ? addQuantity(u[name], q(v)) : q(v);
    };
    for (const c of obj.spec?.containers ?? []) {
      const req = c.resources?.requests ?? {};
      const lim = c.resources?.limits ?? {};
      add('requests.cpu', req.cpu);
      add('cpu', req.cpu);
      add('requests.memory', req.memory);
      add('memory', req.memory);
      add('limits.cpu', lim.cpu);
      add('limits.memory', lim.memory);
      add('requests.ephemeral-storage', req['ephemeral-storage']);
      add('limits.ephemeral-storage', lim['ephemeral-storage']);
    }
  }
  if (ki.kind === 'Service') {
    if (obj.spec?.type === 'LoadBalancer') u['services.loadbalancers'] = one;
    if (obj.spec?.type === 'NodePort' || obj.spec?.type === 'LoadBalancer') u['services.nodeports'] = parseQuantity(String((obj.spec?.ports ?? []).length))!;
  }
  if (ki.kind === 'PersistentVolumeClaim') {
    const s = obj.spec?.resources?.requests?.storage;
    if (s !== undefined) u['requests.storage'] = q(s);
  }
  return u;
}

/** Which containers lack a request/limit a quota tracks (podEvaluator.Constraints). */
function podConstraints(pod: Any, hard: ResourceList): string | undefined {
  const tracked = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'].filter((r) => hard[r] !== undefined);
  if (!tracked.length) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of pod.spec?.containers ?? []) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    const has: Record<string, boolean> = {
      cpu: req.cpu !== undefined,
      memory: req.memory !== undefined,
      'requests.cpu': req.cpu !== undefined,
      'requests.memory': req.memory !== undefined,
      'limits.cpu': lim.cpu !== undefined,
      'limits.memory': lim.memory !== undefined,
    };
    for (const r of tracked) {
      if (!has[r]) {
        if (!missing.has(r)) missing.set(r, new Set());
        missing.get(r)!.add(c.name);
      }
    }
  }
  if (!missing.size) return undefined;
  return `must specify ${[...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`).join('; ')}`;
}

const pretty = (l: Record<string, Quantity>) =>
  Object.keys(l)
    .sort()
    .map((k) => `${k}=${quantityString(l[k])}`)
    .join(',');

/** Check a create against every quota in the namespace; throws 403 Forbidden. */
export function checkQuota(ki: KindInfo, obj: Any, objects: ObjectLookup): void {
  if (!ki.namespaced) return;
  const quotas = objects.list('ResourceQuota', obj.metadata.namespace);
  if (!quotas.length) return;
  const usage = usageOf(ki, obj);
  for (const rq of quotas as Any[]) {
    const hard: ResourceList = rq.status?.hard ?? {};
    const used: ResourceList = rq.status?.used ?? {};
    const relevant = Object.keys(usage).filter((r) => hard[r] !== undefined);
    if (ki.kind === 'Pod') {
      const c = podConstraints(obj, hard);
      if (c) throw admissionForbidden(ki, obj, `failed quota: ${rq.metadata.name}: ${c}`);
    }
    const exceeded = relevant.filter((r) => cmpQuantity(addQuantity(q(used[r] ?? '0'), usage[r]), q(hard[r])) > 0);
    if (exceeded.length) {
      const pick = (l: Record<string, Quantity>) => Object.fromEntries(exceeded.map((r) => [r, l[r]]));
      const usedQ = Object.fromEntries(exceeded.map((r) => [r, q(used[r] ?? '0')]));
      const hardQ = Object.fromEntries(exceeded.map((r) => [r, q(hard[r])]));
      throw admissionForbidden(ki, obj, `exceeded quota: ${rq.metadata.name}, requested: ${pretty(pick(usage))}, used: ${pretty(usedQ)}, limited: ${pretty(hardQ)}`);
    }
  }
}

/** status {hard, used} of a quota from the objects in its namespace (the quota controller's sync). */
export function quotaStatus(rq: Any, usageIn: (resourceNames: string[]) => Record<string, Quantity>): Any {
  const hard: ResourceList = rq.spec?.hard ?? {};
  const names = Object.keys(hard);
  const total = usageIn(names);
  const used: ResourceList = {};
  for (const r of names) used[r] = quantityString(total[r] ?? zeroQuantity(q(hard[r]).format));
  return { hard: { ...hard }, used };
}
