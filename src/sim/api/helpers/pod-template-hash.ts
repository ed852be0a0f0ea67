/**
 * controller.ComputeHash (pkg/controller/controller_utils.go): the pod-template-hash of a
 * Deployment's ReplicaSets (and a DaemonSet's controller-revision-hash). fnv32a over
 * hashutil.DeepHashObject of the v1.PodTemplateSpec — spew's `%#v` dump of the Go struct — then,
 * when the owner has a status.collisionCount, its 4 little-endian bytes padded to 8; the uint32
 * sum printed in decimal and passed through rand.SafeEncodeString.
 */
import { fnv32a, fnv32aBytes, safeEncodeString } from '../../core/hash';
import { spewForHash } from '../schema/spew';

/** `template`: the JSON of a v1.PodTemplateSpec as the apiserver returns it (defaulted). */
export function computeHash(template: unknown, collisionCount?: number | null): string {
  let h = fnv32a(spewForHash(template ?? {}, 'v1.PodTemplateSpec'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32aBytes(b, h);
  }
  return safeEncodeString(String(h));
}
