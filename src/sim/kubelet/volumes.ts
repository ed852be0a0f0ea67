/**
 * The kubelet's volume manager, reduced: before the pod sandbox is made, each volume of the pod is
 * set up as a small filesystem (pkg/volume's plugins) and later bind-mounted into the containers
 * that name it (volumeMounts: mountPath, subPath, readOnly).
 *   emptyDir     one empty tree per pod, shared by its containers (lives as long as the pod)
 *   configMap    one file per key (or per items[] path), from the API; missing → FailedMount
 *   secret       the same, base64-decoded
 *   downwardAPI  items with a fieldRef
 *   hostPath     the node's own filesystem, with the hostPath type check
 * Other kinds (persistentVolumeClaim, projected, csi …) are not modelled and mount nothing (the
 * service-account token of kube-api-access is written by container-shell.ts).
 */
import type { Client, Obj } from '../client/types';
import { Vfs } from '../shell/vfs';

export interface VolumeFs {
  fs: Vfs;
  /** The volume's root inside fs (a directory, or a file for a hostPath of type File). */
  root: string;
  /** configMap, secret and downwardAPI volumes are mounted read-only whatever the volumeMount says. */
  readOnly?: boolean;
}

/** What SetUp needs from the kubelet. */
export interface VolumeHost {
  readonly client: Client;
  now(): number;
  /** The node's filesystem (hostPath volumes); absent in bare test kubelets. */
  hostFs?: Vfs;
  /** A downward-API fieldRef value for the pod. */
  fieldRef(pod: Obj, path: string): string;
}

/** SetUp of every volume; throws a VolumeError for the first one that cannot be set up. */
export function setUpVolumes(host: VolumeHost, pod: Obj, prepared: Map<string, VolumeFs>): void {
  for (const v of (pod.spec?.volumes ?? []) as Obj[]) {
    if (prepared.has(v.name)) continue;
    const fs = setUp(host, pod, v);
    if (fs) prepared.set(v.name, fs);
  }
}

export class VolumeError extends Error {
  constructor(
    readonly volume: string,
    message: string,
  ) {
    super(message);
  }
}

function setUp(host: VolumeHost, pod: Obj, v: Obj): VolumeFs | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const bare = () => new Vfs({ bare: true, now: () => host.now() });
  if (v.emptyDir) return { fs: bare(), root: '/' };
  if (v.configMap || v.secret) {
    const isSecret = !!v.secret;
    const src = v.configMap ?? v.secret;
    const name: string = isSecret ? src.secretName : src.name;
    let obj: Obj | undefined;
    try {
      obj = host.client.get(isSecret ? 'secrets' : 'configmaps', ns, name);
    } catch {
      if (!src.optional) throw new VolumeError(v.name, `${isSecret ? 'secret' : 'configmap'} "${name}" not found`);
    }
    const data: Record<string, string> = {};
    if (obj) {
      for (const [k, val] of Object.entries((obj.data ?? {}) as Record<string, string>)) data[k] = isSecret ? decodeBase64(val) : val;
      for (const [k, val] of Object.entries((obj.binaryData ?? {}) as Record<string, string>)) data[k] = decodeBase64(val);
    }
    const fs = bare();
    const items: { key: string; path: string }[] | undefined = src.items;
    for (const it of items ?? Object.keys(data).map((k) => ({ key: k, path: k }))) {
      if (!(it.key in data)) {
        if (src.optional) continue;
        throw new VolumeError(v.name, isSecret ? `references non-existent secret key: ${it.key}` : `configmap references non-existent config key: ${it.key}`);
      }
      writeDeep(fs, `/${it.path}`, data[it.key]);
    }
    return { fs, root: '/', readOnly: true };
  }
  if (v.downwardAPI) {
    const fs = bare();
    for (const it of (v.downwardAPI.items ?? []) as Obj[]) {
      if (it.fieldRef) writeDeep(fs, `/${it.path}`, host.fieldRef(pod, it.fieldRef.fieldPath));
    }
    return { fs, root: '/', readOnly: true };
  }
  if (v.hostPath && host.hostFs) {
    const path: string = v.hostPath.path;
    checkHostPathType(host.hostFs, path, v.hostPath.type ?? '', v.name);
    return { fs: host.hostFs, root: path };
  }
  return undefined;
}

/** pkg/volume/hostpath checkTypeInternal, with its error texts. */
function checkHostPathType(fs: Vfs, path: string, type: string, volume: string): void {
  const fail = (what: string) => {
    throw new VolumeError(volume, `hostPath type check failed: ${path} is not a ${what}`);
  };
  switch (type) {
    case '':
      // no check: a missing path is created as a directory, as the runtime does for a bind source
      if (!fs.exists(path)) fs.mkdir(path, { parents: true });
      return;
    case 'DirectoryOrCreate':
      if (!fs.exists(path)) return fs.mkdir(path, { parents: true });
      if (!fs.isDir(path)) fail('directory');
      return;
    case 'Directory':
      if (!fs.isDir(path)) fail('directory');
      return;
    case 'FileOrCreate':
      if (!fs.exists(path)) {
        if (!fs.isDir(path.slice(0, path.lastIndexOf('/')) || '/')) fs.mkdir(path.slice(0, path.lastIndexOf('/')), { parents: true });
        return fs.writeFile(path, '');
      }
      if (!fs.isFile(path)) fail('file');
      return;
    case 'File':
      if (!fs.isFile(path)) fail('file');
      return;
    case 'Socket':
      return fail('socket file');
    case 'CharDevice':
      return fail('character device');
    case 'BlockDevice':
      return fail('block device');
    default:
      throw new VolumeError(volume, `${type} is an invalid volume type`);
  }
}

function writeDeep(fs: Vfs, path: string, data: string): void {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  if (!fs.isDir(dir)) fs.mkdir(dir, { parents: true });
  fs.writeFile(path, data);
}

function decodeBase64(v: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(v), (c) => c.charCodeAt(0)));
  } catch {
    return '';
  }
}

// the volumes set up for each pod (by uid), per kubelet: the pod worker fills them, every
// container filesystem of the pod mounts from them
const registry = new WeakMap<object, Map<string, Map<string, VolumeFs>>>();

/** The volumes set up so far for a pod on this kubelet. */
export function podVolumes(kubelet: object, uid: string): Map<string, VolumeFs> {
  let byPod = registry.get(kubelet);
  if (!byPod) registry.set(kubelet, (byPod = new Map()));
  let v = byPod.get(uid);
  if (!v) byPod.set(uid, (v = new Map()));
  return v;
}

/** The pod is gone from the node: its emptyDirs go with it. */
export function forgetPodVolumes(kubelet: object, uid: string): void {
  registry.get(kubelet)?.delete(uid);
}

/** Mount the container's volumeMounts into its filesystem. */
export function mountVolumes(fs: Vfs, container: Obj, volumes: Map<string, VolumeFs>): void {
  for (const vm of (container.volumeMounts ?? []) as Obj[]) {
    const vol = volumes.get(vm.name);
    if (!vol || !vm.mountPath) continue;
    let root = vol.root;
    if (vm.subPath) {
      root = `${root === '/' ? '' : root}/${vm.subPath}`;
      // the kubelet creates a missing subPath directory in the volume
      if (!vol.fs.exists(root)) vol.fs.mkdir(root, { parents: true });
    }
    fs.mount(vm.mountPath, vol.fs, root, { readOnly: !!vm.readOnly || !!vol.readOnly });
  }
}
