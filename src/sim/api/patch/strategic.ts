/**
 * Strategic merge patch: maps merge recursively, lists with a merge key merge element by element,
 * and the directives $patch (replace/delete/merge), $retainKeys, $setElementOrder/<list> and
 * $deleteFromPrimitiveList/<list> apply as in apimachinery's strategicpatch.
 */
import { ApiError } from '../../core/errors';
import { clone, isObject } from './merge';

export interface ListStrategy {
  /** Merge key of a list of objects (`name` for containers). */
  mergeKey?: string;
  /** `merge` for lists that merge (with a key, or primitive sets such as finalizers). */
  strategy: 'merge' | 'replace';
}

/** Which lists merge, by field name (fallback table until the schema data knows every type). */
const LISTS: Record<string, ListStrategy> = {
  containers: { mergeKey: 'name', strategy: 'merge' },
  initContainers: { mergeKey: 'name', strategy: 'merge' },
  ephemeralContainers: { mergeKey: 'name', strategy: 'merge' },
  env: { mergeKey: 'name', strategy: 'merge' },
  volumes: { mergeKey: 'name', strategy: 'merge' },
  volumeMounts: { mergeKey: 'mountPath', strategy: 'merge' },
  volumeDevices: { mergeKey: 'devicePath', strategy: 'merge' },
  imagePullSecrets: { mergeKey: 'name', strategy: 'merge' },
  hostAliases: { mergeKey: 'ip', strategy: 'merge' },
  conditions: { mergeKey: 'type', strategy: 'merge' },
  addresses: { mergeKey: 'type', strategy: 'merge' },
  ownerReferences: { mergeKey: 'uid', strategy: 'merge' },
  finalizers: { strategy: 'merge' },
  topologySpreadConstraints: { mergeKey: 'topologyKey', strategy: 'merge' },
  resourceClaims: { mergeKey: 'name', strategy: 'merge' },
};

export type StrategyLookup = (path: string[], field: string) => ListStrategy;

/** Container ports merge on containerPort, service ports on port. */
export const defaultLookup: StrategyLookup = (path, field) => {
  if (field === 'ports') {
    const parent = path[path.length - 1];
    if (parent === 'spec' && !path.includes('template') && !path.includes('containers')) return { mergeKey: 'port', strategy: 'merge' };
    return { mergeKey: 'containerPort', strategy: 'merge' };
  }
  return LISTS[field] ?? { strategy: 'replace' };
};

export function strategicMergePatch(original: unknown, patch: unknown, lookup: StrategyLookup = defaultLookup): unknown {
  if (!isObject(patch)) throw new ApiError(400, 'BadRequest', 'unable to find api field in struct  for the json field "$patch"');
  return mergeMap(isObject(original) ? original : {}, patch, [], lookup);
}

function mergeMap(orig: Record<string, unknown>, patch: Record<string, unknown>, path: string[], lookup: StrategyLookup): Record<string, unknown> | undefined {
  const directive = patch['$patch'];
  if (directive === 'delete') return undefined;
  if (directive === 'replace') {
    const { $patch: _p, ...rest } = patch;
    void _p;
    return clone(rest);
  }
  const out: Record<string, unknown> = { ...orig };
  const retain = patch['$retainKeys'];
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/') || k.startsWith('$deleteFromPrimitiveList/')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (isObject(v)) {
      const merged = mergeMap(isObject(cur) ? cur : {}, v, [...path, k], lookup);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else if (Array.isArray(v)) {
      out[k] = mergeList(Array.isArray(cur) ? cur : [], v, [...path, k], k, lookup, path);
    } else {
      out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$deleteFromPrimitiveList/') && Array.isArray(v)) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[f])) out[f] = (out[f] as unknown[]).filter((x) => !v.includes(x));
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') && Array.isArray(v)) {
      const f = k.slice('$setElementOrder/'.length);
      const list = out[f];
      if (Array.isArray(list)) out[f] = reorder(list, v, lookup(path, f).mergeKey);
    }
  }
  if (Array.isArray(retain)) {
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}

function mergeList(orig: unknown[], patch: unknown[], path: string[], field: string, lookup: StrategyLookup, parentPath: string[]): unknown[] {
  const st = lookup(parentPath, field);
  if (st.strategy !== 'merge') {
    // a replace list may still carry directives inside elements: strip them
    return clone(patch);
  }
  if (!st.mergeKey) {
    const out = [...orig];
    for (const v of patch) if (!out.some((x) => JSON.stringify(x) === JSON.stringify(v))) out.push(clone(v));
    return out;
  }
  const key = st.mergeKey;
  if (patch.some((p) => isObject(p) && p['$patch'] === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p['$patch'] === 'replace')).map(clone);
  }
  const out = orig.map((x) => x);
  for (const p of patch) {
    if (!isObject(p)) continue;
    const idx = out.findIndex((x) => isObject(x) && x[key] === p[key]);
    if (p['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) {
      const merged = mergeMap(out[idx] as Record<string, unknown>, p, path, lookup);
      if (merged === undefined) out.splice(idx, 1);
      else out[idx] = merged;
    } else {
      out.push(mergeMap({}, p, path, lookup) ?? {});
    }
  }
  return out;
}

function reorder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  if (!key) {
    const rank = (x: unknown) => {
      const i = order.findIndex((o) => JSON.stringify(o) === JSON.stringify(x));
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    return [...list].sort((a, b) => rank(a) - rank(b));
  }
  const pos = new Map<unknown, number>();
  order.forEach((o, i) => isObject(o) && pos.set(o[key], i));
  const inOrder = list.filter((x) => isObject(x) && pos.has(x[key])).sort((a, b) => pos.get((a as Record<string, unknown>)[key])! - pos.get((b as Record<string, unknown>)[key])!);
  const rest = list.filter((x) => !(isObject(x) && pos.has(x[key])));
  return [...inOrder, ...rest];
}
