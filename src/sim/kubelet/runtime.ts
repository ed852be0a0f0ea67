/**
 * A fake containerd for one node: the image store and a serialised image puller, pod sandboxes,
 * containers with their processes and logs. Everything runs on the virtual clock.
 */
import type { Clock, TimerId } from '../core/clock';
import type { Rng } from '../core/rng';
import { hexDigest } from '../core/hash';
import { resolveImage, parseImageRef, type ImageInfo, type PullResult } from './images';
import { programFor, type ProcEvent, type Program, type ProcessSpec } from './process';
import { ProcessClock } from './proc-clock';
import { notInPath } from './container-shell';

export interface LogLine {
  /** ms since epoch */
  at: number;
  text: string;
  /** sub-millisecond digits for RFC3339Nano timestamps */
  nanos: string;
}

export type ContainerState = 'created' | 'running' | 'exited';

export interface ContainerRecord {
  id: string;
  podUid: string;
  name: string;
  attempt: number;
  image: ImageInfo;
  state: ContainerState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  logs: LogLine[];
  program?: Program;
  /** The generator is exhausted or the process has exited. */
  done: boolean;
  stopping: boolean;
  timer?: TimerId;
  onExit?: (c: ContainerRecord) => void;
  /** Ends a process running on the container's shell (SIGKILL). */
  kill?: () => void;
  /** Why the runtime could not start the process (StartError). */
  message?: string;
}

export interface PullOutcome {
  result: PullResult;
  /** Time spent pulling (ms). */
  pullMs: number;
  /** Including the wait in the serialised queue (ms). */
  totalMs: number;
}

const MAX_LOG_LINES = 5000;
/**
 * A loop that never waits runs 100 iterations per 500 ms of virtual time, then yields: the page's
 * worker spends a bounded share of each second on it, whatever the script.
 */
const LOOP_YIELD = { every: 100, ms: 500 };
const LOOKAHEAD_LINES = 2000;

export class ContainerRuntime {
  readonly images = new Map<string, ImageInfo>();
  readonly containers = new Map<string, ContainerRecord>();
  readonly sandboxes = new Map<string, { id: string; createdAt: number; ip: string }>();
  private pullQueue: { ref: string; enqueuedAt: number; cb: (o: PullOutcome) => void }[] = [];
  private pulling = false;
  /** Bumped whenever the image store changes (node status reports images). */
  imagesVersion = 0;
  /**
   * containerd is running. When false (`systemctl stop containerd`) the CRI socket is gone: nothing
   * can be created, started or pulled, but running containers keep running under their shims.
   */
  up = true;
  /** Told when a container starts or exits (the host watches its control-plane containers). */
  readonly listeners: ((c: ContainerRecord) => void)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  /** Put an image in the store without pulling (pre-pulled by kubeadm, or the sandbox image). */
  preload(ref: string): void {
    const r = resolveImage(ref);
    if (r.ok) this.addImage(r.image);
  }

  /** The image for a reference if it is present on the node. */
  findImage(ref: string): ImageInfo | undefined {
    const r = parseImageRef(ref);
    if (r.digest) {
      for (const img of this.images.values()) if (img.repoDigest.endsWith(r.digest)) return img;
      return undefined;
    }
    return this.images.get(r.full);
  }

  /** PullImage through the serialised puller (serializeImagePulls: true, the kubelet default). */
  pull(ref: string, cb: (o: PullOutcome) => void): void {
    this.pullQueue.push({ ref, enqueuedAt: this.clock.now(), cb });
    if (!this.pulling) this.nextPull();
  }

  private nextPull(): void {
    const job = this.pullQueue.shift();
    if (!job) {
      this.pulling = false;
      return;
    }
    this.pulling = true;
    const result = resolveImage(job.ref);
    let ms: number;
    if (!result.ok) ms = 300 + this.rng.int(900);
    else if (this.images.has(result.image.name)) ms = 200 + this.rng.int(400);
    else {
      // a cloud VM's pull from a public registry: nginx (~72 MB) in about a second, as the kubelet's
      // "Successfully pulled image … in 1.14s" events in the Kubernetes docs show
      const bandwidth = (60 + this.rng.int(40)) * 1024 * 1024; // bytes per second
      ms = 250 + this.rng.int(300) + Math.round((result.image.size / bandwidth) * 1000);
    }
    this.clock.after(ms, () => {
      if (result.ok) this.addImage(result.image);
      job.cb({ result, pullMs: ms, totalMs: this.clock.now() - job.enqueuedAt });
      this.nextPull();
    });
  }

  private addImage(img: ImageInfo): void {
    if (!this.images.has(img.name)) this.imagesVersion++;
    this.images.set(img.name, img);
  }

  /** node.status.images: names [digest ref, tag ref], largest first (at most 50). */
  nodeImages(): { names: string[]; sizeBytes: number }[] {
    const byId = new Map<string, { names: string[]; sizeBytes: number }>();
    for (const img of this.images.values()) {
      const e = byId.get(img.id) ?? { names: [img.repoDigest], sizeBytes: img.size };
      e.names.push(img.name);
      byId.set(img.id, e);
    }
    return [...byId.values()].sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[1] < b.names[1] ? -1 : 1)).slice(0, 50);
  }

  createSandbox(podUid: string, ip: string): void {
    this.sandboxes.set(podUid, { id: this.rng.hex(64), createdAt: this.clock.now(), ip });
  }

  /** StopPodSandbox: the network namespace goes away; exited containers (and their logs) stay. */
  stopSandbox(podUid: string): void {
    this.sandboxes.delete(podUid);
  }

  /** RemovePodSandbox: the sandbox and every container of the pod. */
  removeSandbox(podUid: string): void {
    this.sandboxes.delete(podUid);
    for (const c of [...this.containers.values()]) if (c.podUid === podUid) this.removeContainer(c.id);
  }

  createContainer(podUid: string, name: string, attempt: number, image: ImageInfo): ContainerRecord {
    const c: ContainerRecord = { id: this.rng.hex(64), podUid, name, attempt, image, state: 'created', createdAt: this.clock.now(), logs: [], done: false, stopping: false };
    this.containers.set(c.id, c);
    return c;
  }

  /** Start the container's process; onExit fires when it exits by itself or is stopped. */
  startContainer(id: string, spec: Omit<ProcessSpec, 'startMs' | 'app' | 'tag'>, onExit: (c: ContainerRecord) => void): void {
    const c = this.containers.get(id);
    if (!c) return;
    c.state = 'running';
    c.startedAt = this.clock.now();
    c.onExit = onExit;
    const tag = parseImageRef(c.image.name).tag ?? 'latest';
    c.program = programFor({ ...spec, app: c.image.app, tag, startMs: c.startedAt });
    if (c.program.argv) this.runShell(c, c.program.argv, spec);
    else this.pump(c);
    for (const l of this.listeners) l(c);
  }

  /**
   * Run the command on the container's shell, on its own time line (proc-clock.ts): what it
   * prints goes to the log line by line at the moment it prints it, its status is the exit code.
   */
  private runShell(c: ContainerRecord, argv: string[], spec: Omit<ProcessSpec, 'startMs' | 'app' | 'tag'>): void {
    const pc = new ProcessClock(this.clock, c.startedAt);
    const ac = new AbortController();
    c.kill = () => ac.abort();
    const bin = (argv[0] ?? '').split('/').pop()!;
    const partial = { text: '' };
    const write = (s: string) => {
      const parts = (partial.text + s).split('\n');
      partial.text = parts.pop()!;
      for (const line of parts) this.appendLog(c, pc.now(), line);
    };
    void (async () => {
      let code = 0;
      let reason: string | undefined;
      try {
        const sh = spec.openShell?.({ waiter: { sleep: (ms, sig) => pc.sleep(ms, sig) }, now: () => pc.now(), bin, loopYield: LOOP_YIELD });
        if (!sh) code = 0;
        else if (!sh.has(bin)) {
          // runc cannot find the program: the container never runs (exit 128, StartError)
          code = 128;
          reason = 'StartError';
          c.message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${notInPath(argv[0])}: unknown`;
        } else code = await sh.shell.exec(argv, { stdout: write, stderr: write }, ac.signal);
      } catch {
        code = 1;
      } finally {
        pc.end();
      }
      if (partial.text) this.appendLog(c, pc.now(), partial.text);
      if (!ac.signal.aborted) this.exited(c, code, reason, pc.now());
    })();
  }

  /** Consume the program's events ahead of time: lines are stored with their times; an exit is scheduled. */
  private pump(c: ContainerRecord): void {
    if (!c.program?.events || c.done || c.state !== 'running') return;
    const start = c.startedAt!;
    let future = 0;
    let lastAt = start;
    for (;;) {
      const r = c.program.events.next();
      if (r.done) {
        c.done = true; // runs forever without further output
        return;
      }
      const ev: ProcEvent = r.value;
      const at = start + ev.t;
      lastAt = at;
      if (ev.line !== undefined) {
        this.appendLog(c, at, ev.line);
        if (at > this.clock.now()) future++;
      }
      if (ev.exit !== undefined) {
        c.done = true;
        const code = ev.exit;
        c.timer = this.clock.at(at, () => this.exited(c, code));
        return;
      }
      if (future >= LOOKAHEAD_LINES) {
        c.timer = this.clock.at(lastAt, () => this.pump(c));
        return;
      }
    }
  }

  private appendLog(c: ContainerRecord, at: number, text: string): void {
    const nanos = hexDigest(`${c.id}:${c.logs.length}:${at}`, 8);
    c.logs.push({ at, text, nanos: String(parseInt(nanos, 16) % 1_000_000).padStart(6, '0') });
    // trimmed in batches: a chatty loop must not pay for a 5,000-line shift on every line
    if (c.logs.length > MAX_LOG_LINES * 1.2) c.logs.splice(0, c.logs.length - MAX_LOG_LINES);
  }

  private exited(c: ContainerRecord, code: number, reason?: string, at = this.clock.now()): void {
    if (c.state !== 'running') return;
    this.clock.cancel(c.timer);
    c.kill?.();
    c.state = 'exited';
    c.finishedAt = Math.min(at, this.clock.now());
    c.exitCode = code;
    c.reason = reason ?? (code === 0 ? 'Completed' : 'Error');
    // output scheduled after the exit never happened
    c.logs = c.logs.filter((l) => l.at <= c.finishedAt!);
    c.onExit?.(c);
    for (const l of this.listeners) l(c);
  }

  /** The kernel's OOM killer: SIGKILL now, exit 137, reason OOMKilled. */
  oomKill(id: string): void {
    const c = this.containers.get(id);
    if (!c || c.state !== 'running') return;
    this.exited(c, 137, 'OOMKilled');
  }

  /** StopContainer: the stop signal, then SIGKILL when the grace period runs out. */
  stopContainer(id: string, graceMs: number): void {
    const c = this.containers.get(id);
    if (!c || c.state !== 'running' || c.stopping) return;
    c.stopping = true;
    const now = this.clock.now();
    // whatever the process would still print is cancelled from now on
    c.logs = c.logs.filter((l) => l.at <= now);
    this.clock.cancel(c.timer);
    const stopMs = c.program?.stopMs;
    if (stopMs !== undefined && stopMs <= graceMs) {
      for (const l of c.program!.stopLines(now)) this.appendLog(c, now, l);
      c.timer = this.clock.after(stopMs, () => this.exited(c, 0));
    } else {
      c.timer = this.clock.after(graceMs, () => this.exited(c, 137));
    }
  }

  removeContainer(id: string): void {
    const c = this.containers.get(id);
    if (!c) return;
    this.clock.cancel(c.timer);
    c.kill?.();
    c.onExit = undefined;
    this.containers.delete(id);
  }

  /** Log lines printed so far (now or earlier). */
  logs(id: string): LogLine[] {
    const c = this.containers.get(id);
    if (!c) return [];
    const now = this.clock.now();
    return c.logs.filter((l) => l.at <= now);
  }
}
