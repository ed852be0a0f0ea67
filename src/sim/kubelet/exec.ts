/**
 * The kubelet's exec endpoint: a command run inside a running container — its filesystem
 * (/etc/resolv.conf and /etc/hosts as the kubelet wrote them, the service account files), its
 * environment and hostname, the image's programs (busybox applets, curl, redis-cli …) and the
 * pod's network namespace. Each container keeps its own filesystem across execs.
 */
import { ApiError } from '../core/errors';
import type { Obj } from '../client/types';
import { createShell } from '../shell/index';
import { Vfs } from '../shell/vfs';
import type { CommandFn, ShellIO } from '../shell/types';
import type { ExecIO, ExecSession } from '../apiserver/exec';
import type { Kubelet } from './kubelet';
import type { ContainerRecord } from './runtime';

/** What the composition root plugs into each kubelet's exec: the programs that need the network. */
export interface ExecHooks {
  /** Network programs for a pod's network namespace (by image). */
  networkCommands(pod: Obj, podIP: string, image: string): Record<string, CommandFn>;
  /** Service environment variables the kubelet injects ({SVC}_SERVICE_HOST …) for a namespace. */
  serviceEnv?(ns: string): Record<string, string>;
}

const hooks = new WeakMap<Kubelet, ExecHooks>();
const filesystems = new WeakMap<ContainerRecord, Vfs>();

export function setExecHooks(k: Kubelet, h: ExecHooks): void {
  hooks.set(k, h);
}

const DUMMY_TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbXVsYXRlZCJ9.eyJhdWQiOlsiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWwiXSwiaXNzIjoiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWwifQ.c2ltdWxhdGVk';
const CA_CRT = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIS2ltdWxhdGVkMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\nBAMTCmt1YmVybmV0ZXMwHhcNMjYwMTA1MDgwMDAwWhcNMzYwMTAzMDgwNTAwWjAV\n-----END CERTIFICATE-----\n';

/** The container's files as the kubelet sets them up (resolv.conf, hosts, service account). */
export function containerFiles(k: Kubelet, pod: Obj, podIP: string): Record<string, string> {
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

/** The container's environment: the image's PATH, HOSTNAME, the pod spec's env, service variables. */
export function containerEnv(k: Kubelet, pod: Obj, containerName: string): Record<string, string> {
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
  for (const e of spec.env ?? []) {
    if (e.value !== undefined) env[e.name] = String(e.value);
    else if (e.valueFrom?.fieldRef) {
      const p = e.valueFrom.fieldRef.fieldPath;
      env[e.name] = p === 'metadata.name' ? pod.metadata.name : p === 'metadata.namespace' ? pod.metadata.namespace : p === 'spec.nodeName' ? pod.spec?.nodeName : p === 'status.podIP' ? pod.status?.podIP ?? '' : p === 'status.hostIP' ? k.nodeIP : '';
    }
  }
  return env;
}

/** The running container record for a pod's container, if any. */
export function runningContainer(k: Kubelet, pod: Obj, name: string): ContainerRecord | undefined {
  let best: ContainerRecord | undefined;
  for (const c of k.runtime.containers.values()) {
    if (c.podUid !== pod.metadata.uid || c.name !== name || c.state !== 'running') continue;
    if (!best || c.attempt > best.attempt) best = c;
  }
  return best;
}

/** Which shell the image has (busybox's sh, bash, or none). */
function shellsOf(image: string, app: string): string[] {
  if (/busybox|alpine|curlimages|netshoot|ingress-nginx/.test(image)) return ['sh', 'ash'];
  if (app === 'http-echo' || app === 'pause' || app === 'coredns' || app === 'kube-proxy' || /distroless/.test(image)) return [];
  return ['sh', 'bash', 'dash'];
}

/** GET/POST /exec/{ns}/{pod}/{container}?command=… */
export async function kubeletExec(k: Kubelet, ns: string, podName: string, container: string, command: string[], io: ExecIO): Promise<number> {
  const { shell, bin } = await prepare(k, ns, podName, container, command, io);
  if ((bin === 'sh' || bin === 'bash' || bin === 'ash' || bin === 'dash') && command.length === 1) {
    // a shell without a terminal reads its commands from stdin
    if (!io.stdin) return 0;
    return shell.run(io.stdin, { stdout: io.stdout, stderr: io.stderr }, io.signal);
  }
  return shell.exec(command, { stdout: io.stdout, stderr: io.stderr, stdin: io.stdin }, io.signal);
}

/** exec with a terminal: a shell session the terminal drives line by line until `exit`. */
export async function kubeletSession(k: Kubelet, ns: string, podName: string, container: string, command: string[], io: ExecIO): Promise<ExecSession> {
  let exited = false;
  const { shell, bin } = await prepare(k, ns, podName, container, command, io, () => {
    exited = true;
  });
  if (!['sh', 'bash', 'ash', 'dash'].includes(bin)) {
    // not a shell: run the command once with the terminal attached
    await shell.exec(command, { stdout: io.stdout, stderr: io.stderr }, io.signal);
    exited = true;
  }
  const ps1 = bin === 'bash' ? `root@${shell.hostname}:/# ` : '/ # ';
  return {
    prompt: () => (shell.cwd === '/' ? ps1 : ps1.replace('/ #', `${shell.cwd} #`).replace(':/#', `:${shell.cwd}#`)),
    needsMore: (t) => shell.needsMore(t),
    run: (t, o, sig) => shell.run(t, o, sig),
    complete: (l, c) => shell.complete(l, c),
    get exited() {
      return exited;
    },
  };
}

async function prepare(k: Kubelet, ns: string, podName: string, container: string, command: string[], io: ExecIO, onExit?: () => void) {
  const pod = k.apiPod(ns, podName);
  if (!pod) throw new ApiError(404, 'NotFound', `pod "${podName}" not found`);
  const rec = runningContainer(k, pod, container);
  if (!rec) throw new ApiError(500, 'InternalError', `unable to upgrade connection: container not found ("${container}")`);
  const podIP = k.runtime.sandboxes.get(pod.metadata.uid!)?.ip ?? pod.status?.podIP ?? '';
  const image = rec.image.name;
  const h = hooks.get(k);
  const shells = shellsOf(image, rec.image.app);
  const bin = (command[0] ?? '').split('/').pop()!;
  let fs = filesystems.get(rec);
  if (!fs) {
    fs = new Vfs({ now: () => k.clock.now() });
    for (const [p, text] of Object.entries(containerFiles(k, pod, podIP))) {
      fs.mkdir(p.slice(0, p.lastIndexOf('/')) || '/', { parents: true });
      fs.writeFile(p, text);
    }
    filesystems.set(rec, fs);
  }
  const net = h?.networkCommands(pod, podIP, image) ?? {};
  const startedAt = rec.startedAt ?? k.clock.now();
  const mainCmd = [...(rec ? (pod.spec?.containers ?? []).find((c: Obj) => c.name === container)?.command ?? [] : []), ...((pod.spec?.containers ?? []).find((c: Obj) => c.name === container)?.args ?? [])];
  const ps: CommandFn = async (_argv, ctx) => {
    const main = mainCmd.length ? mainCmd.join(' ') : defaultCommand(rec.image.app);
    const mins = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;
    ctx.stdout(`PID   USER     TIME  COMMAND\n    1 root      ${mins(0)} ${main}\n   ${String(7 + Math.floor((k.clock.now() - startedAt) / 60000) % 50).padStart(2)} root      0:00 ${command.join(' ')}\n`);
    void startedAt;
    return 0;
  };
  const commands: Record<string, CommandFn> = { ...net };
  if (/busybox|alpine|curlimages/.test(image)) commands.ps = ps;
  const shell = createShell({
    hostname: pod.spec?.hostname ?? podName,
    fs,
    cwd: '/',
    waiter: { sleep: (ms) => io.sleep(ms) },
    now: () => k.clock.now(),
    env: containerEnv(k, pod, container),
    commands,
    onExit: () => onExit?.(),
  });
  // a container's environment has none of a login shell's variables
  const quiet: ShellIO = { stdout: () => {}, stderr: () => {} };
  await shell.exec(['unset', 'LANG', 'LOGNAME', 'SHELL', 'USER', ...(io.tty ? [] : ['TERM'])], quiet);
  if (io.tty) shell.setEnv('TERM', 'xterm');
  // what exists in the image: its shell, its own programs, the common utilities of its base
  const known = new Set([...shells, ...Object.keys(commands), 'env', 'printenv', 'hostname', 'cat', 'ls', 'echo', 'sleep', 'true', 'false', 'date', 'id', 'whoami', 'uname', 'head', 'tail', 'grep', 'wc', 'sort', 'mkdir', 'touch', 'rm', 'cp', 'mv', 'sed', 'awk', 'cut', 'tr', 'uniq', 'printf', 'test', '[', 'pwd', 'tee', 'seq', 'stat', 'kill', 'exit']);
  if (!shells.length) for (const c of ['sh', 'bash', 'ls', 'cat', 'env', 'echo']) known.delete(c);
  if (!known.has(bin)) {
    throw new ApiError(500, 'InternalError', `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${k.rng.hex(64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown`);
  }
  return { shell, bin };
}

function defaultCommand(app: string): string {
  const m: Record<string, string> = { nginx: 'nginx: master process nginx -g daemon off;', httpd: 'httpd -DFOREGROUND', redis: 'redis-server *:6379', shell: 'sh', coredns: '/coredns -conf /etc/coredns/Corefile', curl: 'curl' };
  return m[app] ?? app;
}
