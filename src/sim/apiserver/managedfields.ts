/**
 * Field management (server-side apply): FieldsV1 sets computed from the Go schema
 * (`f:<field>`, `k:{"name":"web"}` for associative list items, `v:<json>` for sets, `.` for a node
 * that is itself owned), managedFields entries per manager and operation, apply with conflict
 * detection (409 `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using
 * apps/v1: .spec.replicas`), force, and removal of fields a manager stopped applying.
 * Modelled on sigs.k8s.io/structured-merge-diff as the apiserver's fieldmanager uses it.
 */
import { ApiError } from '../core/errors';
import { fieldOf, typeOfKind, parseTypeExpr, type TypeRef } from '../api/schema';
import { canonicalJSON } from '../core/hash';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** FieldsV1 as JSON: `{"f:spec": {"f:replicas": {}}}`. */
export type FieldSet = { [k: string]: FieldSet };

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldSet;
  subresource?: string;
}

/** Top-level and metadata fields the field manager never tracks. */
const IGNORED_TOP = new Set(['apiVersion', 'kind', 'status']);
const IGNORED_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink']);

function isObj(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function listKeys(owner: string, field: string): string[] | undefined {
  const f = fieldOf(owner, field);
  if (!f) return undefined;
  if (f.listType === 'map' && f.listMapKeys?.length) return f.listMapKeys;
  if (f.patchMergeKey && f.listType !== 'atomic' && f.listType !== 'set') return [f.patchMergeKey];
  return undefined;
}

function itemKey(item: Any, keys: string[]): string {
  const o: Record<string, unknown> = {};
  for (const k of [...keys].sort()) if (item?.[k] !== undefined) o[k] = item[k];
  return `k:${JSON.stringify(o)}`;
}

/** The set of fields a value sets, walking the Go type. */
function setOf(t: TypeRef, value: unknown, owner?: string, field?: string): FieldSet {
  if (t.kind === 'struct' && isObj(value)) {
    const out: FieldSet = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const f = fieldOf(t.name, k);
      const child = f ? setOf(f.type, v, t.name, k) : {};
      out[`f:${k}`] = f && hasDot(f.type, child) ? { '.': {}, ...child } : child;
    }
    return out;
  }
  if (t.kind === 'map' && isObj(value)) {
    const out: FieldSet = {};
    for (const [k, v] of Object.entries(value)) out[`f:${k}`] = setOf(t.elem, v);
    return out;
  }
  if (t.kind === 'list' && Array.isArray(value) && owner && field) {
    const keys = listKeys(owner, field);
    const info = fieldOf(owner, field);
    if (keys) {
      const out: FieldSet = {};
      for (const item of value) out[itemKey(item, keys)] = { '.': {}, ...setOf(t.elem, item) };
      return out;
    }
    if (info?.listType === 'set') {
      const out: FieldSet = {};
      for (const item of value) out[`v:${JSON.stringify(item)}`] = {};
      return out;
    }
  }
  return {};
}

/** A map, a pointer struct or an associative list with children is itself a member too (`.`). */
function hasDot(t: TypeRef, child: FieldSet): boolean {
  if (Object.keys(child).length === 0) return false;
  return t.kind === 'map' || (t.kind === 'struct' && t.pointer);
}

/** The fields an object sets, without the ones the field manager ignores. */
export function fieldSetOf(apiVersion: string, kind: string, obj: Any): FieldSet {
  const type = typeOfKind(apiVersion, kind);
  if (!type) return {};
  const pruned: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj ?? {})) {
    if (IGNORED_TOP.has(k)) continue;
    if (k === 'metadata' && isObj(v)) {
      const m = Object.fromEntries(Object.entries(v).filter(([mk]) => !IGNORED_META.has(mk)));
      if (Object.keys(m).length) pruned.metadata = m;
      continue;
    }
    pruned[k] = v;
  }
  return setOf(parseTypeExpr(type), pruned);
}

// ------------------------------------------------------------------------------------------ paths

/** Leaf paths of a set (the members: leaves and `.` nodes), as key lists. */
function leaves(s: FieldSet, prefix: string[] = [], out: string[][] = []): string[][] {
  for (const [k, v] of Object.entries(s)) {
    if (k === '.') {
      out.push(prefix);
      continue;
    }
    const p = [...prefix, k];
    if (Object.keys(v).length === 0) out.push(p);
    else leaves(v, p, out);
  }
  return out;
}

function hasPath(s: FieldSet, path: string[]): boolean {
  let cur: FieldSet | undefined = s;
  for (const k of path) {
    cur = cur?.[k];
    if (!cur) return false;
  }
  return !!cur && (Object.keys(cur).length === 0 || '.' in cur || path.length === 0);
}

function isLeaf(s: FieldSet, path: string[]): boolean {
  let cur: FieldSet | undefined = s;
  for (const k of path) cur = cur?.[k];
  return !!cur && Object.keys(cur).length === 0;
}

function removePath(s: FieldSet, path: string[]): void {
  if (!path.length) return;
  const [head, ...rest] = path;
  const child = s[head];
  if (!child) return;
  if (!rest.length) {
    if (Object.keys(child).length <= 1 || '.' in child) {
      delete child['.'];
      if (Object.keys(child).length === 0) delete s[head];
    }
    return;
  }
  removePath(child, rest);
  if (Object.keys(child).length === 0) delete s[head];
}

function union(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = structuredClone(a);
  for (const [k, v] of Object.entries(b)) out[k] = out[k] ? union(out[k], v) : structuredClone(v);
  return out;
}

function isEmptySet(s: FieldSet): boolean {
  return Object.keys(s).length === 0;
}

/** `.spec.template.spec.containers[name="web"].image` (fieldpath.Path.String). */
export function pathString(path: string[]): string {
  return path
    .map((k) => {
      if (k.startsWith('f:')) return `.${k.slice(2)}`;
      if (k.startsWith('k:')) {
        const o = JSON.parse(k.slice(2)) as Record<string, unknown>;
        return `[${Object.entries(o)
          .map(([kk, vv]) => `${kk}=${JSON.stringify(vv)}`)
          .join(',')}]`;
      }
      if (k.startsWith('v:')) return `[=${k.slice(2)}]`;
      return k;
    })
    .join('');
}

/** The value at a path in an object (undefined when absent). */
function valueAt(obj: Any, path: string[]): unknown {
  let cur: Any = obj;
  for (const k of path) {
    if (cur === undefined || cur === null) return undefined;
    if (k.startsWith('f:')) cur = cur[k.slice(2)];
    else if (k.startsWith('k:')) {
      const key = JSON.parse(k.slice(2)) as Record<string, unknown>;
      cur = Array.isArray(cur) ? cur.find((it) => Object.entries(key).every(([kk, vv]) => canonicalJSON(it?.[kk]) === canonicalJSON(vv))) : undefined;
    } else if (k.startsWith('v:')) {
      const v = JSON.parse(k.slice(2));
      cur = Array.isArray(cur) && cur.some((it) => canonicalJSON(it) === canonicalJSON(v)) ? v : undefined;
    }
  }
  return cur;
}

function deleteAt(obj: Any, path: string[]): void {
  if (!path.length) return;
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length ? valueAt(obj, parentPath) : obj;
  const last = path[path.length - 1];
  if (last.startsWith('f:') && isObj(parent)) delete (parent as Record<string, unknown>)[last.slice(2)];
  else if ((last.startsWith('k:') || last.startsWith('v:')) && Array.isArray(parent)) {
    const target = valueAt(obj, path);
    const i = parent.indexOf(target);
    if (i >= 0) parent.splice(i, 1);
  }
}

// ------------------------------------------------------------------------------------------ merge

function mergeValue(t: TypeRef, live: unknown, applied: unknown, owner?: string, field?: string): unknown {
  if (applied === undefined) return live;
  if (t.kind === 'struct' && isObj(applied) && isObj(live)) {
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(applied)) {
      const f = fieldOf(t.name, k);
      out[k] = f ? mergeValue(f.type, live[k], v, t.name, k) : v;
    }
    return out;
  }
  if (t.kind === 'map' && isObj(applied) && isObj(live)) {
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(applied)) out[k] = mergeValue(t.elem, live[k], v);
    return out;
  }
  if (t.kind === 'list' && Array.isArray(applied) && Array.isArray(live) && owner && field) {
    const keys = listKeys(owner, field);
    if (keys) {
      const out = [...live];
      for (const item of applied) {
        const key = itemKey(item, keys);
        const i = out.findIndex((x) => itemKey(x, keys) === key);
        if (i >= 0) out[i] = mergeValue(t.elem, out[i], item);
        else out.push(item);
      }
      return out;
    }
    if (fieldOf(owner, field)?.listType === 'set') {
      const out = [...live];
      for (const item of applied) if (!out.some((x) => canonicalJSON(x) === canonicalJSON(item))) out.push(item);
      return out;
    }
  }
  return structuredClone(applied);
}

// ------------------------------------------------------------------------------------------ entries

export function entriesOf(obj: Any): ManagedFieldsEntry[] {
  return (obj?.metadata?.managedFields ?? []) as ManagedFieldsEntry[];
}

function managerLabel(e: ManagedFieldsEntry): string {
  const sub = e.subresource ? ` with subresource "${e.subresource}"` : '';
  return e.operation === 'Update' ? `"${e.manager}"${sub} using ${e.apiVersion}` : `"${e.manager}"${sub}`;
}

function conflictError(conflicts: Array<{ entry: ManagedFieldsEntry; path: string[] }>): ApiError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${managerLabel(c.entry)}`, field: pathString(c.path) }));
  let message: string;
  if (conflicts.length === 1) message = `Apply failed with 1 conflict: conflict with ${managerLabel(conflicts[0].entry)}: ${pathString(conflicts[0].path)}`;
  else {
    const by = new Map<string, string[]>();
    for (const c of conflicts) {
      const m = managerLabel(c.entry);
      if (!by.has(m)) by.set(m, []);
      by.get(m)!.push(pathString(c.path));
    }
    const lines: string[] = [];
    for (const m of [...by.keys()].sort()) {
      lines.push(`conflicts with ${m}:`);
      for (const p of by.get(m)!) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}

/**
 * Server-side apply of `config` by `manager` onto `live` (undefined: create). Returns the merged
 * object carrying the new managedFields; throws 409 on conflicts unless forced.
 */
export function apply(apiVersion: string, kind: string, live: Any | undefined, config: Any, manager: string, force: boolean, now: string): Any {
  const type = typeOfKind(apiVersion, kind)!;
  const configSet = fieldSetOf(apiVersion, kind, config);
  const entries = structuredClone(entriesOf(live));
  const mine = entries.find((e) => e.manager === manager && e.operation === 'Apply' && !e.subresource);
  if (live) {
    const conflicts: Array<{ entry: ManagedFieldsEntry; path: string[] }> = [];
    for (const path of leaves(configSet)) {
      // a node with children (`.`) conflicts through its children only
      if (!isLeaf(configSet, path)) continue;
      const same = canonicalJSON(valueAt(config, path) ?? null) === canonicalJSON(valueAt(live, path) ?? null);
      if (same) continue;
      for (const e of entries) {
        if (e === mine) continue;
        if (hasPath(e.fieldsV1, path)) conflicts.push({ entry: e, path });
      }
    }
    if (conflicts.length && !force) throw conflictError(conflicts);
    for (const c of conflicts) removePath(c.entry.fieldsV1, c.path);
  }
  let merged: Any = live ? mergeValue(parseTypeExpr(type), stripForMerge(live), stripForMerge(config)) : structuredClone(config);
  // fields this manager applied before and dropped now, that nobody else owns, go away
  if (live && mine) {
    const others = entries.filter((e) => e !== mine).reduce((acc, e) => union(acc, e.fieldsV1), {} as FieldSet);
    for (const path of leaves(mine.fieldsV1)) {
      if (hasPath(configSet, path) || hasPath(others, path)) continue;
      merged = structuredClone(merged);
      deleteAt(merged, path);
    }
  }
  const next = entries.filter((e) => e !== mine && !isEmptySet(e.fieldsV1));
  const entry: ManagedFieldsEntry = { manager, operation: 'Apply', apiVersion, time: now, fieldsType: 'FieldsV1', fieldsV1: configSet };
  if (mine) next.splice(Math.min(entries.indexOf(mine), next.length), 0, entry);
  else next.push(entry);
  merged.metadata = { ...(merged.metadata ?? {}), managedFields: next };
  if (live) {
    merged.metadata.resourceVersion = live.metadata.resourceVersion;
    merged.status = live.status;
  }
  return merged;
}

function stripForMerge(o: Any): Any {
  const { status: _s, ...rest } = o ?? {};
  void _s;
  return rest;
}

/**
 * managedFields after an ordinary create/update by `manager`: the fields whose values changed move
 * to the manager's Update entry.
 */
export function recordUpdate(apiVersion: string, kind: string, old: Any | undefined, next: Any, manager: string, now: string, subresource?: string): ManagedFieldsEntry[] {
  const entries = structuredClone(entriesOf(old));
  const newSet = fieldSetOf(apiVersion, kind, next);
  const changed: string[][] = [];
  for (const path of leaves(newSet)) {
    if (!old || canonicalJSON(valueAt(old, path) ?? null) !== canonicalJSON(valueAt(next, path) ?? null)) changed.push(path);
  }
  // fields removed from the object leave every manager's set
  if (old) {
    const oldSet = fieldSetOf(apiVersion, kind, old);
    for (const path of leaves(oldSet)) if (!hasPath(newSet, path)) for (const e of entries) removePath(e.fieldsV1, path);
  }
  if (!changed.length) return entries.filter((e) => !isEmptySet(e.fieldsV1));
  let mine = entries.find((e) => e.manager === manager && e.operation === 'Update' && (e.subresource ?? '') === (subresource ?? ''));
  const changedSet: FieldSet = {};
  for (const path of changed) {
    let cur = changedSet;
    for (const k of path) cur = cur[k] ??= {};
  }
  // a node whose children are tracked and that is itself a member keeps its `.`
  const withDots = restoreDots(changedSet, newSet);
  for (const e of entries) if (e !== mine) for (const path of changed) removePath(e.fieldsV1, path);
  if (mine) {
    mine.fieldsV1 = union(mine.fieldsV1, withDots);
    mine.time = now;
    mine.apiVersion = apiVersion;
  } else {
    mine = { manager, operation: 'Update', apiVersion, time: now, fieldsType: 'FieldsV1', fieldsV1: withDots, ...(subresource ? { subresource } : {}) };
    entries.push(mine);
  }
  return entries.filter((e) => !isEmptySet(e.fieldsV1));
}

function restoreDots(s: FieldSet, full: FieldSet): FieldSet {
  const out: FieldSet = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '.') {
      out[k] = {};
      continue;
    }
    const f = full[k] ?? {};
    const child = restoreDots(v, f);
    out[k] = '.' in f && Object.keys(child).length ? { '.': {}, ...child } : child;
  }
  return out;
}

/** The default field manager: the user agent's command name (`kubectl`, `kubelet`, …). */
export function defaultManager(agent: string | undefined): string {
  const a = agent ?? 'unknown';
  return a.split('/')[0];
}
