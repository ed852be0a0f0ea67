/**
 * OpenAPI v3 (`/openapi/v3`, `/openapi/v3/api/v1`, `/openapi/v3/apis/<g>/<v>`), generated on request
 * from the Go type data (src/sim/api/schema) the way kube-openapi builds the real documents:
 * components.schemas named io.k8s.api.core.v1.Pod with x-kubernetes-group-version-kind lists,
 * properties with description/type/format/items/additionalProperties, `allOf: [{$ref}]` when a
 * reference carries a description or default, list/map/patch extensions, enums; paths whose PATCH
 * operations take `fieldValidation` and the strategic-merge-patch content type — what kubectl's
 * `apply` (server-side field validation) and `explain` look for. Documents are cached.
 */
import { KINDS, apiVersionOf, isStored, type KindInfo } from '../api/kinds';
import { allKinds, describeSync, descriptionsLoaded, enumValues, schemaSource, typeInfo, typeOfKind, type FieldInfo, type TypeRef } from '../api/schema';
import { hexDigest } from '../core/hash';

/** Bump when the generator's output changes (kubectl caches documents by URL). */
const GENERATOR_VERSION = '1';
const REF = '#/components/schemas/';

type Json = Record<string, unknown>;

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersions(): Array<{ group: string; version: string; kinds: KindInfo[] }> {
  const out: Array<{ group: string; version: string; kinds: KindInfo[] }> = [];
  for (const k of KINDS) {
    let gv = out.find((g) => g.group === k.group && g.version === k.version);
    if (!gv) out.push((gv = { group: k.group, version: k.version, kinds: [] }));
    gv.kinds.push(k);
  }
  return out;
}

export function hashOf(path: string): string {
  const src = JSON.stringify(schemaSource);
  return hexDigest(`${GENERATOR_VERSION}:${path}:${src}:${descriptionsLoaded()}`, 128).toUpperCase();
}

/** GET /openapi/v3 */
export function openapiRoot(): Json {
  const paths: Json = {};
  for (const gv of groupVersions()) {
    const p = gvPath(gv.group, gv.version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(p)}` };
  }
  return { paths };
}

function desc(owner: string, field?: string): string | undefined {
  if (!descriptionsLoaded()) return undefined;
  const d = describeSync(owner, field);
  return d || undefined;
}

/** The GVKs each schema type is registered as (kinds.json), for x-kubernetes-group-version-kind. */
let gvkIndex: Map<string, Array<{ group: string; kind: string; version: string }>> | undefined;
function gvksOf(type: string): Array<{ group: string; kind: string; version: string }> | undefined {
  if (!gvkIndex) {
    gvkIndex = new Map();
    const all = allKinds();
    for (const apiVersion of Object.keys(all).sort()) {
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      for (const [kind, t] of Object.entries(all[apiVersion])) {
        if (!gvkIndex.has(t)) gvkIndex.set(t, []);
        gvkIndex.get(t)!.push({ group, kind, version });
      }
    }
  }
  return gvkIndex.get(type);
}

function elemDefault(t: TypeRef): unknown {
  if (t.pointer) return undefined;
  if (t.kind === 'primitive') return t.name === 'string' ? '' : t.name === 'bool' ? false : t.name === 'any' || t.name === 'bytes' ? undefined : 0;
  if (t.kind === 'struct') return {};
  return undefined;
}

/** Schema of a type used as a value (a list element, a map value, or a field without its extras). */
function valueSchema(t: TypeRef, refs: Set<string>, enumType?: string): Json {
  switch (t.kind) {
    case 'primitive': {
      const s: Json = {};
      switch (t.name) {
        case 'string':
          s.type = 'string';
          break;
        case 'int32':
        case 'int64':
          s.type = 'integer';
          s.format = t.name;
          break;
        case 'bool':
          s.type = 'boolean';
          break;
        case 'float64':
          s.type = 'number';
          s.format = 'double';
          break;
        case 'bytes':
          s.type = 'string';
          s.format = 'byte';
          break;
        default:
          s.type = 'object';
      }
      const values = enumType ? enumValues(enumType) : undefined;
      if (values && s.type === 'string') s.enum = [...values];
      return s;
    }
    case 'struct':
    case 'special':
      refs.add(t.name);
      return { $ref: REF + t.name };
    case 'list':
      return { type: 'array', items: withDefault(valueSchema(t.elem, refs, enumType), elemDefault(t.elem)) };
    case 'map':
      return { type: 'object', additionalProperties: withDefault(valueSchema(t.elem, refs, enumType), elemDefault(t.elem)) };
  }
}

function withDefault(s: Json, d: unknown): Json {
  if (d === undefined) return s;
  if (s.$ref) return { allOf: [s], default: d };
  return { default: d, ...s };
}

function propertySchema(owner: string, f: FieldInfo, refs: Set<string>): Json {
  let s = valueSchema(f.type, refs, f.enumType);
  const description = desc(f.declaredIn ?? owner, f.name);
  const dflt = f.default !== undefined ? f.default : f.type.kind === 'struct' && !f.type.pointer ? {} : undefined;
  if (s.$ref && (description || dflt !== undefined)) s = { allOf: [s] };
  if (dflt !== undefined) s.default = dflt;
  if (description) s.description = description;
  if (f.listMapKeys) s['x-kubernetes-list-map-keys'] = f.listMapKeys;
  if (f.listType) s['x-kubernetes-list-type'] = f.listType;
  if (f.mapType) s['x-kubernetes-map-type'] = f.mapType;
  if (f.patchMergeKey) s['x-kubernetes-patch-merge-key'] = f.patchMergeKey;
  if (f.patchStrategy) s['x-kubernetes-patch-strategy'] = f.patchStrategy;
  return sortKeys(s);
}

function sortKeys(o: Json): Json {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

const specialCache = new Map<string, Json>();

/** components.schemas[type] */
function typeSchema(type: string, refs: Set<string>): Json | undefined {
  const info = typeInfo(type);
  if (!info) return undefined;
  const description = desc(type);
  let s: Json;
  if (info.kind === 'special') {
    switch (info.special) {
      case 'time':
      case 'microtime':
        s = { type: 'string', format: 'date-time' };
        break;
      case 'quantity':
        s = { oneOf: [{ type: 'string' }, { type: 'number' }] };
        break;
      case 'int-or-string':
        s = { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] };
        break;
      case 'duration':
        s = { type: 'string' };
        break;
      default:
        s = { type: 'object' };
    }
  } else {
    const properties: Json = {};
    const required: string[] = [];
    for (const f of info.fields) {
      properties[f.name] = propertySchema(type, f, refs);
      if (f.required) required.push(f.name);
    }
    s = { type: 'object' };
    if (info.fields.length) s.properties = sortKeys(properties);
    if (required.length) s.required = required.sort();
    if (info.structType) s['x-kubernetes-map-type'] = info.structType;
  }
  if (description) s.description = description;
  const gvks = gvksOf(type);
  if (gvks && info.kind === 'struct' && gvks.length) s['x-kubernetes-group-version-kind'] = gvks;
  specialCache.set(type, s);
  return sortKeys(s);
}

const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

function q(name: string, description: string, type = 'string', extra: Json = {}): Json {
  return { name, in: 'query', description, schema: { type, uniqueItems: true, ...extra } };
}
const P_DRYRUN = q('dryRun', 'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed');
const P_FIELD_MANAGER = (required: boolean) =>
  q('fieldManager', required
    ? 'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint. This field is required for apply requests (application/apply-patch) but optional for non-apply patch types (JsonPatch, MergePatch, StrategicMergePatch).'
    : 'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.');
const P_FIELD_VALIDATION = q('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.');
const P_FORCE = q('force', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.', 'boolean');

function ref(type: string, refs: Set<string>): Json {
  refs.add(type);
  return { $ref: REF + type };
}

function okResponse(type: string, refs: Set<string>): Json {
  return { description: 'OK', content: { 'application/json': { schema: ref(type, refs) }, 'application/yaml': { schema: ref(type, refs) }, 'application/vnd.kubernetes.protobuf': { schema: ref(type, refs) } } };
}

function kindPaths(k: KindInfo, refs: Set<string>): Json {
  const apiVersion = apiVersionOf(k);
  const type = typeOfKind(apiVersion, k.kind);
  if (!type) return {};
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  const gvk = { group: k.group, version: k.version, kind: k.kind };
  const Kind = k.kind;
  const op = (verb: string, action: string, extra: Json = {}) => ({
    tags: [k.group ? `${k.group.split('.')[0]}${k.version}` : `core${k.version}`],
    operationId: `${verb}${k.namespaced ? 'Namespaced' : ''}${Kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...extra,
  });
  const body = { content: { '*/*': { schema: ref(type, refs) } }, required: true };
  const paths: Json = {};
  const coll = k.namespaced ? `${base}/namespaces/{namespace}/${k.resource}` : `${base}/${k.resource}`;
  if (!isStored(k)) {
    paths[coll] = { post: op('create', 'post', { parameters: [P_DRYRUN, P_FIELD_MANAGER(false), P_FIELD_VALIDATION], requestBody: body, responses: { '201': okResponse(type, refs) } }) };
    return paths;
  }
  const listType = typeOfKind(apiVersion, `${Kind}List`);
  paths[coll] = {
    get: op('list', 'list', { responses: listType ? { '200': okResponse(listType, refs) } : {} }),
    post: op('create', 'post', { parameters: [P_DRYRUN, P_FIELD_MANAGER(false), P_FIELD_VALIDATION], requestBody: body, responses: { '200': okResponse(type, refs), '201': okResponse(type, refs) } }),
  };
  const item = `${coll}/{name}`;
  const patchOp = (suffix: string) =>
    op(`patch`, 'patch', {
      operationId: `patch${k.namespaced ? 'Namespaced' : ''}${Kind}${suffix}`,
      parameters: [P_DRYRUN, P_FIELD_MANAGER(true), P_FIELD_VALIDATION, P_FORCE],
      requestBody: { content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Patch', refs) }])), required: true },
      responses: { '200': okResponse(type, refs), '201': okResponse(type, refs) },
    });
  paths[item] = {
    get: op('read', 'get', { responses: { '200': okResponse(type, refs) } }),
    put: op('replace', 'put', { parameters: [P_DRYRUN, P_FIELD_MANAGER(false), P_FIELD_VALIDATION], requestBody: body, responses: { '200': okResponse(type, refs), '201': okResponse(type, refs) } }),
    delete: op('delete', 'delete', { responses: { '200': okResponse('io.k8s.apimachinery.pkg.apis.meta.v1.Status', refs) } }),
    patch: patchOp(''),
  };
  if (k.subresources.includes('status')) paths[`${item}/status`] = { get: op('read', 'get', { operationId: `read${k.namespaced ? 'Namespaced' : ''}${Kind}Status`, responses: { '200': okResponse(type, refs) } }), patch: patchOp('Status') };
  if (k.namespaced) paths[`${base}/${k.resource}`] = { get: op('list', 'list', { operationId: `list${Kind}ForAllNamespaces`, responses: listType ? { '200': okResponse(listType, refs) } : {} }) };
  return paths;
}

const docCache = new Map<string, Json>();

/** GET /openapi/v3/<api/v1 | apis/g/v>; undefined when there is no such group version. */
export function openapiDocument(path: string): Json | undefined {
  const key = `${path}:${descriptionsLoaded()}`;
  const cached = docCache.get(key);
  if (cached) return cached;
  const gv = groupVersions().find((g) => gvPath(g.group, g.version) === path);
  if (!gv) return undefined;
  const refs = new Set<string>(['io.k8s.apimachinery.pkg.apis.meta.v1.Status', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch']);
  const paths: Json = {};
  for (const k of gv.kinds) Object.assign(paths, kindPaths(k, refs));
  const schemas: Json = {};
  const queue = [...refs];
  const seen = new Set<string>();
  while (queue.length) {
    const t = queue.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    const local = new Set<string>();
    const s = t === 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch' ? { description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.', type: 'object' } : typeSchema(t, local);
    if (s) schemas[t] = s;
    for (const r of local) if (!seen.has(r)) queue.push(r);
  }
  const doc: Json = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths: sortKeys(paths),
    components: { schemas: sortKeys(schemas), securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } } },
  };
  docCache.set(key, doc);
  return doc;
}
