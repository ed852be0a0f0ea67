/**
 * Client-side apply's three-way strategic merge patch (strategicpatch.CreateThreeWayMergePatch,
 * reduced): fields the user removed since the last apply are deleted, fields that differ from the
 * live object are set; lists with a merge key are patched element by element.
 */
import { defaultLookup, type StrategyLookup } from '../../api/patch/strategic';
import { isObject } from '../../api/patch/merge';

type J = Record<string, unknown>;

const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function threeWayPatch(original: J | undefined, modified: J, current: J, lookup: StrategyLookup = defaultLookup): J {
  return diffMap(original ?? {}, modified, current, [], lookup);
}

function diffMap(orig: J, mod: J, cur: J, path: string[], lookup: StrategyLookup): J {
  const patch: J = {};
  for (const [k, mv] of Object.entries(mod)) {
    const cv = cur[k];
    const ov = orig[k];
    if (isObject(mv) && isObject(cv)) {
      const sub = diffMap(isObject(ov) ? ov : {}, mv, cv, [...path, k], lookup);
      if (Object.keys(sub).length) patch[k] = sub;
    } else if (Array.isArray(mv) && Array.isArray(cv)) {
      const st = lookup(path, k);
      if (st.strategy === 'merge' && st.mergeKey && mv.every(isObject)) {
        const lp = diffKeyedList(Array.isArray(ov) ? ov : [], mv as J[], cv, st.mergeKey, [...path, k], lookup);
        if (lp.changed) {
          patch[`$setElementOrder/${k}`] = (mv as J[]).map((e) => ({ [st.mergeKey!]: e[st.mergeKey!] }));
          patch[k] = lp.items;
        }
      } else if (!eq(mv, cv)) patch[k] = mv;
    } else if (!eq(mv, cv)) {
      patch[k] = mv;
    }
  }
  for (const k of Object.keys(orig)) {
    if (!(k in mod) && k in cur) patch[k] = null;
  }
  return patch;
}

function diffKeyedList(orig: unknown[], mod: J[], cur: unknown[], key: string, path: string[], lookup: StrategyLookup): { changed: boolean; items: J[] } {
  const items: J[] = [];
  let changed = false;
  const curBy = new Map(cur.filter(isObject).map((e) => [e[key], e as J]));
  const origBy = new Map(orig.filter(isObject).map((e) => [e[key], e as J]));
  for (const m of mod) {
    const c = curBy.get(m[key]);
    if (!c) {
      items.push(m);
      changed = true;
      continue;
    }
    const sub = diffMap(origBy.get(m[key]) ?? {}, m, c, path, lookup);
    if (Object.keys(sub).length) {
      items.push({ ...sub, [key]: m[key] });
      changed = true;
    }
  }
  for (const o of orig.filter(isObject) as J[]) {
    if (!mod.some((m) => m[key] === o[key]) && curBy.has(o[key])) {
      items.push({ $patch: 'delete', [key]: o[key] });
      changed = true;
    }
  }
  // order changed only
  const curOrder = cur.filter(isObject).map((e) => e[key]).filter((v) => mod.some((m) => m[key] === v));
  if (!changed && !eq(curOrder, mod.map((m) => m[key]))) changed = true;
  return { changed, items };
}

/** JSON with sorted keys at every level, as Go encodes an unstructured map. */
export function sortedJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObject(v)) {
    const out: J = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}
