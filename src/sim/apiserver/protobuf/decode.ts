/**
 * Decoding `application/vnd.kubernetes.protobuf` request bodies (what kubectl ≥ 1.32's typed
 * clients send, reference KUBECTL-PROTOCOL.md §6) into the JSON form of the object: the `k8s\0`
 * magic, the runtime.Unknown envelope {typeMeta, raw}, then the message driven by the field
 * numbers of fields.json (generated from k8s.io/api's generated.proto, scripts/gen-api-proto).
 *
 * proto2 semantics: every non-pointer field is on the wire, even when empty; Go's JSON would omit
 * the omitempty ones, so empty values of omitempty non-pointer fields are dropped (from the Go
 * schema), and the apiserver's round trip writes the rest as Go would.
 */
import fieldsFile from './fields.json';
import { fieldOf, typeInfo, typeOfKind } from '../../api/schema';
import { ApiError } from '../../core/errors';

type Field = [number, string, string, 0 | 1 | 2];
const FIELDS = fieldsFile as unknown as Record<string, Field[]>;
const byNumber = new Map<string, Map<number, Field>>();

function fieldsOfMessage(type: string): Map<number, Field> | undefined {
  let m = byNumber.get(type);
  if (!m && FIELDS[type]) {
    m = new Map(FIELDS[type].map((f) => [f[0], f]));
    byNumber.set(type, m);
  }
  return m;
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

class Reader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('unexpected EOF');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  }
  bytes(): Uint8Array {
    const n = Number(this.varint());
    if (this.pos + n > this.end) throw new Error('unexpected EOF');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const utf8 = new TextDecoder();

function toInt(v: bigint, bits: 32 | 64): number {
  return Number(bits === 32 ? BigInt.asIntN(32, v) : BigInt.asIntN(64, v));
}

function base64(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

function rfc3339(seconds: number, nanos: number, micro: boolean): string | null {
  if (seconds === 0 && nanos === 0) return null;
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`;
}

/** One scalar or message value of the given proto type from a field with the given wire type. */
function value(r: Reader, wire: number, type: string): unknown {
  switch (type) {
    case 'string':
      return utf8.decode(r.bytes());
    case 'bytes':
      return base64(r.bytes());
    case 'bool':
      return r.varint() !== 0n;
    case 'int32':
      return toInt(r.varint(), 32);
    case 'int64':
      return toInt(r.varint(), 64);
    case 'double': {
      const v = new DataView(r.buf.buffer, r.buf.byteOffset + r.pos, 8).getFloat64(0, true);
      r.pos += 8;
      return v;
    }
    case 'float': {
      const v = new DataView(r.buf.buffer, r.buf.byteOffset + r.pos, 4).getFloat32(0, true);
      r.pos += 4;
      return v;
    }
  }
  if (wire !== 2) throw new Error(`wire type ${wire} for message ${type}`);
  const b = r.bytes();
  return message(b, 0, b.length, type);
}

/** Messages whose JSON form is not an object. */
function special(type: string, m: Record<string, unknown>): { v: unknown } | undefined {
  switch (type) {
    case `${META}Time`:
      return { v: rfc3339(Number(m.seconds ?? 0), Number(m.nanos ?? 0), false) };
    case `${META}MicroTime`:
      return { v: rfc3339(Number(m.seconds ?? 0), Number(m.nanos ?? 0), true) };
    case `${META}Duration`: {
      const ns = Number(m.duration ?? 0);
      return { v: `${ns / 1e9}s` };
    }
    case 'io.k8s.apimachinery.pkg.api.resource.Quantity':
      return { v: m.string ?? '' };
    case 'io.k8s.apimachinery.pkg.util.intstr.IntOrString':
      return { v: Number(m.type ?? 0) === 1 ? (m.strVal ?? '') : (m.intVal ?? 0) };
    case 'io.k8s.apimachinery.pkg.runtime.RawExtension':
    case `${META}FieldsV1`: {
      const raw = (m.raw ?? m.Raw) as string | undefined;
      if (!raw) return { v: {} };
      try {
        return { v: JSON.parse(atob(raw)) };
      } catch {
        return { v: {} };
      }
    }
  }
  if (type.endsWith('.ExtraValue') || type.endsWith('.Verbs')) return { v: m.items ?? [] };
  return undefined;
}

function message(buf: Uint8Array, start: number, end: number, type: string): unknown {
  const fields = fieldsOfMessage(type);
  if (!fields) throw new Error(`no protobuf description of ${type}`);
  const r = new Reader(buf, start, end);
  const out: Record<string, unknown> = {};
  while (r.pos < end) {
    const key = Number(r.varint());
    const num = key >>> 3;
    const wire = key & 7;
    const f = fields.get(num);
    if (!f) {
      r.skip(wire);
      continue;
    }
    const [, name, ftype, card] = f;
    if (card === 2) {
      // map entry {1: key, 2: value}
      const entry = r.bytes();
      const er = new Reader(entry, 0, entry.length);
      let k = '';
      let v: unknown = ftype === 'string' ? '' : undefined;
      while (er.pos < er.end) {
        const ek = Number(er.varint());
        if (ek >>> 3 === 1) k = utf8.decode(er.bytes());
        else if (ek >>> 3 === 2) v = value(er, ek & 7, ftype);
        else er.skip(ek & 7);
      }
      const map = (out[name] ??= {}) as Record<string, unknown>;
      map[k] = v ?? (special(ftype, {}) ?? { v: {} }).v;
    } else if (card === 1) {
      const list = (out[name] ??= []) as unknown[];
      if (wire === 2 && ftype !== 'string' && ftype !== 'bytes' && !ftype.includes('.')) {
        // packed scalars
        const b = r.bytes();
        const pr = new Reader(b, 0, b.length);
        while (pr.pos < pr.end) list.push(value(pr, ftype === 'double' ? 1 : ftype === 'float' ? 5 : 0, ftype));
      } else list.push(value(r, wire, ftype));
    } else out[name] = value(r, wire, ftype);
  }
  const sp = special(type, out);
  if (sp) return sp.v;
  return prune(type, out);
}

const isEmpty = (v: unknown) =>
  v === '' || v === 0 || v === false || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/** Drop empty omitempty non-pointer fields; splice inline-embedded structs (Volume.volumeSource …). */
function prune(type: string, obj: Record<string, unknown>): Record<string, unknown> {
  if (!typeInfo(type)) return obj;
  for (const [k, v] of Object.entries(obj)) {
    const fi = fieldOf(type, k);
    if (!fi) {
      // an embedded struct that Go inlines into its parent's JSON
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        delete obj[k];
        for (const [ik, iv] of Object.entries(v)) if (!(ik in obj)) obj[ik] = iv;
      }
      continue;
    }
    if (fi.omitempty && !fi.type.pointer && fi.type.kind !== 'struct' && isEmpty(v)) delete obj[k];
    else if (fi.omitempty && fi.type.kind === 'special' && !fi.type.pointer && v === null) delete obj[k];
  }
  return obj;
}

/** Decode a whole request body: magic, runtime.Unknown, the typed object (with kind/apiVersion). */
export function decodeProtobufObject(body: Uint8Array): Record<string, unknown> {
  try {
    if (body.length < 4 || body[0] !== 0x6b || body[1] !== 0x38 || body[2] !== 0x73 || body[3] !== 0) throw new Error('provided object is not a protobuf message (missing magic)');
    const env = message(body, 4, body.length, 'io.k8s.apimachinery.pkg.runtime.Unknown') as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: string };
    const apiVersion = env.typeMeta?.apiVersion ?? '';
    const kind = env.typeMeta?.kind ?? '';
    const type = typeOfKind(apiVersion, kind);
    if (!type) throw new Error(`no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
    const raw = Uint8Array.from(atob(env.raw ?? ''), (c) => c.charCodeAt(0));
    const obj = message(raw, 0, raw.length, type) as Record<string, unknown>;
    return { kind, apiVersion, ...obj };
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(400, 'BadRequest', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf: ${(e as Error).message}`);
  }
}
