/**
 * Where a stacked etcd static pod keeps its data on the host: the hostPath behind the volume mounted
 * at its --data-dir (kubeadm: --data-dir=/var/lib/etcd, volume etcd-data → hostPath /var/lib/etcd).
 * The usual restore drill edits that hostPath (and/or --data-dir) to the directory `etcdutl snapshot
 * restore --data-dir …` wrote; when the kubelet restarts the pod, etcd comes up on the restored data.
 */
interface PodLike {
  spec?: {
    containers?: { name?: string; command?: string[]; args?: string[]; volumeMounts?: { name?: string; mountPath?: string }[] }[];
    volumes?: { name?: string; hostPath?: { path?: string } }[];
  };
}

export const DEFAULT_ETCD_DATA_DIR = '/var/lib/etcd';

export function etcdHostDataDir(pod: PodLike): string | undefined {
  const c = pod.spec?.containers?.find((x) => x.name === 'etcd') ?? pod.spec?.containers?.[0];
  if (!c) return undefined;
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  let dir = DEFAULT_ETCD_DATA_DIR;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--data-dir=')) dir = a.slice('--data-dir='.length);
    else if (a === '--data-dir' && argv[i + 1]) dir = argv[i + 1];
  }
  dir = dir.replace(/\/+$/, '') || '/';
  // the longest mount that contains the data dir
  let best: { mountPath: string; name: string } | undefined;
  for (const m of c.volumeMounts ?? []) {
    const mp = (m.mountPath ?? '').replace(/\/+$/, '');
    if (!m.name || !mp) continue;
    if ((dir === mp || dir.startsWith(mp + '/')) && (!best || mp.length > best.mountPath.length)) best = { mountPath: mp, name: m.name };
  }
  if (!best) return undefined;
  const host = pod.spec?.volumes?.find((v) => v.name === best!.name)?.hostPath?.path;
  if (!host) return undefined;
  return host.replace(/\/+$/, '') + dir.slice(best.mountPath.length);
}
