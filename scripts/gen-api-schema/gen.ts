/**
 * gen-api-schema: reads the Go API type declarations of k8s.io/api and k8s.io/apimachinery and
 * writes src/sim/api/schema/{types,kinds,descriptions}.json (see README.md next to this file).
 *
 *   npx tsx scripts/gen-api-schema/gen.ts \
 *     --api <k8s.io/api checkout or bare git dir> [--api-ref v0.32.4] \
 *     --apimachinery <k8s.io/apimachinery checkout or bare git dir> [--apimachinery-ref v0.32.4] \
 *     [--out src/sim/api/schema]
 *
 * Dev-only; never imported by the simulation.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { commentTags, enumDescriptionLines, goStringLess, openAPIDescription, structTagGet, type EnumInfo } from './doc';
import { openSource, type Source } from './source';
import { parseGoFile, type GoConstDecl, type GoField, type GoFile, type GoTypeDecl, type TypeExpr } from './go-parser';

// ---------------------------------------------------------------------------------------------
// What to read

/** k8s.io/api group/versions (directory under the repo root). */
const API_PACKAGES = [
  'core/v1',
  'apps/v1',
  'batch/v1',
  'networking/v1',
  'rbac/v1',
  'storage/v1',
  'coordination/v1',
  'policy/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'scheduling/v1',
  'events/v1',
  'discovery/v1',
  'authorization/v1',
  'authentication/v1',
];

/** apimachinery packages: [dir, files to read (undefined = all plain .go files)]. */
const MACHINERY_PACKAGES: Array<[string, string[] | undefined, boolean]> = [
  // [dir, files, emitAllStructs]
  ['pkg/apis/meta/v1', ['types.go', 'time.go', 'micro_time.go', 'duration.go', 'watch.go', 'register.go', 'group_version.go'], true],
  ['pkg/types', ['uid.go', 'nodename.go', 'patch.go', 'namespacedname.go'], false],
  ['pkg/api/resource', ['quantity.go'], false],
  ['pkg/util/intstr', ['intstr.go'], false],
  ['pkg/runtime', ['types.go'], false],
];

/**
 * Types whose JSON form comes from a custom MarshalJSON, not from their Go fields.
 * `s` values: time (RFC3339, seconds), microtime (RFC3339 with 6 fraction digits), duration
 * (Go duration string), quantity (resource.Quantity canonical string), int-or-string, raw
 * (arbitrary embedded JSON: runtime.RawExtension, metav1.FieldsV1).
 */
const SPECIAL: Record<string, string> = {
  'k8s.io/apimachinery/pkg/apis/meta/v1.Time': 'time',
  'k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime': 'microtime',
  'k8s.io/apimachinery/pkg/apis/meta/v1.Duration': 'duration',
  'k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1': 'raw',
  'k8s.io/apimachinery/pkg/api/resource.Quantity': 'quantity',
  'k8s.io/apimachinery/pkg/util/intstr.IntOrString': 'int-or-string',
  'k8s.io/apimachinery/pkg/runtime.RawExtension': 'raw',
};

const PRIMITIVES: Record<string, string> = {
  string: 'string',
  bool: 'bool',
  int: 'int64',
  int8: 'int32',
  int16: 'int32',
  int32: 'int32',
  int64: 'int64',
  uint: 'int64',
  uint8: 'int32',
  uint16: 'int32',
  uint32: 'int64',
  uint64: 'int64',
  byte: 'int32',
  rune: 'int32',
  float32: 'float64',
  float64: 'float64',
  any: 'any',
};

// ---------------------------------------------------------------------------------------------
// CLI + source access (work tree or bare git dir)

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}


// ---------------------------------------------------------------------------------------------
// Universe

interface Pkg {
  path: string; // Go import path
  files: GoFile[];
  types: Map<string, { decl: GoTypeDecl; file: GoFile }>;
  consts: Array<{ decl: GoConstDecl; file: GoFile }>;
  primary: boolean; // emit all exported structs
  registerSrc?: string;
}

const universe = new Map<string, Pkg>();
const warnings: string[] = [];
const warn = (m: string): void => {
  warnings.push(m);
};

function isPlainGoFile(f: string): boolean {
  return (
    f.endsWith('.go') &&
    !f.endsWith('_test.go') &&
    !f.startsWith('zz_generated') &&
    !f.endsWith('.pb.go') &&
    !f.includes('swagger_doc_generated') &&
    !f.includes('fuzz') &&
    !f.endsWith('_proto.go')
  );
}

function loadPkg(src: Source, dir: string, files: string[] | undefined, primary: boolean): void {
  const path = `${src.module}/${dir}`;
  const names = (files ?? src.list(dir).filter(isPlainGoFile)).sort();
  const pkg: Pkg = { path, files: [], types: new Map(), consts: [], primary };
  for (const f of names) {
    const text = src.read(`${dir}/${f}`);
    const gf = parseGoFile(`${path}/${f}`, text);
    pkg.files.push(gf);
    if (f === 'register.go') pkg.registerSrc = text;
    for (const t of gf.types) pkg.types.set(t.name, { decl: t, file: gf });
    for (const c of gf.consts) pkg.consts.push({ decl: c, file: gf });
  }
  universe.set(path, pkg);
}

/** OpenAPI definition name of a Go package path: k8s.io/api/core/v1 → io.k8s.api.core.v1 */
function openAPIPrefix(pkgPath: string): string {
  const [host, ...rest] = pkgPath.split('/');
  return [...host.split('.').reverse(), ...rest].join('.');
}

function qname(pkgPath: string, name: string): string {
  return `${openAPIPrefix(pkgPath)}.${name}`;
}

function resolvePkg(file: GoFile, pkgPath: string, alias: string | undefined): string | undefined {
  if (!alias) return pkgPath;
  return file.imports.get(alias);
}

// ---------------------------------------------------------------------------------------------
// Type resolution

interface ResolvedType {
  /** Type expression string: string|int32|int64|bool|float64|bytes|any, *X, []X, map[string]X, or a type name. */
  t: string;
  /** +enum type name (of the field's own type after one pointer; or of a slice/map element). */
  enumName?: string;
  fieldEnumName?: string;
  /** Named non-struct type at the top of the field's type (after pointer), e.g. io.k8s.api.core.v1.ResourceList. */
  alias?: string;
}

const enums = new Map<string, EnumInfo>(); // key: pkgPath.Name
const structQueue: Array<[string, string]> = []; // [pkgPath, name]
const structSeen = new Set<string>();

function lookupDecl(pkgPath: string, name: string): { decl: GoTypeDecl; file: GoFile; pkg: Pkg } | undefined {
  const pkg = universe.get(pkgPath);
  const d = pkg?.types.get(name);
  return d && pkg ? { ...d, pkg } : undefined;
}

function isEnumDecl(decl: GoTypeDecl): boolean {
  return decl.type.k === 'ident' && !decl.type.pkg && decl.type.name === 'string' && commentTags(decl.doc).has('enum');
}

function requireStruct(pkgPath: string, name: string): void {
  const key = `${pkgPath}.${name}`;
  if (structSeen.has(key)) return;
  structSeen.add(key);
  structQueue.push([pkgPath, name]);
}

function resolveType(te: TypeExpr, file: GoFile, pkgPath: string, top = true): ResolvedType {
  switch (te.k) {
    case 'ptr': {
      const inner = resolveType(te.elem, file, pkgPath, top);
      return { ...inner, t: `*${inner.t}` };
    }
    case 'slice': {
      if (te.elem.k === 'ident' && !te.elem.pkg && (te.elem.name === 'byte' || te.elem.name === 'uint8')) return { t: 'bytes' };
      const inner = resolveType(te.elem, file, pkgPath, false);
      return { t: `[]${inner.t}`, enumName: inner.enumName };
    }
    case 'array': {
      const inner = resolveType(te.elem, file, pkgPath, false);
      return { t: `[]${inner.t}`, enumName: inner.enumName };
    }
    case 'map': {
      const key = resolveType(te.key, file, pkgPath, false);
      if (key.t !== 'string') warn(`${file.path}: map key ${key.t} is not a string`);
      const inner = resolveType(te.elem, file, pkgPath, false);
      return { t: `map[string]${inner.t}`, enumName: inner.enumName };
    }
    case 'interface':
      return { t: 'any' };
    case 'struct':
      warn(`${file.path}: anonymous struct type`);
      return { t: 'any' };
    case 'func':
    case 'chan':
      warn(`${file.path}: ${te.k} type in API struct`);
      return { t: 'any' };
    case 'ident': {
      if (!te.pkg && PRIMITIVES[te.name]) return { t: PRIMITIVES[te.name] };
      const p = resolvePkg(file, pkgPath, te.pkg);
      if (!p) {
        warn(`${file.path}: unknown import ${te.pkg}`);
        return { t: 'any' };
      }
      const full = `${p}.${te.name}`;
      if (SPECIAL[full]) {
        requireStruct(p, te.name);
        return { t: qname(p, te.name) };
      }
      const d = lookupDecl(p, te.name);
      if (!d) {
        warn(`${file.path}: unresolved type ${full}`);
        return { t: 'any' };
      }
      if (d.decl.type.k === 'struct') {
        requireStruct(p, te.name);
        return { t: qname(p, te.name) };
      }
      // defined type over another type (type X string, type ResourceList map[...]..., type L metav1.List)
      const under = resolveType(d.decl.type, d.file, p, false);
      if (d.decl.type.k === 'ident' && under.t === qname(...splitQ(d.decl.type, d.file, p))) {
        // type X OtherStruct: X has OtherStruct's fields; emit X as its own struct
        requireStruct(p, te.name);
        return { t: qname(p, te.name) };
      }
      if (isEnumDecl(d.decl)) {
        const ename = qname(p, te.name);
        if (!enums.has(full)) enums.set(full, { name: ename, values: [] });
        return { t: under.t, enumName: ename, fieldEnumName: ename };
      }
      return { ...under, alias: top ? qname(p, te.name) : undefined, enumName: under.enumName };
    }
  }
}

function splitQ(te: TypeExpr, file: GoFile, pkgPath: string): [string, string] {
  if (te.k !== 'ident') return ['', ''];
  return [resolvePkg(file, pkgPath, te.pkg) ?? '', te.name];
}

// ---------------------------------------------------------------------------------------------
// Struct flattening

interface FieldOut {
  n: string;
  t: string;
  o?: 1;
  opt?: 1;
  req?: 1;
  ps?: string;
  pmk?: string;
  lt?: string;
  lmk?: string[];
  mt?: string;
  st?: string;
  e?: string;
  a?: string;
  d?: unknown;
  in?: string;
}

interface TypeOut {
  /** struct fields in Go (= JSON encoding) order, inline-embedded structs spliced in */
  f?: FieldOut[];
  /** special scalar JSON form, see SPECIAL */
  s?: string;
  st?: string; // +structType
  mt?: string; // +mapType
  noOpenAPI?: 1;
}

const typesOut = new Map<string, TypeOut>();
const descOut = new Map<string, Record<string, string>>();

function structFieldsOf(pkgPath: string, name: string): { fields: GoField[]; file: GoFile; declPkg: string; declName: string } {
  const d = lookupDecl(pkgPath, name)!;
  let te = d.decl.type;
  let file = d.file;
  let p = pkgPath;
  let n = name;
  // type X Y (Y a struct)
  while (te.k === 'ident') {
    const q = resolvePkg(file, p, te.pkg)!;
    const dd = lookupDecl(q, te.name);
    if (!dd) throw new Error(`unresolved ${q}.${te.name}`);
    te = dd.decl.type;
    file = dd.file;
    p = q;
    n = te.k === 'struct' ? dd.decl.name : n;
  }
  if (te.k !== 'struct') throw new Error(`${pkgPath}.${name} is not a struct`);
  return { fields: te.fields, file, declPkg: p, declName: n };
}

function parseDefault(raw: string, file: GoFile, pkgPath: string): unknown {
  const m = /^ref\((.+)\)$/.exec(raw);
  if (m) {
    const ref = m[1];
    const [alias, cname] = ref.includes('.') ? ref.split('.') : [undefined, ref];
    const p = resolvePkg(file, pkgPath, alias) ?? pkgPath;
    const c = universe.get(p)?.consts.find((x) => x.decl.name === cname);
    if (c?.decl.stringValue !== undefined) return c.decl.stringValue;
    warn(`${file.path}: cannot resolve default ${raw}`);
    return raw;
  }
  try {
    return JSON.parse(raw);
  } catch {
    warn(`${file.path}: default ${raw} is not JSON`);
    return raw;
  }
}

/** Emit fields of a struct (recursively splicing inline embedded structs). */
function collectFields(
  pkgPath: string,
  name: string,
  depth: number,
  out: Array<FieldOut & { depth: number }>,
  inlinedFrom: string | undefined,
  descs: Record<string, string> | undefined,
): void {
  const { fields, file, declPkg } = structFieldsOf(pkgPath, name);
  const self = qname(pkgPath, name);
  for (const f of fields) {
    const jsonTag = structTagGet(f.tag, 'json');
    const [tagName, ...opts] = (jsonTag ?? '').split(',');
    if (jsonTag === '-') continue;
    const embedded = f.names.length === 0;
    if (embedded && tagName === '') {
      // Go encoding/json promotes the embedded struct's fields (`json:",inline"` or no tag).
      let te = f.type;
      if (te.k === 'ptr') te = te.elem;
      if (te.k !== 'ident') throw new Error(`${file.path}:${f.line}: odd embedded field`);
      const p = resolvePkg(file, declPkg, te.pkg)!;
      const full = `${p}.${te.name}`;
      if (SPECIAL[full] || lookupDecl(p, te.name)?.decl.type.k !== 'struct') {
        warn(`${file.path}:${f.line}: embedded non-struct ${full} treated as field ${te.name}`);
      } else {
        requireStruct(p, te.name);
        collectFields(p, te.name, depth + 1, out, qname(p, te.name), undefined);
        continue;
      }
    }
    const goName = embedded ? (f.type.k === 'ptr' ? (f.type.elem as { name: string }).name : (f.type as { name: string }).name) : f.names[0];
    if (f.names.length > 1) warn(`${file.path}:${f.line}: multi-name field`);
    if (!/^[A-Z]/.test(goName)) continue; // unexported: not encoded
    const jsonName = tagName !== '' ? tagName : goName;
    const r = resolveType(f.type, file, declPkg);
    const tags = commentTags(f.doc);
    const fo: FieldOut & { depth: number } = { n: jsonName, t: r.t, depth };
    if (opts.includes('omitempty')) fo.o = 1;
    if (tags.has('optional')) fo.opt = 1;
    if (tags.has('required')) fo.req = 1;
    const ps = structTagGet(f.tag, 'patchStrategy');
    const pmk = structTagGet(f.tag, 'patchMergeKey');
    if (ps) fo.ps = ps;
    if (pmk) fo.pmk = pmk;
    if (tags.has('listType')) fo.lt = tags.get('listType')![0];
    if (tags.has('listMapKey')) fo.lmk = tags.get('listMapKey')!;
    if (tags.has('mapType')) fo.mt = tags.get('mapType')![0];
    if (tags.has('structType')) fo.st = tags.get('structType')![0];
    if (r.enumName) fo.e = r.enumName;
    if (r.alias) fo.a = r.alias;
    if (tags.has('default')) fo.d = parseDefault(tags.get('default')![0], file, declPkg);
    if (inlinedFrom) fo.in = inlinedFrom;
    // Go's dominance rule: a shallower field hides a deeper one with the same JSON name.
    const clash = out.findIndex((x) => x.n === jsonName);
    if (clash >= 0) {
      if (out[clash].depth > depth) out.splice(clash, 1);
      else {
        if (out[clash].depth === depth) warn(`${self}: duplicate JSON field ${jsonName} at the same depth`);
        continue;
      }
    }
    out.push(fo);
    if (descs) {
      const lines = f.doc;
      if (r.fieldEnumName) {
        // kube-openapi appends "Possible enum values" when the member's own type (after one
        // pointer) is an enum; filled in after all constants are known (see finishEnums).
        pendingEnumDescs.push({ owner: qname(pkgPath, name), field: jsonName, lines, enumKey: r.fieldEnumName });
      }
      const d = openAPIDescription(lines);
      if (d) descs[jsonName] = d;
    }
  }
}

const pendingEnumDescs: Array<{ owner: string; field: string; lines: string[]; enumKey: string }> = [];

function emitStruct(pkgPath: string, name: string): void {
  const key = `${pkgPath}.${name}`;
  const q = qname(pkgPath, name);
  const d = lookupDecl(pkgPath, name)!;
  const typeTags = commentTags(d.decl.doc);
  const descs: Record<string, string> = {};
  const td = openAPIDescription(d.decl.doc);
  if (td) descs[''] = td;
  if (SPECIAL[key]) {
    typesOut.set(q, { s: SPECIAL[key] });
    descOut.set(q, descs);
    return;
  }
  const fields: Array<FieldOut & { depth: number }> = [];
  collectFields(pkgPath, name, 0, fields, undefined, descs);
  const to: TypeOut = { f: fields.map(({ depth: _d, ...rest }) => rest) };
  if (typeTags.has('structType')) to.st = typeTags.get('structType')![0];
  if (typeTags.has('mapType')) to.mt = typeTags.get('mapType')![0];
  if (typeTags.get('k8s:openapi-gen')?.[0] === 'false') to.noOpenAPI = 1;
  typesOut.set(q, to);
  descOut.set(q, descs);
}

function collectEnumValues(): void {
  for (const pkg of universe.values()) {
    for (const { decl, file } of pkg.consts) {
      if (!decl.type || decl.stringValue === undefined) continue;
      const p = resolvePkg(file, pkg.path, decl.type.pkg);
      if (!p) continue;
      const full = `${p}.${decl.type.name}`;
      const d = lookupDecl(p, decl.type.name);
      if (!d || !isEnumDecl(d.decl)) continue;
      if (!enums.has(full)) enums.set(full, { name: qname(p, decl.type.name), values: [] });
      const e = enums.get(full)!;
      const v = { name: decl.name, value: decl.stringValue, comment: decl.doc.join(' ') };
      const i = e.values.findIndex((x) => x.value === v.value);
      if (i >= 0) {
        const ex = e.values[i];
        if (ex.comment.length < v.comment.length || (ex.comment.length === v.comment.length && ex.comment > v.comment)) e.values[i] = v;
      } else e.values.push(v);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Kinds from register.go

function kindsOf(pkg: Pkg, metaPath: string): { apiVersion: string; kinds: Map<string, string> } | undefined {
  const src = pkg.registerSrc;
  if (!src) return undefined;
  const group = /GroupName\s*=\s*"([^"]*)"/.exec(src)?.[1];
  const version = /SchemeGroupVersion\s*=\s*schema\.GroupVersion\{\s*Group:\s*GroupName,\s*Version:\s*"([^"]+)"\s*\}/.exec(src)?.[1];
  if (group === undefined || !version) throw new Error(`${pkg.path}/register.go: no group/version`);
  const apiVersion = group ? `${group}/${version}` : version;
  const kinds = new Map<string, string>();
  const file = pkg.files.find((f) => f.path.endsWith('/register.go'))!;
  const add = (alias: string | undefined, name: string): void => {
    const p = resolvePkg(file, pkg.path, alias);
    if (!p || !lookupDecl(p, name)) {
      warn(`${pkg.path}/register.go: unknown kind type ${alias ? alias + '.' : ''}${name}`);
      return;
    }
    requireStruct(p, name);
    kinds.set(name, qname(p, name));
  };
  // Every AddKnownTypes(...) call in the file.
  for (const m of src.matchAll(/AddKnownTypes\(\s*SchemeGroupVersion\s*,([\s\S]*?)\)\s*\n/g)) {
    for (const k of m[1].matchAll(/&(?:(\w+)\.)?(\w+)\{\}/g)) add(k[1], k[2]);
  }
  if (/metav1\.AddToGroupVersion\(/.test(src)) {
    // metav1.AddToGroupVersion registers WatchEvent and the option types in the group version.
    for (const k of ['WatchEvent', 'ListOptions', 'GetOptions', 'DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions']) {
      if (!kinds.has(k)) kinds.set(k, qname(metaPath, k));
    }
  }
  return { apiVersion, kinds };
}

// ---------------------------------------------------------------------------------------------
// Main

function main(): void {
  const apiPath = arg('api');
  const amPath = arg('apimachinery');
  if (!apiPath || !amPath) {
    console.error('usage: gen.ts --api <dir|git-dir> [--api-ref REF] --apimachinery <dir|git-dir> [--apimachinery-ref REF] [--out DIR]');
    process.exit(2);
  }
  const outDir = resolve(arg('out') ?? 'src/sim/api/schema');
  const api = openSource('k8s.io/api', 'github.com/kubernetes/api', apiPath, arg('api-ref'));
  const am = openSource('k8s.io/apimachinery', 'github.com/kubernetes/apimachinery', amPath, arg('apimachinery-ref'));

  for (const dir of API_PACKAGES) loadPkg(api, dir, undefined, true);
  for (const [dir, files, primary] of MACHINERY_PACKAGES) loadPkg(am, dir, files, primary);

  const metaPath = 'k8s.io/apimachinery/pkg/apis/meta/v1';
  // Kinds (also seeds the struct queue with root types)
  const kinds: Record<string, Record<string, string>> = {};
  for (const dir of API_PACKAGES) {
    const k = kindsOf(universe.get(`k8s.io/api/${dir}`)!, metaPath);
    if (k) kinds[k.apiVersion] = Object.fromEntries(k.kinds);
  }
  // apimachinery: unversioned "v1" types and meta.k8s.io/v1 (register.go: AddToGroupVersion / AddMetaToScheme)
  for (const k of ['Status', 'APIVersions', 'APIGroupList', 'APIGroup', 'APIResourceList']) kinds['v1'][k] = qname(metaPath, k);
  kinds['meta.k8s.io/v1'] = Object.fromEntries(
    ['Table', 'TableOptions', 'PartialObjectMetadata', 'PartialObjectMetadataList', 'ListOptions', 'GetOptions', 'DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions'].map(
      (k) => [k, qname(metaPath, k)],
    ),
  );
  for (const gv of Object.values(kinds)) for (const t of Object.values(gv)) requireStruct(...fromQ(t));

  // All exported structs of the primary packages, then whatever they reference.
  for (const pkg of universe.values()) {
    if (!pkg.primary) continue;
    for (const [name, { decl }] of [...pkg.types].sort((a, b) => a[1].decl.line - b[1].decl.line || 0)) {
      if (!/^[A-Z]/.test(name)) continue;
      if (decl.type.k === 'struct' || SPECIAL[`${pkg.path}.${name}`]) requireStruct(pkg.path, name);
    }
  }
  while (structQueue.length) {
    const [p, n] = structQueue.shift()!;
    emitStruct(p, n);
  }
  collectEnumValues();
  for (const pe of pendingEnumDescs) {
    const e = [...enums.values()].find((x) => x.name === pe.enumKey)!;
    const d = openAPIDescription([...pe.lines, ...enumDescriptionLines(e)]);
    const rec = descOut.get(pe.owner)!;
    if (d) rec[pe.field] = d;
  }

  // Sort types by name for stable diffs; field order is preserved (it is the point).
  const names = [...typesOut.keys()].sort();
  const enumsOut: Record<string, string[]> = {};
  for (const e of [...enums.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.values.length) enumsOut[e.name] = e.values.map((v) => v.value).sort(goStringLess);
  }
  const source = {
    generator: 'scripts/gen-api-schema/gen.ts',
    'k8s.io/api': api.info,
    'k8s.io/apimachinery': am.info,
  };
  const types = {
    source,
    types: Object.fromEntries(names.map((n) => [n, typesOut.get(n)!])),
    enums: enumsOut,
  };
  const descriptions = {
    source,
    types: Object.fromEntries(names.filter((n) => Object.keys(descOut.get(n) ?? {}).length).map((n) => [n, descOut.get(n)!])),
    enums: Object.fromEntries(
      [...enums.values()]
        .filter((e) => e.values.length)
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((e) => [e.name, enumDescriptionLines(e).slice(2).join('\n')]),
    ),
  };
  const sortedKinds = Object.fromEntries(
    Object.keys(kinds)
      .sort()
      .map((gv) => [gv, Object.fromEntries(Object.entries(kinds[gv]).sort(([a], [b]) => (a < b ? -1 : 1)))]),
  );

  mkdirSync(outDir, { recursive: true });
  const write = (f: string, data: unknown): void => {
    // one type per line: compact but diff-friendly
    const text = jsonLines(data);
    writeFileSync(join(outDir, f), text);
    console.log(`${f}: ${text.length} bytes, ${gzipSync(text, { level: 9 }).length} gzipped`);
  };
  write('types.json', types);
  write('kinds.json', sortedKinds);
  write('descriptions.json', descriptions);
  console.log(`${names.length} types, ${Object.keys(enumsOut).length} enums, ${Object.values(sortedKinds).reduce((a, k) => a + Object.keys(k).length, 0)} kinds`);
  for (const w of warnings) console.warn(`warning: ${w}`);
}

function fromQ(q: string): [string, string] {
  for (const p of universe.keys()) {
    const pre = openAPIPrefix(p) + '.';
    if (q.startsWith(pre) && !q.slice(pre.length).includes('.')) return [p, q.slice(pre.length)];
  }
  throw new Error(`no package for ${q}`);
}

/** JSON with the entries of the second level (types / kinds per group version) one per line. */
function jsonLines(data: unknown): string {
  if (typeof data !== 'object' || data === null) return JSON.stringify(data);
  const top = Object.entries(data as Record<string, unknown>);
  const parts = top.map(([k, v]) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = Object.entries(v as Record<string, unknown>).map(([k2, v2]) => `${JSON.stringify(k2)}:${JSON.stringify(v2)}`);
      return `${JSON.stringify(k)}:{\n${inner.join(',\n')}\n}`;
    }
    return `${JSON.stringify(k)}:${JSON.stringify(v)}`;
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}

main();
