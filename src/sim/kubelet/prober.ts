/**
 * The kubelet's prober (pkg/kubelet/prober): one worker per container and probe type (startup,
 * liveness, readiness) on the virtual clock, with upstream timing — nothing before
 * initialDelaySeconds, then every periodSeconds; failureThreshold / successThreshold consecutive
 * results flip the state; liveness and readiness wait for the startup probe. Probe kinds:
 * - exec: the command runs on the container's shell, over the filesystem its main process
 *   writes (`touch /tmp/healthy; sleep 30; rm -f /tmp/healthy`);
 * - httpGet / tcpSocket: answered by the network layer through ProbeHooks when it is plugged in,
 *   else by the built-in app model (what the image listens on and answers).
 */
import type { Obj } from '../client/types';
import type { Clock, TimerId } from '../core/clock';
import type { ContainerRecord } from './runtime';
import { notInPath, type ContainerShell, type ContainerShellOptions } from './container-shell';
import { ProcessClock } from './proc-clock';

export type ProbeType = 'Startup' | 'Liveness' | 'Readiness';
export type ProbeResult = { ok: true } | { ok: false; output: string };

export type HttpAnswer = { status: number } | { error: 'refused' | 'timeout' | 'unreachable' };

/** What the network layer can plug in to answer probes like a real connection would. */
export interface ProbeHooks {
  http?(pod: Obj, podIP: string, port: number, path: string, host: string | undefined, headers: Record<string, string>, timeoutMs: number): HttpAnswer | undefined;
  tcp?(pod: Obj, podIP: string, port: number, timeoutMs: number): HttpAnswer | undefined;
}

const hooksByHost = new WeakMap<object, ProbeHooks>();

/** Plug the network layer's answers into a kubelet's prober (the composition root does this). */
export function setProbeHooks(kubelet: object, hooks: ProbeHooks): void {
  hooksByHost.set(kubelet, hooks);
}

export function probeHooksFor(kubelet: object): ProbeHooks | undefined {
  return hooksByHost.get(kubelet);
}

/** The built-in app model: the ports an image's default program listens on, and its answers. */
export function builtinHttp(rec: ContainerRecord, spec: Obj, port: number, path: string, now: number): HttpAnswer {
  const ports = listeningPorts(rec, spec);
  if (!ports.includes(port)) return { error: 'refused' };
  const app = rec.image.app;
  const args: string[] = [...(spec.command ?? []), ...(spec.args ?? [])];
  // agnhost liveness (the docs' HTTP liveness example): /healthz 200 for 10 s, then 500
  if (app === 'agnhost' && args.includes('liveness')) {
    if (path !== '/healthz') return { status: 404 };
    return { status: now - (rec.startedAt ?? now) < 10_000 ? 200 : 500 };
  }
  if (app === 'nginx' || app === 'httpd') {
    const p = path.split('?')[0];
    return { status: p === '/' || p === '/index.html' ? 200 : 404 };
  }
  return { status: 200 };
}

function listeningPorts(rec: ContainerRecord, spec: Obj): number[] {
  const args: string[] = [...(spec.command ?? []), ...(spec.args ?? [])];
  // a shell or sleep as the command listens on nothing; the image's own binary keeps its ports
  const bin = String((spec.command ?? [])[0] ?? '').split('/').pop()!;
  if (['sh', 'bash', 'ash', 'dash', 'sleep', 'echo', 'cat', 'tail', 'true', 'false', 'env', 'printenv', 'date', 'perl', 'python', 'python3', 'node'].includes(bin)) return [];
  switch (rec.image.app) {
    case 'nginx':
    case 'httpd':
    case 'ingress-nginx':
      return [80];
    case 'redis':
      return [6379];
    case 'postgres':
      return [5432];
    case 'mysql':
      return [3306];
    case 'mongo':
      return [27017];
    case 'memcached':
      return [11211];
    case 'agnhost':
      return args.includes('liveness') ? [8080] : [8080, 80];
    case 'echoserver':
      return [8080];
    case 'http-echo':
      return [5678];
    case 'bootcamp':
      return [8080];
    case 'coredns':
      return [53, 8080, 8181, 9153];
    case 'etcd':
      return [2379, 2380, 2381];
    case 'kube-apiserver':
      return [6443];
    case 'kube-controller-manager':
      return [10257];
    case 'kube-scheduler':
      return [10259];
    case 'kube-proxy':
      return [10249, 10256];
    default:
      return [];
  }
}

/**
 * Run an exec probe's command in the container (a process of its own on the clock): exit 0 is
 * success; otherwise the failure output is what it printed.
 */
export async function execProbe(clock: Clock, open: (o: ContainerShellOptions) => ContainerShell, command: string[]): Promise<ProbeResult> {
  const pc = new ProcessClock(clock);
  let out = '';
  const write = (s: string) => void (out += s);
  let code: number;
  try {
    const bin = (command[0] ?? '').split('/').pop()!;
    const sh = open({ waiter: { sleep: (ms, sig) => pc.sleep(ms, sig) }, now: () => pc.now(), bin });
    if (sh.has(bin)) code = await sh.shell.exec(command, { stdout: write, stderr: write });
    else {
      code = 126;
      out = `OCI runtime exec failed: exec failed: unable to start container process: ${notInPath(command[0] ?? '')}: unknown`;
    }
  } finally {
    pc.end();
  }
  return code === 0 ? { ok: true } : { ok: false, output: out.replace(/\n$/, '') };
}

export interface ProbeHost {
  readonly clock: Clock;
  /** Run one probe now (an exec probe answers once its command has run). */
  run(type: ProbeType, probe: Obj): ProbeResult | Promise<ProbeResult>;
  /** A probe result changed (ready/started): the pod status must be written again. */
  changed(): void;
  /** The failure event for one failed probe. */
  failed(type: ProbeType, output: string): void;
  /** Liveness/startup reached failureThreshold: restart the container. */
  kill(type: ProbeType, probe: Obj): void;
  /** Random jitter for the first probe (ms). */
  jitter(maxMs: number): number;
}

interface Worker {
  type: ProbeType;
  probe: Obj;
  result: boolean | undefined;
  successes: number;
  failures: number;
  timer?: TimerId;
}

/** The probe workers of one running container instance. */
export class ContainerProber {
  private readonly workers: Worker[] = [];
  private stopped = false;

  constructor(
    private readonly host: ProbeHost,
    spec: Obj,
    private readonly startedAt: number,
  ) {
    const add = (type: ProbeType, probe: Obj | undefined, initial: boolean | undefined) => {
      if (probe) this.workers.push({ type, probe, result: initial, successes: 0, failures: 0 });
    };
    add('Startup', spec.startupProbe, undefined);
    add('Liveness', spec.livenessProbe, true);
    add('Readiness', spec.readinessProbe, false);
  }

  get hasProbes(): boolean {
    return this.workers.length > 0;
  }

  /** ContainerStatus.started: the startup probe succeeded (or there is none). */
  get started(): boolean {
    const s = this.workers.find((w) => w.type === 'Startup');
    return !s || s.result === true;
  }

  /** ContainerStatus.ready: started and the readiness probe succeeded (or there is none). */
  get ready(): boolean {
    if (!this.started) return false;
    const r = this.workers.find((w) => w.type === 'Readiness');
    return !r || r.result === true;
  }

  start(): void {
    for (const w of this.workers) {
      const period = (w.probe.periodSeconds ?? 10) * 1000;
      // workers start at a random point of their first period, as upstream's jitter
      this.schedule(w, this.host.jitter(Math.min(period, 1000)));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.workers) this.host.clock.cancel(w.timer);
  }

  private schedule(w: Worker, ms: number): void {
    if (this.stopped) return;
    w.timer = this.host.clock.after(ms, () => this.tick(w));
  }

  private tick(w: Worker): void {
    if (this.stopped) return;
    const p = w.probe;
    const period = (p.periodSeconds ?? 10) * 1000;
    const now = this.host.clock.now();
    const initialDelay = (p.initialDelaySeconds ?? 0) * 1000;
    // liveness and readiness wait for the startup probe
    const waitForStartup = w.type !== 'Startup' && !this.started;
    if (w.type === 'Startup' && w.result === true) return; // done for this container instance
    if (now - this.startedAt < initialDelay || waitForStartup) {
      const next = waitForStartup ? period : Math.min(period, this.startedAt + initialDelay - now);
      this.schedule(w, Math.max(1, next));
      return;
    }
    const r = this.host.run(w.type, p);
    if (r instanceof Promise) void r.then((res) => this.record(w, res, now));
    else this.record(w, r, now);
  }

  /** One probe result: thresholds, events, the next probe one period after this one. */
  private record(w: Worker, r: ProbeResult, at: number): void {
    if (this.stopped) return;
    const p = w.probe;
    const period = (p.periodSeconds ?? 10) * 1000;
    const before = w.result;
    if (r.ok) {
      w.failures = 0;
      w.successes++;
      const threshold = w.type === 'Readiness' ? p.successThreshold ?? 1 : 1;
      if (w.successes >= threshold) w.result = true;
    } else {
      w.successes = 0;
      w.failures++;
      this.host.failed(w.type, r.output);
      if (w.failures >= (p.failureThreshold ?? 3)) w.result = false;
    }
    if (before !== w.result) this.host.changed();
    if (w.result === false && w.type !== 'Readiness') {
      // the container is killed and restarted; a new instance gets new workers
      this.host.kill(w.type, p);
      return;
    }
    this.schedule(w, Math.max(1, at + period - this.host.clock.now()));
  }
}

/** The failure output of an HTTP answer, as the kubelet's HTTP prober words it. */
export function httpFailure(answer: HttpAnswer, url: string, hostPort: string): string | undefined {
  if ('status' in answer) return answer.status >= 200 && answer.status < 400 ? undefined : `HTTP probe failed with statuscode: ${answer.status}`;
  if (answer.error === 'timeout') return `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
  if (answer.error === 'unreachable') return `Get "${url}": dial tcp ${hostPort}: connect: no route to host`;
  return `Get "${url}": dial tcp ${hostPort}: connect: connection refused`;
}

export function tcpFailure(answer: HttpAnswer, hostPort: string): string | undefined {
  if ('status' in answer) return undefined;
  if (answer.error === 'timeout') return `dial tcp ${hostPort}: i/o timeout`;
  return `dial tcp ${hostPort}: connect: connection refused`;
}

/** Resolve a named container port (`port: http`). */
export function resolvePort(spec: Obj, port: number | string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const p = (spec.ports ?? []).find((x: Obj) => x.name === port);
  return p?.containerPort ?? 0;
}
