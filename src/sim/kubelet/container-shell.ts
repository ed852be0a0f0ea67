/**
 * The inside of a container as its processes see it: the filesystem the kubelet prepared
 * (/etc/resolv.conf, /etc/hosts, the service account files), the environment, the hostname, and
 * the programs its image ships (busybox applets, curl, redis-cli …) bound to the pod's network
 * namespace. The main process, exec probes and `kubectl exec` all run on this one shell, over one
 * filesystem per container instance: a file the main process touches is what a probe then reads.
 */
import type { Obj } from '../client/types';
import { createShell, type Shell } from '../shell/index';
import { Vfs } from '../shell/vfs';
import type { CommandFn, Waiter } from '../shell/types';
import type { ShellDialect } from '../shell/exec/context';
import type { Kubelet } from './kubelet';
import type { ContainerRecord } from './runtime';
import { mountVolumes, podVolumes } from './volumes';

/** What the composition root plugs into each kubelet: the programs that need the network. */
export interface ExecHooks {
  /** Network programs for a pod's network namespace (by image). */
  networkCommands(pod: Obj, podIP: string, image: string): Record<string, CommandFn>;
  /** Service environment variables the kubelet injects ({SVC}_SERVICE_HOST …) for a namespace. */
  serviceEnv?(ns: string): Record<string, string>;
}

const hooks = new WeakMap<object, ExecHooks>();
const filesystems = new WeakMap<ContainerRecord, Vfs>();

export function setExecHooks(k: object, h: ExecHooks): void {
  hooks.set(k, h);
}

const DUMMY_TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbXVsYXRlZCJ9.eyJhdWQiOlsiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWwiXSwiaXNzIjoiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWwifQ.c2ltdWxhdGVk';
const CA_CRT = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIS2ltdWxhdGVkMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\nBAMTCmt1YmVybmV0ZXMwHhcNMjYwMTA1MDgwMDAwWhcNMzYwMTAzMDgwNTAwWjAV\n-----END CERTIFICATE-----\n';

/** The kubelet's view a container shell needs. */
export type KubeletView = Pick<Kubelet, 'clusterDNS' | 'nodeIP' | 'clock'>;

/** The container's files as the kubelet sets them up (resolv.conf, hosts, service account). */
export function containerFiles(k: KubeletView, pod: Obj, podIP: string): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const hostname = pod.spec?.hostname ?? pod.metadata.name;
  const resolv = pod.spec?.dnsPolicy === 'Default' || (pod.spec?.hostNetwork && pod.spec?.dnsPolicy !== 'ClusterFirstWithHostNet')
    ? 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n'
    : `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${k.clusterDNS}\noptions ndots:5\n`;
  const fqdn = pod.spec?.subdomain ? `${hostname}.${pod.spec.subdomain}.${ns}.svc.cluster.local\t${hostname}` : hostname;
  const files: Record<string, string> = {
    '/etc/hostname': `${hostname}\n`,
    '/etc/resolv.conf': resolv,
    '/etc/hosts': `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${podIP}\t${fqdn}\n`,
  };
  if (pod.spec?.automountServiceAccountToken !== false) {
    const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
    files[`${sa}/namespace`] = ns;
    files[`${sa}/token`] = DUMMY_TOKEN;
    files[`${sa}/ca.crt`] = CA_CRT;
  }
  return files;
}

/** A downward-API fieldRef value. */
export function fieldRef(k: KubeletView, pod: Obj, path: string): string {
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.hostIP':
      return k.nodeIP;
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      return m ? ((pod.metadata as Obj)[m[1]]?.[m[2]] ?? '') : '';
    }
  }
}

/** The container's environment: the image's PATH, HOSTNAME, the pod spec's env, service variables. */
export function containerEnv(k: KubeletView, pod: Obj, containerName: string, podIP?: string): Record<string, string> {
  const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c: Obj) => c.name === containerName) ?? {};
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: pod.spec?.hostname ?? pod.metadata.name,
  };
  if (pod.spec?.enableServiceLinks !== false) Object.assign(env, hooks.get(k)?.serviceEnv?.(pod.metadata.namespace ?? 'default') ?? {});
  Object.assign(env, {
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
  });
  const view = podIP && !pod.status?.podIP ? { ...pod, status: { ...pod.status, podIP } } : pod;
  for (const e of spec.env ?? []) {
    if (e.value !== undefined) env[e.name] = String(e.value).replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m: string, n: string) => env[n] ?? m);
    else if (e.valueFrom?.fieldRef) env[e.name] = fieldRef(k, view, e.valueFrom.fieldRef.fieldPath);
  }
  return env;
}

const SHELLS = ['sh', 'bash', 'ash', 'dash'];

/** Which shells the image has (busybox's sh, Debian's dash and bash, or none). */
export function shellsOf(image: string, app: string): string[] {
  if (isBusybox(image)) return ['sh', 'ash'];
  if (app === 'http-echo' || app === 'pause' || app === 'coredns' || app === 'kube-proxy' || /distroless/.test(image)) return [];
  return ['sh', 'bash', 'dash'];
}

function isBusybox(image: string): boolean {
  return /busybox|alpine|curlimages|netshoot|ingress-nginx/.test(image);
}

/** What `sh` is in the image: busybox ash, or Debian's dash (bash when asked for by name). */
function dialectOf(image: string, bin: string): ShellDialect {
  if (isBusybox(image)) return 'ash';
  return bin === 'bash' ? 'bash' : 'dash';
}

/** The common utilities every image with a shell has (coreutils or busybox applets). */
const BASE_UTILS = ['env', 'printenv', 'hostname', 'cat', 'ls', 'echo', 'sleep', 'true', 'false', 'date', 'id', 'whoami', 'uname', 'head', 'tail', 'grep', 'wc', 'sort', 'mkdir', 'touch', 'rm', 'cp', 'mv', 'sed', 'awk', 'cut', 'tr', 'uniq', 'printf', 'test', '[', 'pwd', 'tee', 'seq', 'stat', 'kill', 'exit', 'base64', 'xargs', 'rmdir', 'egrep'];
/** Host-shell conveniences no container image has. */
const HOST_ONLY = ['sudo', 'help', 'history', 'clear', 'complete'];

/** runc's words for a program the image does not have. */
export function notInPath(bin: string): string {
  return `exec: "${bin}": executable file not found in $PATH`;
}

export interface ContainerShellOptions {
  waiter: Waiter;
  now: () => number;
  /** The program being started (decides bash vs sh wording in Debian images). */
  bin?: string;
  onExit?: (status: number) => void;
  /** Extra programs (ps for an exec session). */
  commands?: Record<string, CommandFn>;
  /** How often a loop without waits yields (container main processes). */
  loopYield?: { every: number; ms: number };
}

export interface ContainerShell {
  shell: Shell;
  /** Whether the image has this program (for exec and for a command without a shell). */
  has(bin: string): boolean;
  shells: string[];
}

/** The filesystem of one container instance (created on first use, kept across execs). */
export function containerFs(k: KubeletView, pod: Obj, rec: ContainerRecord, podIP: string): Vfs {
  let fs = filesystems.get(rec);
  if (!fs) {
    fs = new Vfs({ now: () => k.clock.now() });
    for (const [p, text] of Object.entries(containerFiles(k, pod, podIP))) {
      fs.mkdir(p.slice(0, p.lastIndexOf('/')) || '/', { parents: true });
      fs.writeFile(p, text);
    }
    fs.mkdir('/tmp', { parents: true });
    const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c: Obj) => c.name === rec.name);
    if (spec && pod.metadata.uid) mountVolumes(fs, spec, podVolumes(k, pod.metadata.uid));
    filesystems.set(rec, fs);
  }
  return fs;
}

/** A shell inside a container instance. */
export function containerShell(k: KubeletView, pod: Obj, rec: ContainerRecord, podIP: string, opts: ContainerShellOptions): ContainerShell {
  const image = rec.image.name;
  const shells = shellsOf(image, rec.image.app);
  const net = hooks.get(k)?.networkCommands(pod, podIP, image) ?? {};
  const commands: Record<string, CommandFn> = { ...net, ...(opts.commands ?? {}) };
  const shell = createShell({
    hostname: pod.spec?.hostname ?? pod.metadata.name,
    fs: containerFs(k, pod, rec, podIP),
    cwd: '/',
    waiter: opts.waiter,
    now: opts.now,
    env: containerEnv(k, pod, rec.name, podIP),
    commands,
    onExit: opts.onExit,
    dialect: dialectOf(image, opts.bin ?? 'sh'),
    loopYield: opts.loopYield,
    // a container's environment has none of a login shell's variables
    bareEnv: true,
    omit: [...HOST_ONLY, ...(shells.length ? [] : [...SHELLS, ...BASE_UTILS])],
  });
  // what exists in the image: its shell, its own programs, the common utilities of its base
  const known = new Set([...shells, ...Object.keys(commands), ...(shells.length ? BASE_UTILS : [])]);
  return { shell, has: (bin) => known.has(bin), shells };
}
