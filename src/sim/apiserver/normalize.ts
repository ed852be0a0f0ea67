/**
 * What the apiserver writes back: the object decoded into its Go type and encoded again (unknown
 * fields dropped, Go struct order, zero values of non-omitempty fields), and the strict decoder's
 * unknown-field check for fieldValidation=Strict.
 */
import type { KindInfo } from '../api/kinds';
import { apiVersionOf } from '../api/kinds';
import type { Obj } from '../client/types';
import { roundTrip, unknownFields } from '../api/schema';
import { typeError } from '../api/schema/type-errors';
import { ApiError } from '../core/errors';

export function normalizeObject(ki: KindInfo, obj: Obj): Obj {
  return roundTrip(apiVersionOf(ki), ki.kind, obj);
}

/** fieldValidation=Strict: `strict decoding error: unknown field "spec.foo"` (400). */
export function checkStrict(ki: KindInfo, obj: Obj, mode: string | undefined): string[] {
  // a value of the wrong JSON type fails decoding whatever the field validation mode
  const bad = typeError(apiVersionOf(ki), ki.kind, obj);
  if (bad) throw new ApiError(400, 'BadRequest', `${ki.kind} in version "${ki.version}" cannot be handled as a ${ki.kind}: ${bad}`);
  const unknown = unknownFields(apiVersionOf(ki), ki.kind, obj);
  if (!unknown.length) return [];
  const list = unknown.map((f) => `unknown field "${f}"`).join(', ');
  if (mode === 'Strict') {
    throw new ApiError(400, 'BadRequest', `${ki.kind} in version "${ki.version}" cannot be handled as a ${ki.kind}: strict decoding error: ${list}`);
  }
  return mode === 'Warn' ? unknown.map((f) => `unknown field "${f}"`) : [];
}
