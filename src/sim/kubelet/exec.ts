/**
 * The kubelet's exec endpoint: a command run inside a running container — its filesystem
 * (/etc/resolv.conf and /etc/hosts as the kubelet wrote them, the service account files), its
 * environment and hostname, the image's programs (busybox applets, curl, redis-cli …) and the
 * pod's network namespace. Each container keeps its own filesystem across execs.
 */
import { ApiError } from '../core/errors';
import type { Obj } from '../client/types';
import type { CommandFn } from '../shell/types';
import { containerShell, notInPath } from './container-shell';
import type { ExecIO, ExecSession } from '../apiserver/exec';
import type { Kubelet } from './kubelet';
import type { ContainerRecord } from './runtime';

export { setExecHooks, type ExecHooks } from './container-shell';

/** The running container record for a pod's container, if any. */
export function runningContainer(k: Kubelet, pod: Obj, name: string): ContainerRecord | undefined {
  let best: ContainerRecord | undefined;
  for (const c of k.runtime.containers.values()) {
    if (c.podUid !== pod.metadata.uid || c.name !== name || c.state !== 'running') continue;
    if (!best || c.attempt > best.attempt) best = c;
  }
  return best;
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
  const bin = (command[0] ?? '').split('/').pop()!;
  const startedAt = rec.startedAt ?? k.clock.now();
  const spec = (pod.spec?.containers ?? []).find((c: Obj) => c.name === container) ?? {};
  const mainCmd = [...(spec.command ?? []), ...(spec.args ?? [])];
  const ps: CommandFn = async (_argv, ctx) => {
    const main = mainCmd.length ? mainCmd.join(' ') : defaultCommand(rec.image.app);
    const mins = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;
    ctx.stdout(`PID   USER     TIME  COMMAND\n    1 root      ${mins(0)} ${main}\n   ${String(7 + (Math.floor((k.clock.now() - startedAt) / 60000) % 50)).padStart(2)} root      0:00 ${command.join(' ')}\n`);
    return 0;
  };
  const { shell, has } = containerShell(k, pod, rec, podIP, {
    waiter: { sleep: (ms) => io.sleep(ms) },
    now: () => k.clock.now(),
    bin,
    onExit: () => onExit?.(),
    commands: /busybox|alpine|curlimages/.test(image) ? { ps } : {},
  });
  if (io.tty) shell.setEnv('TERM', 'xterm');
  if (!has(bin)) {
    throw new ApiError(500, 'InternalError', `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${k.rng.hex(64)}": OCI runtime exec failed: exec failed: unable to start container process: ${notInPath(command[0])}: unknown`);
  }
  return { shell, bin };
}

function defaultCommand(app: string): string {
  const m: Record<string, string> = { nginx: 'nginx: master process nginx -g daemon off;', httpd: 'httpd -DFOREGROUND', redis: 'redis-server *:6379', shell: 'sh', coredns: '/coredns -conf /etc/coredns/Corefile', curl: 'curl' };
  return m[app] ?? app;
}
