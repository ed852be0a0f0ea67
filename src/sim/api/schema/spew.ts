/**
 * go-spew's `%#v` formatter (davecgh/go-spew d8f796a, the version Kubernetes vendors) with the
 * hashing config of apimachinery's dump.ForHash: DisableMethods, SortKeys. It prints a Go value
 * with its types, `(v1.PodTemplateSpec){ObjectMeta:(v1.ObjectMeta){Name:(string) …`, every field
 * of every struct (unexported ones too), nil pointers/maps/slices as `<nil>`.
 *
 * The value comes from a JSON object the way a controller sees it: decoded from the apiserver's
 * protobuf, so an empty map or list is nil. The Go layout is go-layout.json (generated from the
 * k8s.io/api and apimachinery sources, see scripts/gen-api-schema/gen-go-layout.ts).
 */
import layoutFile from './go-layout.json';
import { canonicalQuantity, goQuantity } from './go-quantity';

type Field = [string, string, string | null];
type Layout = { f: Field[] } | { u: string };
const TYPES = (layoutFile as unknown as { types: Record<string, Layout> }).types;

const INTS = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

/** A value keyed by Go field names (the converted form of custom-marshalled types). */
class GoStruct {
  constructor(readonly fields: Record<string, unknown>) {}
}

/** The Go form of the types whose JSON is custom-marshalled. */
function fromJSON(type: string, v: unknown): GoStruct | undefined {
  switch (type) {
    case 'v1.Time':
      // Only the zero time reaches a pod template (creationTimestamp: null).
      return new GoStruct({ Time: new GoStruct({ wall: 0, ext: 0, loc: null }) });
    case 'resource.Quantity': {
      const q = goQuantity(v === undefined || v === null ? '' : canonicalQuantity(String(v)));
      const dec = q.d.Dec && new GoStruct({ unscaled: new GoStruct(q.d.Dec.unscaled), scale: q.d.Dec.scale });
      return new GoStruct({ i: new GoStruct(q.i), d: new GoStruct({ Dec: dec }), s: q.s, Format: q.Format });
    }
    case 'intstr.IntOrString':
      if (typeof v === 'number') return new GoStruct({ Type: 0, IntVal: v, StrVal: '' });
      if (typeof v === 'string') return new GoStruct({ Type: 1, IntVal: 0, StrVal: v });
      return new GoStruct({ Type: 0, IntVal: 0, StrVal: '' });
  }
  return undefined;
}

/** The underlying type of a named type (itself for builtins and composite type literals). */
function underlying(type: string): string {
  for (let t = type, i = 0; i < 10; i++) {
    const l = TYPES[t];
    if (!l) return t;
    if ('f' in l) return t;
    t = l.u;
  }
  return type;
}

function mapTypes(t: string): [string, string] {
  // map[K]V with K a plain or named type (no brackets inside K for the types we print)
  const close = t.indexOf(']');
  return [t.slice(4, close), t.slice(close + 1)];
}

const isNil = (v: unknown): boolean => v === undefined || v === null;

/** An integer field's value (validation keeps anything else out; never throw on it anyway). */
function intString(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  const n = Number(v ?? 0);
  return Number.isInteger(n) ? BigInt(n).toString() : '0';
}

class Printer {
  out = '';
  ignoreNextType = false;

  format(v: unknown, type: string): void {
    if (type.startsWith('*')) return this.formatPtr(v, type);
    if (!this.ignoreNextType) this.out += `(${type})`;
    this.ignoreNextType = false;
    const u = underlying(type);
    if (u === 'string') this.out += isNil(v) ? '' : String(v);
    else if (u === 'bool') this.out += v ? 'true' : 'false';
    else if (INTS.has(u)) this.out += intString(v);
    else if (u.startsWith('[]')) this.formatSlice(v, u.slice(2));
    else if (u.startsWith('map[')) this.formatMap(v, u);
    else if (TYPES[u] && 'f' in TYPES[u]) this.formatStruct(v, u);
    else throw new Error(`spew: unknown Go type ${u}`);
  }

  private formatPtr(v: unknown, type: string): void {
    if (isNil(v)) {
      if (!this.ignoreNextType) this.out += `(${type})`;
      this.out += '<nil>';
      return; // as spew: a nil pointer leaves ignoreNextType as it was
    }
    if (this.ignoreNextType) this.out += '<*>';
    else this.out += `(${type})`;
    this.ignoreNextType = true;
    this.format(v, type.slice(1));
  }

  private formatSlice(v: unknown, elem: string): void {
    const bytes = elem === 'uint8' && typeof v === 'string' ? [...atob(v)].map((c) => c.charCodeAt(0)) : (v as unknown[] | null | undefined);
    if (isNil(bytes) || bytes!.length === 0) {
      this.out += '<nil>';
      return;
    }
    this.out += '[';
    bytes!.forEach((x, i) => {
      if (i > 0) this.out += ' ';
      this.ignoreNextType = true;
      this.format(x, elem);
    });
    this.out += ']';
  }

  private formatMap(v: unknown, type: string): void {
    const m = v as Record<string, unknown> | null | undefined;
    const keys = m ? Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : [];
    if (keys.length === 0) {
      this.out += '<nil>';
      return;
    }
    const [kt, vt] = mapTypes(type);
    this.out += 'map[';
    keys.forEach((k, i) => {
      if (i > 0) this.out += ' ';
      this.ignoreNextType = true;
      this.format(k, kt);
      this.out += ':';
      this.ignoreNextType = true;
      this.format(m![k], vt);
    });
    this.out += ']';
  }

  private formatStruct(v: unknown, type: string): void {
    const special = v instanceof GoStruct ? undefined : fromJSON(type, v);
    const fields = (TYPES[type] as { f: Field[] }).f;
    this.out += '{';
    fields.forEach(([goName, ft, json], i) => {
      if (i > 0) this.out += ' ';
      this.out += `${goName}:`;
      let fv: unknown;
      if (v instanceof GoStruct) fv = v.fields[goName];
      else if (special) fv = special.fields[goName];
      else if (json === '') fv = v; // inline-embedded struct: same JSON object
      else if (json !== null && v && typeof v === 'object') fv = (v as Record<string, unknown>)[json];
      this.format(fv, ft);
    });
    this.out += '}';
  }
}

/** `dump.ForHash(value)`: spew %#v of the JSON object `value` read as the Go type `type` (e.g. v1.PodTemplateSpec). */
export function spewForHash(value: unknown, type: string): string {
  const p = new Printer();
  p.format(value, type);
  return p.out;
}
