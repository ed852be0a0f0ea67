/**
 * Field selectors as the apiserver handles them: apimachinery's fields.ParseSelector (escapes,
 * terms sorted, the leftmost operator splits a term), then the per-kind field label conversion
 * (pkg/apis/<group>/<version>/conversion.go AddFieldLabelConversionFunc, or
 * runtime.DefaultMetaV1FieldSelectorConversion), then matching against each kind's selectable
 * field set (pkg/registry/<group>/<kind>/strategy.go ToSelectableFields). A field a term names but
 * the set lacks reads as "" (fields.Set.Get).
 */
import { ApiError } from '../core/errors';
import type { Obj } from '../client/types';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Which kind a selector is for: conversions are registered per group/version/kind. */
export interface FieldSelectorKind {
  group: string;
  kind: string;
}

const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);

/** fields.splitTerms: split on commas not escaped by a backslash (the backslash stays). */
function splitTerms(s: string): string[] {
  if (!s) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/** fields.splitTerm: the first position where "!=", "==" or "=" starts (in that order of preference). */
function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '=']) if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
  }
  return undefined;
}

/** fields.UnescapeValue; Go prints the offending rune with %v, i.e. as its code point. */
function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw badRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

type Conversion = (label: string) => string;

/** A conversion that accepts `labels` (and maps `renames`), else fails with `message(label)`. */
function accepting(labels: string[], message: (label: string) => string, renames: Record<string, string> = {}): Conversion {
  const ok = new Set(labels);
  return (label) => {
    if (ok.has(label)) return label;
    if (renames[label]) return renames[label];
    throw badRequest(message(label));
  };
}

const notSupported = (label: string) => `field label not supported: ${label}`;

/** runtime.DefaultMetaV1FieldSelectorConversion: every kind without a registered conversion. */
const defaultConversion = accepting(['metadata.name', 'metadata.namespace'], (label) => `"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`);

/** The registered conversions of the kinds this cluster serves, keyed `group/Kind` (core: `/Kind`). */
const CONVERSIONS: Record<string, Conversion> = {
  '/Pod': accepting(
    ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
    notSupported,
    { 'spec.host': 'spec.nodeName' },
  ),
  '/Node': accepting(['metadata.name', 'spec.unschedulable'], notSupported),
  '/ReplicationController': accepting(['metadata.name', 'metadata.namespace', 'status.replicas'], notSupported),
  '/Event': accepting(
    ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type', 'metadata.namespace', 'metadata.name'],
    notSupported,
  ),
  '/Namespace': accepting(['status.phase', 'metadata.name'], notSupported),
  '/Secret': accepting(['type', 'metadata.namespace', 'metadata.name'], notSupported),
  '/Service': accepting(['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'], notSupported),
  'batch/Job': accepting(['metadata.name', 'metadata.namespace', 'status.successful'], (label) => `field label "${label}" not supported for batchv1.Job`),
};

/**
 * Parse `a=b,c!=d` as the apiserver does. With `kind`, each field label also goes through that kind's
 * conversion, which rejects the fields the kind cannot select on (400 BadRequest, upstream's text).
 */
export function parseFieldSelector(text: string | undefined, kind?: FieldSelectorKind): FieldRequirement[] {
  const s = text ?? '';
  const parts = splitTerms(s).sort();
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw badRequest(`invalid selector: '${s}'; can't understand '${part}'`);
    reqs.push({ field: t[0], op: t[1] === '!=' ? '!=' : '=', value: unescapeValue(t[2]) });
  }
  if (!kind) return reqs;
  const convert = CONVERSIONS[`${kind.group}/${kind.kind}`] ?? defaultConversion;
  return reqs.map((r) => ({ ...r, field: convert(r.field) }));
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

type Getter = (o: Obj) => string;

/** Each kind's selectable fields beyond metadata.name / metadata.namespace (ToSelectableFields). */
const SELECTABLE: Record<string, Record<string, Getter>> = {
  Pod: {
    'spec.nodeName': (o) => str(o.spec?.nodeName),
    'spec.restartPolicy': (o) => str(o.spec?.restartPolicy),
    'spec.schedulerName': (o) => str(o.spec?.schedulerName),
    'spec.serviceAccountName': (o) => str(o.spec?.serviceAccountName),
    'spec.hostNetwork': (o) => String(o.spec?.hostNetwork === true),
    'status.phase': (o) => str(o.status?.phase),
    'status.podIP': (o) => str(o.status?.podIPs?.[0]?.ip ?? o.status?.podIP),
    'status.nominatedNodeName': (o) => str(o.status?.nominatedNodeName),
  },
  Node: { 'spec.unschedulable': (o) => String(o.spec?.unschedulable === true) },
  Namespace: { 'status.phase': (o) => str(o.status?.phase) },
  Secret: { type: (o) => str(o.type) },
  Service: { 'spec.clusterIP': (o) => str(o.spec?.clusterIP), 'spec.type': (o) => str(o.spec?.type) },
  ReplicationController: { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  Job: { 'status.successful': (o) => String(o.status?.succeeded ?? 0) },
  Event: {
    'involvedObject.kind': (o) => str(o.involvedObject?.kind),
    'involvedObject.namespace': (o) => str(o.involvedObject?.namespace),
    'involvedObject.name': (o) => str(o.involvedObject?.name),
    'involvedObject.uid': (o) => str(o.involvedObject?.uid),
    'involvedObject.apiVersion': (o) => str(o.involvedObject?.apiVersion),
    'involvedObject.resourceVersion': (o) => str(o.involvedObject?.resourceVersion),
    'involvedObject.fieldPath': (o) => str(o.involvedObject?.fieldPath),
    reason: (o) => str(o.reason),
    reportingComponent: (o) => str(o.reportingComponent),
    source: (o) => str(o.source?.component || o.reportingComponent),
    type: (o) => str(o.type),
  },
};

/** The value a field selector compares for `field` of an object of `kind` ("" when the kind has no such field). */
export function fieldValue(obj: Obj, field: string, kind = ''): string {
  if (field === 'metadata.name') return str(obj.metadata.name);
  if (field === 'metadata.namespace') return str(obj.metadata.namespace);
  const get = SELECTABLE[kind]?.[field];
  return get ? get(obj) : '';
}

export function matchFields(reqs: FieldRequirement[], obj: Obj, kind: string): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r.field, kind);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
