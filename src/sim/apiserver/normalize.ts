/** Put an object's fields in the order the real apiserver's JSON encoder writes them. */
import type { KindInfo } from '../api/kinds';
import type { Obj } from '../client/types';

const META_ORDER = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

function ordered<T extends Record<string, unknown>>(o: T, order: string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of order) if (o[k] !== undefined) out[k] = o[k];
  for (const k of Object.keys(o)) if (!(k in out) && o[k] !== undefined) out[k] = o[k];
  return out as T;
}

export function normalizeObject(ki: KindInfo, obj: Obj): Obj {
  void ki;
  const top = ordered(obj as Record<string, unknown>, ['kind', 'apiVersion', 'metadata', 'spec', 'status']) as Obj;
  top.metadata = ordered(top.metadata as Record<string, unknown>, META_ORDER);
  return top;
}
