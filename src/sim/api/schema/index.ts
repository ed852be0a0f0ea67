/**
 * The API schema of the built-in kinds (Kubernetes v1.32: k8s.io/api + k8s.io/apimachinery
 * v0.32.4), generated from the Go type declarations by scripts/gen-api-schema.
 *
 * Data files (do not edit by hand; re-run the generator):
 *  - types.json: every struct with its JSON fields in Go struct order (inline-embedded structs
 *    spliced in place), Go type, omitempty, +optional/+required, patchStrategy/patchMergeKey,
 *    +listType/+listMapKey/+mapType/+structType, +enum references, +default; special scalar
 *    types (Time, Quantity, IntOrString, RawExtension …); enum values.
 *  - kinds.json: apiVersion → kind → type name (what register.go registers).
 *  - descriptions.json: doc strings as kube-openapi writes them (for OpenAPI / kubectl explain);
 *    loaded lazily, see loadDescriptions().
 *
 * Key order facts this module is built around:
 *  - The apiserver writes JSON with Go's encoding/json: struct fields in struct order, map keys
 *    sorted, `kind` before `apiVersion` (TypeMeta). orderObject()/roundTrip() reproduce that.
 *  - kubectl -o json / -o yaml print what they decoded into map[string]interface{}, so every
 *    level comes out with SORTED keys (see the goldens). Use sortKeysDeep() / goJSONStringify()
 *    for kubectl output, not orderObject().
 */
import typesFile from './types.json';
import kindsFile from './kinds.json';

// ---------------------------------------------------------------------------------------------
// Raw data shapes (compact keys as written by the generator)

interface RawField {
  n: string; // JSON name
  t: string; // type expression
  o?: 1; // omitempty
  opt?: 1; // +optional
  req?: 1; // +required
  ps?: string; // patchStrategy struct tag
  pmk?: string; // patchMergeKey struct tag
  lt?: string; // +listType
  lmk?: string[]; // +listMapKey
  mt?: string; // +mapType
  st?: string; // +structType
  e?: string; // +enum type of the field (or of its elements)
  a?: string; // named non-struct Go type (ResourceList, types.UID …)
  d?: unknown; // +default
  in?: string; // declared in this inline-embedded struct
}

interface RawType {
  f?: RawField[];
  s?: SpecialForm;
  st?: string;
  mt?: string;
  noOpenAPI?: 1;
}

interface TypesFile {
  source: Record<string, unknown>;
  types: Record<string, RawType>;
  enums: Record<string, string[]>;
}

interface DescriptionsFile {
  source: Record<string, unknown>;
  types: Record<string, Record<string, string>>;
  enums: Record<string, string>;
}

const DATA = typesFile as unknown as TypesFile;
const KINDS = kindsFile as unknown as Record<string, Record<string, string>>;

// ---------------------------------------------------------------------------------------------
// Public types

/**
 * JSON form of a type with a custom Go marshaller:
 * time = RFC3339 seconds (`null` when zero), microtime = RFC3339 with 6 fraction digits,
 * duration = Go duration string, quantity = resource.Quantity string, int-or-string = number or
 * string, raw = embedded JSON kept verbatim (runtime.RawExtension, metav1.FieldsV1).
 */
export type SpecialForm = 'time' | 'microtime' | 'duration' | 'quantity' | 'int-or-string' | 'raw';

export type Primitive = 'string' | 'int32' | 'int64' | 'bool' | 'float64' | 'bytes' | 'any';

export type TypeRef =
  | { kind: 'primitive'; name: Primitive; pointer: boolean }
  | { kind: 'struct'; name: string; pointer: boolean }
  | { kind: 'special'; name: string; form: SpecialForm; pointer: boolean }
  | { kind: 'list'; elem: TypeRef; pointer: boolean }
  /** map[string]X; Go's encoder writes map keys sorted. */
  | { kind: 'map'; elem: TypeRef; pointer: boolean };

export interface FieldInfo {
  /** JSON name. */
  name: string;
  type: TypeRef;
  /** The type expression as stored: `*int32`, `[]io.k8s.api.core.v1.Container`, `map[string]string`. */
  typeExpr: string;
  omitempty: boolean;
  /** `+optional` marker. */
  optional: boolean;
  /** OpenAPI `required`: neither omitempty nor +optional (or an explicit +required). */
  required: boolean;
  patchStrategy?: string;
  patchMergeKey?: string;
  listType?: string;
  listMapKeys?: string[];
  mapType?: string;
  structType?: string;
  /** +enum type name (io.k8s.api.core.v1.Protocol); values via enumValues(). */
  enumType?: string;
  /** Named non-struct Go type, e.g. io.k8s.api.core.v1.ResourceList, io.k8s.apimachinery.pkg.types.UID. */
  goType?: string;
  /** `+default=` value. */
  default?: unknown;
  /** The struct whose Go declaration holds the field (differs from the owner for inline-embedded fields). */
  declaredIn: string;
}

export interface TypeInfo {
  name: string;
  /** struct: has fields; special: custom JSON form. */
  kind: 'struct' | 'special';
  fields: readonly FieldInfo[];
  special?: SpecialForm;
  structType?: string;
  mapType?: string;
  /** Marked +k8s:openapi-gen=false (not published in OpenAPI). */
  noOpenAPI: boolean;
}

// ---------------------------------------------------------------------------------------------
// Type expressions

const PRIMS = new Set<string>(['string', 'int32', 'int64', 'bool', 'float64', 'bytes', 'any']);
const typeRefCache = new Map<string, TypeRef>();

/** Parse a stored type expression (`*X`, `[]X`, `map[string]X`, a primitive or a type name). */
export function parseTypeExpr(expr: string): TypeRef {
  const cached = typeRefCache.get(expr);
  if (cached) return cached;
  let pointer = false;
  let e = expr;
  while (e.startsWith('*')) {
    pointer = true;
    e = e.slice(1);
  }
  let r: TypeRef;
  if (e.startsWith('[]')) r = { kind: 'list', elem: parseTypeExpr(e.slice(2)), pointer };
  else if (e.startsWith('map[string]')) r = { kind: 'map', elem: parseTypeExpr(e.slice('map[string]'.length)), pointer };
  else if (PRIMS.has(e)) r = { kind: 'primitive', name: e as Primitive, pointer };
  else {
    const t = DATA.types[e];
    if (t?.s) r = { kind: 'special', name: e, form: t.s, pointer };
    else if (t) r = { kind: 'struct', name: e, pointer };
    else r = { kind: 'primitive', name: 'any', pointer };
  }
  typeRefCache.set(expr, r);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Lookups

const typeCache = new Map<string, { info: TypeInfo; byName: Map<string, FieldInfo> }>();

function load(typeName: string): { info: TypeInfo; byName: Map<string, FieldInfo> } | undefined {
  const c = typeCache.get(typeName);
  if (c) return c;
  const raw = DATA.types[typeName];
  if (!raw) return undefined;
  const fields: FieldInfo[] = (raw.f ?? []).map((f) => {
    const fi: FieldInfo = {
      name: f.n,
      type: parseTypeExpr(f.t),
      typeExpr: f.t,
      omitempty: f.o === 1,
      optional: f.opt === 1,
      required: f.req === 1 || (f.o !== 1 && f.opt !== 1),
      declaredIn: f.in ?? typeName,
    };
    if (f.ps !== undefined) fi.patchStrategy = f.ps;
    if (f.pmk !== undefined) fi.patchMergeKey = f.pmk;
    if (f.lt !== undefined) fi.listType = f.lt;
    if (f.lmk !== undefined) fi.listMapKeys = f.lmk;
    if (f.mt !== undefined) fi.mapType = f.mt;
    if (f.st !== undefined) fi.structType = f.st;
    if (f.e !== undefined) fi.enumType = f.e;
    if (f.a !== undefined) fi.goType = f.a;
    if (f.d !== undefined) fi.default = f.d;
    return Object.freeze(fi);
  });
  const info: TypeInfo = {
    name: typeName,
    kind: raw.s ? 'special' : 'struct',
    fields: Object.freeze(fields),
    noOpenAPI: raw.noOpenAPI === 1,
  };
  if (raw.s) info.special = raw.s;
  if (raw.st) info.structType = raw.st;
  if (raw.mt) info.mapType = raw.mt;
  const entry = { info: Object.freeze(info), byName: new Map(fields.map((f) => [f.name, f])) };
  typeCache.set(typeName, entry);
  return entry;
}

/** Provenance of the data (upstream repos, tags, commits). */
export const schemaSource: Readonly<Record<string, unknown>> = DATA.source;

/** All type names (OpenAPI definition names, e.g. io.k8s.api.core.v1.PodSpec). */
export function typeNames(): string[] {
  return Object.keys(DATA.types);
}

export function typeInfo(typeName: string): TypeInfo | undefined {
  return load(typeName)?.info;
}

/** The JSON fields of a struct in Go struct order (= the apiserver's JSON order); undefined for unknown types. */
export function fieldsOf(typeName: string): readonly FieldInfo[] | undefined {
  return load(typeName)?.info.fields;
}

export function fieldOf(typeName: string, field: string): FieldInfo | undefined {
  return load(typeName)?.byName.get(field);
}

/** Root type of a kind: typeOfKind('apps/v1', 'Deployment') → 'io.k8s.api.apps.v1.Deployment'. */
export function typeOfKind(apiVersion: string, kind: string): string | undefined {
  return KINDS[apiVersion]?.[kind];
}

/** apiVersion → kind → type name, as registered by each group version's register.go. */
export function allKinds(): Readonly<Record<string, Readonly<Record<string, string>>>> {
  return KINDS;
}

/** The struct type of a field's value, or of its elements for lists and maps; undefined for scalars. */
export function elemTypeOf(typeName: string, field: string): string | undefined {
  const f = fieldOf(typeName, field);
  if (!f) return undefined;
  let t = f.type;
  while (t.kind === 'list' || t.kind === 'map') t = t.elem;
  return t.kind === 'struct' ? t.name : undefined;
}

/** patchMergeKey struct tag: mergeKeyOf('io.k8s.api.core.v1.PodSpec', 'containers') → 'name'. */
export function mergeKeyOf(typeName: string, field: string): string | undefined {
  return fieldOf(typeName, field)?.patchMergeKey;
}

/** patchStrategy struct tag split on ',': [] | ['merge'] | ['replace'] | ['retainKeys'] | ['merge', 'retainKeys']. */
export function patchStrategyOf(typeName: string, field: string): string[] {
  const ps = fieldOf(typeName, field)?.patchStrategy;
  return ps ? ps.split(',') : [];
}

/** +listType marker: 'atomic' | 'set' | 'map' (undefined when unmarked). */
export function listTypeOf(typeName: string, field: string): string | undefined {
  return fieldOf(typeName, field)?.listType;
}

/** +listMapKey markers of a `+listType=map` list. */
export function listMapKeys(typeName: string, field: string): string[] | undefined {
  return fieldOf(typeName, field)?.listMapKeys;
}

/** Values of a +enum string type, sorted. */
export function enumValues(enumType: string): readonly string[] | undefined {
  return DATA.enums[enumType];
}

// ---------------------------------------------------------------------------------------------
// Key order

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go string order (UTF-8 bytes), which differs from JS code-unit order only around surrogates. */
export function goStringCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 surrogates (U+10000…) must sort after U+E000…U+FFFF, as in UTF-8.
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x - y;
  }
  return a.length - b.length;
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort(goStringCompare);
}

/** Deep copy with every object's keys sorted: kubectl's -o json/-o yaml order (map[string]interface{}). */
export function sortKeysDeep<T>(value: T): T {
  return sortDeep(value) as T;
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of sortedKeys(v)) out[k] = sortDeep(v[k]);
  return out;
}

function copyDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyDeep);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyDeep(v[k]);
  return out;
}

/** Embedded object with its own apiVersion/kind (RawExtension): its root type if known. */
function embeddedType(v: unknown): string | undefined {
  if (!isPlainObject(v)) return undefined;
  const av = v.apiVersion;
  const k = v.kind;
  return typeof av === 'string' && typeof k === 'string' ? typeOfKind(av, k) : undefined;
}

function orderValue(t: TypeRef, v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  switch (t.kind) {
    case 'struct':
      return isPlainObject(v) ? orderStruct(t.name, v) : copyDeep(v);
    case 'list':
      return Array.isArray(v) ? v.map((x) => orderValue(t.elem, x)) : copyDeep(v);
    case 'map': {
      if (!isPlainObject(v)) return copyDeep(v);
      const out: Record<string, unknown> = {};
      for (const k of sortedKeys(v)) out[k] = orderValue(t.elem, v[k]);
      return out;
    }
    case 'special': {
      const et = t.form === 'raw' ? embeddedType(v) : undefined;
      return et ? orderStruct(et, v as Record<string, unknown>) : copyDeep(v);
    }
    case 'primitive':
      // interface{} holding a JSON object is a map[string]interface{}: Go sorts its keys.
      return t.name === 'any' ? sortDeep(v) : copyDeep(v);
  }
}

function orderStruct(typeName: string, v: Record<string, unknown>): Record<string, unknown> {
  const fields = fieldsOf(typeName);
  if (!fields) return copyDeep(v) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (Object.prototype.hasOwnProperty.call(v, f.name)) out[f.name] = orderValue(f.type, v[f.name]);
  for (const k of Object.keys(v)) if (!(k in out)) out[k] = copyDeep(v[k]);
  return out;
}

/**
 * Deep copy of `obj` with keys in the order the apiserver's JSON encoder writes them: struct
 * fields in Go struct order at every level the schema knows, map keys (labels, annotations,
 * resource lists, data …) sorted, unknown keys kept after the known ones in their original order.
 * Nothing is added or dropped; see roundTrip() for that.
 */
export function orderObject<T>(apiVersion: string, kind: string, obj: T): T {
  const t = typeOfKind(apiVersion, kind);
  if (!t || !isPlainObject(obj)) return copyDeep(obj) as T;
  return orderStruct(t, obj) as T;
}

/** orderObject() for any type name (e.g. a sub-structure such as io.k8s.api.core.v1.PodSpec). */
export function orderAs<T>(typeName: string, value: T): T {
  return orderValue(parseTypeExpr(typeName), value) as T;
}

// ---------------------------------------------------------------------------------------------
// Round trip through the Go types (what the apiserver writes back)

/**
 * encoding/json isEmptyValue() of the Go value that `v` decodes to. Absent and null both mean
 * the zero value (null leaves a non-pointer field at zero); a struct value is never empty.
 */
function isEmptyGo(t: TypeRef, v: unknown): boolean {
  const absent = v === undefined || v === null;
  if (t.pointer) return absent;
  switch (t.kind) {
    case 'primitive':
      if (absent) return true;
      if (t.name === 'any') return false;
      return v === '' || v === 0 || v === false;
    case 'list':
      return absent || (Array.isArray(v) && v.length === 0);
    case 'map':
      return absent || (isPlainObject(v) && Object.keys(v).length === 0);
    default:
      return false;
  }
}

/** The JSON Go writes for the zero value of a non-pointer type. */
function zeroJSON(t: TypeRef): unknown {
  if (t.pointer) return null;
  switch (t.kind) {
    case 'primitive':
      return t.name === 'string' ? '' : t.name === 'bool' ? false : t.name === 'bytes' || t.name === 'any' ? null : 0;
    case 'list':
    case 'map':
      return null;
    case 'struct':
      return roundTripStruct(t.name, {});
    case 'special':
      switch (t.form) {
        case 'quantity':
          return '0';
        case 'int-or-string':
          return 0;
        case 'duration':
          return '0s';
        default:
          return null; // zero Time/MicroTime, nil RawExtension/FieldsV1
      }
  }
}

function roundTripValue(t: TypeRef, v: unknown): unknown {
  if (v === undefined || v === null) return zeroJSON(t);
  switch (t.kind) {
    case 'struct':
      return isPlainObject(v) ? roundTripStruct(t.name, v) : copyDeep(v);
    case 'list':
      return Array.isArray(v) ? v.map((x) => roundTripValue(t.elem, x)) : copyDeep(v);
    case 'map': {
      if (!isPlainObject(v)) return copyDeep(v);
      const out: Record<string, unknown> = {};
      for (const k of sortedKeys(v)) out[k] = roundTripValue(t.elem, v[k]);
      return out;
    }
    case 'special': {
      const et = t.form === 'raw' ? embeddedType(v) : undefined;
      return et ? roundTripStruct(et, v as Record<string, unknown>) : copyDeep(v);
    }
    case 'primitive':
      return t.name === 'any' ? sortDeep(v) : copyDeep(v);
  }
}

/** Per struct type, what an absent field becomes: dropped (omitempty and empty) or its zero JSON. */
interface FieldPlan {
  f: FieldInfo;
  /** absent ⇒ left out */
  dropAbsent: boolean;
  /** absent and kept ⇒ this Go zero value (copied per use: callers may change their result) */
  zero?: unknown;
}
const plans = new Map<string, FieldPlan[]>();

function planOf(typeName: string): FieldPlan[] | undefined {
  let plan = plans.get(typeName);
  if (plan) return plan;
  const fields = fieldsOf(typeName);
  if (!fields) return undefined;
  plan = fields.map((f) => ({ f, dropAbsent: f.omitempty && isEmptyGo(f.type, undefined) }));
  plans.set(typeName, plan); // before the zeros: a struct may (through pointers) hold its own type
  for (const p of plan) if (!p.dropAbsent) p.zero = zeroJSON(p.f.type);
  return plan;
}

function roundTripStruct(typeName: string, v: Record<string, unknown>): Record<string, unknown> {
  const plan = planOf(typeName);
  if (!plan) return copyDeep(v) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const p of plan) {
    const f = p.f;
    const val = Object.prototype.hasOwnProperty.call(v, f.name) ? v[f.name] : undefined;
    if (val === undefined || val === null) {
      if (!p.dropAbsent) out[f.name] = copyDeep(p.zero);
      continue;
    }
    if (f.omitempty && isEmptyGo(f.type, val)) continue;
    out[f.name] = roundTripValue(f.type, val);
  }
  return out;
}

/**
 * What the apiserver writes back for `obj` after decoding it into the Go type and encoding it
 * again: unknown fields dropped, Go struct order, map keys sorted, empty omitempty fields
 * dropped, and absent non-omitempty fields written as Go zero values (`"resources": {}`,
 * `"lastProbeTime": null`, `"ready": false`, `"metadata": {}` of a Status …). Values are not
 * converted (quantities stay as given). Unknown kinds come back as a plain deep copy.
 */
export function roundTrip<T>(apiVersion: string, kind: string, obj: T): T {
  const t = typeOfKind(apiVersion, kind);
  if (!t || !isPlainObject(obj)) return copyDeep(obj) as T;
  return roundTripStruct(t, obj) as T;
}

/** roundTrip() for any type name. */
export function roundTripAs<T>(typeName: string, value: T): T {
  return roundTripValue(parseTypeExpr(typeName), value) as T;
}

/**
 * JSON text as Go's encoding/json writes it: JSON.stringify plus Go's HTML-safe escaping of
 * <, >, & and U+2028/U+2029. kubectl -o json = goJSONStringify(sortKeysDeep(obj), 4) + '\n'.
 */
export function goJSONStringify(value: unknown, indent?: number): string {
  const s = JSON.stringify(value, null, indent);
  return s.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

// ---------------------------------------------------------------------------------------------
// Strict field validation

function unknownIn(t: TypeRef, v: unknown, path: (string | number)[], out: string[]): void {
  if (v === null || typeof v !== 'object') return;
  switch (t.kind) {
    case 'struct': {
      if (!isPlainObject(v)) return;
      const byName = load(t.name)?.byName;
      if (!byName) return;
      for (const k in v) {
        const f = byName.get(k);
        // the path is spelled out only for an unknown field: known ones cost no string building
        if (!f) out.push(pathString(path, k));
        else if (v[k] !== null && typeof v[k] === 'object') {
          path.push(k);
          unknownIn(f.type, v[k], path, out);
          path.pop();
        }
      }
      return;
    }
    case 'list':
      if (Array.isArray(v))
        for (let i = 0; i < v.length; i++) {
          path.push(i);
          unknownIn(t.elem, v[i], path, out);
          path.pop();
        }
      return;
    case 'map':
      if (isPlainObject(v))
        for (const k in v) {
          path.push(k);
          unknownIn(t.elem, v[k], path, out);
          path.pop();
        }
      return;
    default:
      return; // scalars, raw JSON, interface{}: nothing to check
  }
}

/** `spec.containers[0].imagez` from its segments (numbers are list indexes). */
function pathString(path: (string | number)[], last: string): string {
  let s = '';
  for (const seg of [...path, last]) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}

/**
 * Paths of the fields the Go types don't have, in document order, spelled like the apiserver's
 * strict decoder (sigs.k8s.io/json): `spec.containerz`, `spec.containers[0].imagez`,
 * `metadata.labels` keys are never unknown. Format an error as `unknown field "<path>"`; the
 * apiserver joins several with ", " after `strict decoding error: `.
 * JSON matching is case-sensitive, as in Kubernetes.
 */
export function unknownFields(apiVersion: string, kind: string, obj: unknown): string[] {
  const t = typeOfKind(apiVersion, kind);
  if (!t) return [];
  return unknownFieldsAs(t, obj);
}

/** unknownFields() for any type name. */
export function unknownFieldsAs(typeName: string, value: unknown, basePath = ''): string[] {
  const out: string[] = [];
  unknownIn(parseTypeExpr(typeName), value, basePath ? [basePath] : [], out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Descriptions (lazy: ~0.5 MB raw, ~110 kB gzipped)

let descriptions: DescriptionsFile | undefined;
let loading: Promise<DescriptionsFile> | undefined;

/** Load descriptions.json (a separate chunk in the browser build). */
export async function loadDescriptions(): Promise<void> {
  if (descriptions) return;
  loading ??= import('./descriptions.json').then((m) => ((m as { default?: unknown }).default ?? m) as DescriptionsFile);
  descriptions = await loading;
}

/** True once loadDescriptions() has finished. */
export function descriptionsLoaded(): boolean {
  return descriptions !== undefined;
}

/**
 * The OpenAPI description of a type (field omitted) or of one of its fields, as kube-openapi
 * writes it (enum fields end with "Possible enum values: …"). Requires loadDescriptions().
 */
export function describeSync(typeName: string, field?: string): string | undefined {
  if (!descriptions) throw new Error('describeSync: call loadDescriptions() first');
  if (field === undefined || field === '') return descriptions.types[typeName]?.[''];
  const f = fieldOf(typeName, field);
  const owner = f?.declaredIn ?? typeName;
  return descriptions.types[owner]?.[field];
}

/** describeSync() after loading the descriptions. */
export async function describe(typeName: string, field?: string): Promise<string | undefined> {
  await loadDescriptions();
  return describeSync(typeName, field);
}

export type { Json };
