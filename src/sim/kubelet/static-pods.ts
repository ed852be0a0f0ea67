/**
 * Static pods from /etc/kubernetes/manifests: the kubelet runs them itself and publishes a
 * read-only "mirror pod" for each (`<name>-<node>`, annotated kubernetes.io/config.mirror,
 * owned by the Node) so the API shows them.
 */
import type { Obj } from '../client/types';
import { canonicalJSON, hexDigest } from '../core/hash';
import { defaultPod } from '../api/defaults/podspec';

/** RFC3339 with nanoseconds, as config.seen is written. */
function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The pod the kubelet builds from a manifest: named for the node, UID = config hash. */
export function staticPodFromManifest(manifest: Obj, nodeName: string, seenMs: number): Obj {
  const pod = structuredClone(manifest);
  defaultPod(pod);
  const hash = staticPodHash(manifest, nodeName);
  pod.apiVersion = 'v1';
  pod.kind = 'Pod';
  pod.metadata.name = `${manifest.metadata.name}-${nodeName}`;
  pod.metadata.namespace ??= 'default';
  pod.metadata.uid = hash;
  const ann: Record<string, string> = {
    ...(pod.metadata.annotations ?? {}),
    'kubernetes.io/config.hash': hash,
    'kubernetes.io/config.seen': rfc3339Nano(seenMs),
    'kubernetes.io/config.source': 'file',
  };
  pod.metadata.annotations = Object.fromEntries(Object.keys(ann).sort().map((k) => [k, ann[k]]));
  pod.spec.nodeName = nodeName;
  const tol: Obj[] = (pod.spec.tolerations ??= []);
  if (!tol.some((t) => t.operator === 'Exists' && !t.key && t.effect === 'NoExecute')) tol.push({ effect: 'NoExecute', operator: 'Exists' } as unknown as Obj);
  pod.status = { phase: 'Pending' };
  return pod;
}

// a decoded manifest is kept as long as its file's text does not change (node/host.ts), and the
// kubelet checks the files every 20 s: hash each manifest once per node
const hashes = new WeakMap<Obj, Map<string, string>>();

/** The static pod's UID (kubernetes.io/config.hash): a hash of the manifest and the node. */
export function staticPodHash(manifest: Obj, nodeName: string): string {
  let byNode = hashes.get(manifest);
  if (!byNode) hashes.set(manifest, (byNode = new Map()));
  let h = byNode.get(nodeName);
  if (h === undefined) byNode.set(nodeName, (h = hexDigest(`static-pod:${nodeName}:${canonicalJSON(manifest)}`, 32)));
  return h;
}

/** The mirror pod posted to the apiserver for a static pod. */
export function mirrorPodOf(staticPod: Obj, node: { name: string; uid: string }): Obj {
  const m = structuredClone(staticPod);
  delete m.metadata.uid;
  delete m.status;
  const ann: Record<string, string> = { ...(m.metadata.annotations ?? {}), 'kubernetes.io/config.mirror': staticPod.metadata.uid! };
  m.metadata.annotations = Object.fromEntries(Object.keys(ann).sort().map((k) => [k, ann[k]]));
  m.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true }];
  return m;
}

/** One file of the static pod directory (--pod-manifest-path), as the host read and parsed it. */
export interface ManifestFile {
  /** Path of the file (for log lines). */
  file: string;
  /** The decoded pod; undefined when the file could not be decoded (see error). */
  pod?: Obj;
  error?: string;
}

/** The kubelet's file source: read the manifest directory now (polled every fileCheckFrequency). */
export type StaticPodSource = () => ManifestFile[];

/** fileCheckFrequency: the kubelet re-reads the static pod directory this often. */
export const FILE_CHECK_FREQUENCY_MS = 20_000;
