/**
 * The first error Go's JSON decoder (sigs.k8s.io/json, a fork of encoding/json) meets when a value has
 * the wrong JSON type for its Go field, worded as it words it:
 *   json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
 * (the innermost struct's Go name, the field path of JSON names without list indexes, the Go type of
 * the value being decoded). Custom-marshalled types (Quantity, IntOrString, Time, RawExtension …) and
 * null are not checked: they accept what their own decoders accept.
 */
import { fieldOf, parseTypeExpr, typeOfKind, type TypeRef } from './index';

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v; // string | number
}

/** `io.k8s.api.core.v1.Container` → `v1.Container` (Go's reflect.Type String: package.Name). */
function goName(typeName: string): string {
  const parts = typeName.split('.');
  return parts.length >= 2 ? `${parts[parts.length - 2]}.${parts[parts.length - 1]}` : typeName;
}

function goType(t: TypeRef): string {
  switch (t.kind) {
    case 'primitive':
      return t.name === 'bytes' ? '[]uint8' : t.name === 'any' ? 'interface {}' : t.name;
    case 'struct':
      return goName(t.name);
    case 'list':
      return `[]${goType(t.elem)}`;
    case 'map':
      return `map[string]${goType(t.elem)}`;
    default:
      return t.name;
  }
}

function fits(t: TypeRef, v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (t.kind) {
    case 'primitive':
      switch (t.name) {
        case 'string':
        case 'bytes':
          return typeof v === 'string';
        case 'bool':
          return typeof v === 'boolean';
        case 'int32':
        case 'int64':
          return typeof v === 'number' && Number.isInteger(v);
        case 'float64':
          return typeof v === 'number';
        default:
          return true;
      }
    case 'struct':
    case 'map':
      return typeof v === 'object' && !Array.isArray(v);
    case 'list':
      return Array.isArray(v);
    default:
      return true;
  }
}

interface Ctx {
  struct: string;
  path: string[];
}

function walk(t: TypeRef, v: unknown, ctx: Ctx): string | undefined {
  if (!fits(t, v)) {
    const what = typeof v === 'number' && !Number.isInteger(v) && (t.kind === 'primitive') ? `number ${v}` : jsonKind(v);
    const where = ctx.path.length ? `Go struct field ${ctx.struct}.${ctx.path.join('.')}` : `Go value`;
    return `json: cannot unmarshal ${what} into ${where} of type ${goType(t)}`;
  }
  if (v === null || typeof v !== 'object') return undefined;
  if (t.kind === 'struct') {
    const obj = v as Record<string, unknown>;
    const short = t.name.split('.').pop() ?? t.name;
    for (const k in obj) {
      const f = fieldOf(t.name, k);
      if (!f) continue; // unknown fields are the strict check's business
      const err = walk(f.type, obj[k], { struct: short, path: [...ctx.path, k] });
      if (err) return err;
    }
  } else if (t.kind === 'list') {
    for (const x of v as unknown[]) {
      const err = walk(t.elem, x, ctx);
      if (err) return err;
    }
  } else if (t.kind === 'map') {
    for (const x of Object.values(v as Record<string, unknown>)) {
      const err = walk(t.elem, x, ctx);
      if (err) return err;
    }
  }
  return undefined;
}

/** The decoder's type error for `obj` as apiVersion/kind, or undefined when every value fits its field. */
export function typeError(apiVersion: string, kind: string, obj: unknown): string | undefined {
  const t = typeOfKind(apiVersion, kind);
  if (!t) return undefined;
  return walk(parseTypeExpr(t), obj, { struct: t.split('.').pop() ?? t, path: [] });
}
