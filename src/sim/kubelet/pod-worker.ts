/**
 * One pod's worker (the kubelet's podWorkers + syncPod): sandbox, image pulls, container starts
 * and restarts with CrashLoopBackOff, graceful termination, and the status it reports.
 */
import type { Vfs } from '../shell/vfs';
import { forgetPodVolumes, podVolumes, setUpVolumes, VolumeError } from './volumes';
import type { Clock, TimerId } from '../core/clock';
import { toRFC3339 } from '../core/clock';
import { goDuration } from '../core/duration';
import type { Rng } from '../core/rng';
import type { Client, Obj } from '../client/types';
import type { EventRecorder } from '../client/events';
import { formatPod } from '../api/helpers/pod';
import { parseQuantity } from '../core/quantity';
import type { ContainerRecord, ContainerRuntime } from './runtime';
import type { ImageInfo } from './images';
import { containerEnv, containerShell, fieldRef, type ContainerShellOptions } from './container-shell';
import { computePhase, podConditions, type ContainerStatusView, type Phase } from './status';
import { ContainerProber, builtinHttp, execProbe, httpFailure, probeHooksFor, resolvePort, tcpFailure, type ProbeHost, type ProbeResult, type ProbeType } from './prober';

export interface WorkerHost {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly client: Client;
  readonly runtime: ContainerRuntime;
  recorder: EventRecorder;
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly cpus: number;
  readonly clusterDNS: string;
  /** The node's filesystem (hostPath volumes). */
  readonly hostFs?: Vfs;
  allocateIP(podUid: string): string;
  releaseIP(podUid: string): void;
  /** The pod as the API has it now (undefined when gone). */
  apiPod(namespace: string, name: string): Obj | undefined;
  /** The worker is finished: forget it. */
  workerDone(w: PodWorker): void;
}

interface Backoff {
  durationMs: number;
  lastUpdate: number;
}

interface Slot {
  name: string;
  spec: Obj;
  init: boolean;
  current?: ContainerRecord;
  /** The last terminated instance (kept for `logs --previous`). */
  previous?: ContainerRecord;
  restartCount: number;
  lastTerminated?: Record<string, unknown>;
  waiting?: { reason: string; message?: string };
  pulling: boolean;
  pullBackoff?: Backoff;
  crashBackoff?: Backoff;
  /** Virtual times the (simulated) probes first succeed. */
  startedAt?: number;
  readyAt?: number;
  /** The probe workers of the running instance (containers with probes). */
  prober?: ContainerProber;
}

/** A restartable init container (sidecar): initContainers[].restartPolicy: Always. */
const isSidecar = (s: Slot) => s.init && s.spec.restartPolicy === 'Always';
/** Done as far as pod initialization goes: exited 0, or a sidecar that is running and started. */
const initComplete = (s: Slot) => (isSidecar(s) ? s.current?.state === 'running' && (s.prober ? s.prober.started : true) : s.current?.state === 'exited' && s.current.exitCode === 0);

const INITIAL_BACKOFF = 10_000;
const MAX_BACKOFF = 300_000;

/** flowcontrol.Backoff.Next */
function nextBackoff(b: Backoff | undefined, eventTime: number, now: number): Backoff {
  if (!b || eventTime - b.lastUpdate > MAX_BACKOFF * 2) return { durationMs: INITIAL_BACKOFF, lastUpdate: now };
  return { durationMs: Math.min(b.durationMs * 2, MAX_BACKOFF), lastUpdate: now };
}

/** flowcontrol.Backoff.IsInBackOffSince */
function inBackoffSince(b: Backoff | undefined, eventTime: number, now: number): boolean {
  if (!b || eventTime - b.lastUpdate > MAX_BACKOFF * 2) return false;
  return now - eventTime < b.durationMs;
}

/** Go's Duration.String for the pull-time figures in the Pulled event (ms truncated). */
export function goDurationMs(ms: number): string {
  ms = Math.floor(ms);
  if (ms < 1000) return `${ms}ms`;
  return goDuration(ms);
}

export class PodWorker {
  pod: Obj;
  readonly uid: string;
  readonly key: string;
  private readonly slots: Slot[];
  private sandbox?: { ip: string; createdAt: number };
  private creatingSandbox = false;
  private startTime?: number;
  private syncTimer?: TimerId;
  private syncAt = Infinity;
  private terminating = false;
  private finished = false;
  private lastWritten = '';
  private terminalPhase?: Phase;
  /** Status goes to this pod name (the mirror pod for a static pod). */
  readonly statusName: string;
  paused = false;

  constructor(
    private readonly host: WorkerHost,
    pod: Obj,
    readonly isStatic = false,
  ) {
    this.pod = pod;
    this.uid = pod.metadata.uid!;
    this.key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    this.statusName = pod.metadata.name!;
    this.slots = [
      ...(pod.spec.initContainers ?? []).map((c: Obj) => ({ name: c.name as string, spec: c, init: true, restartCount: 0, pulling: false })),
      ...(pod.spec.containers ?? []).map((c: Obj) => ({ name: c.name as string, spec: c, init: false, restartCount: 0, pulling: false })),
    ];
  }

  get done(): boolean {
    return this.finished;
  }

  /** Finished for good (Succeeded/Failed): no longer holds node resources. */
  get terminal(): boolean {
    return this.finished || this.terminalPhase !== undefined;
  }

  update(pod: Obj): void {
    if (pod.metadata.uid !== this.uid && !this.isStatic) return;
    if (!this.isStatic) this.pod = pod;
    if (pod.metadata.deletionTimestamp && !this.isStatic) this.requestSync(0);
    else if (!this.startTime) this.requestSync(0);
  }

  /** Coalesce syncs: run at the earliest requested time. */
  requestSync(delayMs = 0): void {
    if (this.finished) return;
    const at = this.host.clock.now() + delayMs;
    if (this.syncTimer !== undefined && this.syncAt <= at) return;
    this.host.clock.cancel(this.syncTimer);
    this.syncAt = at;
    this.syncTimer = this.host.clock.at(at, () => {
      this.syncTimer = undefined;
      this.syncAt = Infinity;
      if (!this.paused) this.sync();
    });
  }

  pause(): void {
    this.paused = true;
    for (const s of this.slots) s.prober?.stop();
    this.host.clock.cancel(this.syncTimer);
    this.syncTimer = undefined;
    this.syncAt = Infinity;
  }

  resume(): void {
    this.paused = false;
    // a restarted kubelet starts new probe workers for the running containers
    for (const s of this.slots) {
      const c = s.current;
      if (!s.prober || c?.state !== 'running') continue;
      s.prober = new ContainerProber(this.probeHost(s, c), s.spec, c.startedAt!);
      s.prober.start();
    }
    this.lastWritten = '';
    this.requestSync(0);
  }

  /** Status must be re-sent (e.g. the mirror pod was recreated). */
  invalidateStatus(): void {
    this.lastWritten = '';
    this.requestSync(0);
  }

  private sync(): void {
    if (this.finished) return;
    // containerd is down: nothing can be created or started; try again at the next relist
    if (!this.host.runtime.up) return this.requestSync(5000);
    const now = this.host.clock.now();
    if (this.pod.metadata.deletionTimestamp && !this.isStatic) return this.terminate();
    this.startTime ??= now;
    if (this.terminalPhase) {
      this.writeStatus();
      return;
    }
    // WaitForAttachAndMount: every volume is set up before the sandbox is made
    if (!this.volumesReady && !this.setUpVolumes()) {
      this.writeStatus();
      return;
    }
    if (!this.sandbox) {
      if (!this.creatingSandbox) {
        this.creatingSandbox = true;
        this.host.clock.after(300 + this.host.rng.int(600), () => {
          if (this.finished || this.terminating) return;
          let ip: string;
          try {
            ip = this.pod.spec.hostNetwork ? this.host.nodeIP : this.host.allocateIP(this.uid);
          } catch (e) {
            // the CNI plugin could not give the sandbox an address: retried later
            const id = this.host.rng.hex(64);
            this.event('Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": plugin type="flannel" failed (add): ${(e as Error).message}`);
            this.creatingSandbox = false;
            this.requestSync(10_000);
            return;
          }
          this.host.runtime.createSandbox(this.uid, ip);
          this.sandbox = { ip, createdAt: this.host.clock.now() };
          this.creatingSandbox = false;
          this.requestSync(0);
        });
      }
      this.writeStatus();
      return;
    }
    const inits = this.slots.filter((s) => s.init);
    let initDone = true;
    // sidecars that exited restart whatever the pod's restartPolicy
    for (const s of inits) {
      const c = s.current;
      if (initComplete(s)) continue;
      if (isSidecar(s) && c?.state === 'exited' && this.slots.some((x) => !x.init && x.current)) {
        // a sidecar of an initialized pod: restart it, without blocking the main containers
        this.ensureRunning(s);
        continue;
      }
      initDone = false;
      if (c?.state === 'running' || c?.state === 'created' || s.pulling) break;
      if (c?.state === 'exited' && !isSidecar(s) && !this.shouldRestart(c.exitCode!)) {
        this.terminalPhase = 'Failed';
        break;
      }
      this.ensureRunning(s);
      break;
    }
    if (initDone) {
      for (const s of this.slots.filter((x) => !x.init)) {
        const c = s.current;
        if (c?.state === 'running' || c?.state === 'created' || s.pulling) continue;
        if (c?.state === 'exited' && !this.shouldRestart(c.exitCode!)) continue;
        this.ensureRunning(s);
      }
      const main = this.slots.filter((x) => !x.init);
      if (main.length && main.every((s) => s.current?.state === 'exited' && !this.shouldRestart(s.current.exitCode!))) {
        this.terminalPhase = main.every((s) => s.current!.exitCode === 0) ? 'Succeeded' : 'Failed';
        // the main containers are done: sidecars are stopped, in reverse order
        for (const sc of inits.filter(isSidecar).reverse()) {
          if (sc.current?.state !== 'running') continue;
          sc.prober?.stop();
          this.event('Normal', 'Killing', `Stopping container ${sc.name}`, sc);
          this.host.runtime.stopContainer(sc.current.id, (this.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000);
        }
      }
    }
    this.writeStatus();
    if (this.terminalPhase) this.killSandbox();
  }

  private volumesReady = false;
  private mountBackoffMs = 0;

  /** Set up the pod's volumes (kubelet/volumes.ts); a failure is a FailedMount event and a retry with back-off. */
  private setUpVolumes(): boolean {
    const host = this.host;
    try {
      setUpVolumes({ client: host.client, now: () => host.clock.now(), hostFs: host.hostFs, fieldRef: (pod, path) => fieldRef(host, pod, path) }, this.pod, podVolumes(host, this.uid));
    } catch (e) {
      if (!(e instanceof VolumeError)) throw e;
      this.event('Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${e.volume}" : ${e.message}`);
      // the operation executor's exponential back-off: 500 ms doubling, at most 2m2s
      this.mountBackoffMs = Math.min(122_000, this.mountBackoffMs ? this.mountBackoffMs * 2 : 500);
      this.requestSync(this.mountBackoffMs);
      return false;
    }
    this.volumesReady = true;
    return true;
  }

  private shouldRestart(exitCode: number): boolean {
    const p = this.pod.spec.restartPolicy ?? 'Always';
    return p === 'Always' || (p === 'OnFailure' && exitCode !== 0);
  }

  /** Start (or restart) a container, honouring crash and image-pull back-offs. */
  private ensureRunning(s: Slot): void {
    const now = this.host.clock.now();
    const c = s.current;
    if (c?.state === 'exited') {
      const finished = c.finishedAt!;
      if (inBackoffSince(s.crashBackoff, finished, now)) {
        const msg = `back-off ${goDuration(s.crashBackoff!.durationMs)} restarting failed container=${s.name} pod=${formatPod(this.pod)}`;
        s.waiting = { reason: 'CrashLoopBackOff', message: msg };
        this.event('Warning', 'BackOff', `Back-off restarting failed container ${s.name} in pod ${formatPod(this.pod)}`, s);
        this.requestSync(finished + s.crashBackoff!.durationMs - now);
        return;
      }
      s.crashBackoff = nextBackoff(s.crashBackoff, finished, now);
    }
    const ref: string = s.spec.image;
    const present = this.host.runtime.findImage(ref);
    const policy = s.spec.imagePullPolicy ?? 'IfNotPresent';
    if (present && policy !== 'Always') {
      this.event('Normal', 'Pulled', `Container image "${ref}" already present on machine`, s);
      return this.createAndStart(s, present);
    }
    if (!present && policy === 'Never') {
      const msg = `Container image "${ref}" is not present with pull policy of Never`;
      this.event('Warning', 'ErrImageNeverPull', msg, s);
      s.waiting = { reason: 'ErrImageNeverPull', message: msg };
      this.firstSyncDone = true;
      this.requestSync(10_000);
      return;
    }
    if (s.pullBackoff && now - s.pullBackoff.lastUpdate < s.pullBackoff.durationMs) {
      const msg = `Back-off pulling image "${ref}"`;
      this.event('Normal', 'BackOff', msg, s);
      this.event('Warning', 'Failed', 'Error: ImagePullBackOff', s);
      s.waiting = { reason: 'ImagePullBackOff', message: msg };
      this.requestSync(s.pullBackoff.lastUpdate + s.pullBackoff.durationMs - now + 1000 + this.host.rng.int(2000));
      return;
    }
    this.event('Normal', 'Pulling', `Pulling image "${ref}"`, s);
    s.pulling = true;
    this.host.runtime.pull(ref, (o) => {
      s.pulling = false;
      if (this.finished || this.terminating) return;
      if (o.result.ok) {
        this.event('Normal', 'Pulled', `Successfully pulled image "${ref}" in ${goDurationMs(o.pullMs)} (${goDurationMs(o.totalMs)} including waiting). Image size: ${o.result.image.size} bytes.`, s);
        s.pullBackoff = undefined;
        this.createAndStart(s, o.result.image);
        this.writeStatus();
      } else {
        this.event('Warning', 'Failed', `Failed to pull image "${ref}": ${o.result.message}`, s);
        this.event('Warning', 'Failed', 'Error: ErrImagePull', s);
        s.waiting = { reason: 'ErrImagePull', message: o.result.message };
        this.firstSyncDone = true;
        s.pullBackoff = nextBackoff(s.pullBackoff, this.host.clock.now(), this.host.clock.now());
        this.writeStatus();
        this.requestSync(1000);
      }
    });
  }

  private createAndStart(s: Slot, image: ImageInfo): void {
    const attempt = s.current ? s.restartCount + 1 : 0;
    if (s.current) {
      const c = s.current;
      s.lastTerminated = terminatedState(c, s.spec);
      if (s.previous) this.host.runtime.removeContainer(s.previous.id);
      s.previous = c;
      s.restartCount++;
    }
    const rec = this.host.runtime.createContainer(this.uid, s.name, attempt, image);
    this.firstSyncDone = true;
    s.current = rec;
    s.waiting = undefined;
    s.startedAt = undefined;
    s.readyAt = undefined;
    this.event('Normal', 'Created', `Created container ${s.name}`, s);
    this.host.clock.after(100 + this.host.rng.int(300), () => {
      if (this.finished || this.terminating || s.current !== rec) return;
      this.host.runtime.startContainer(rec.id, this.processSpec(s, rec), () => this.onExit(s, rec));
      this.event('Normal', 'Started', `Started container ${s.name}`, s);
      const t = rec.startedAt!;
      s.prober?.stop();
      s.prober = undefined;
      if ((!s.init || isSidecar(s)) && (s.spec.startupProbe || s.spec.livenessProbe || s.spec.readinessProbe)) {
        s.prober = new ContainerProber(this.probeHost(s, rec), s.spec, t);
        s.prober.start();
      }
      s.startedAt = t;
      s.readyAt = s.init && !isSidecar(s) ? undefined : t;
      this.watchMemory(s, rec);
      // the PLEG relist notices the running container within a second
      this.requestSync(300 + this.host.rng.int(700));
      for (const at of [s.startedAt, s.readyAt]) if (at !== undefined && at > this.host.clock.now()) this.requestSyncAt(at);
    });
  }

  /**
   * The container's memory use (simulation model: the `kube-anatomy.dev/memory-usage` annotation,
   * or a stress-style `--vm-bytes N`): above its memory limit, the kernel's OOM killer ends it
   * (exit 137, reason OOMKilled) a moment after it started allocating.
   */
  private watchMemory(s: Slot, rec: ContainerRecord): void {
    const limit = s.spec.resources?.limits?.memory;
    if (!limit) return;
    const args: string[] = [...(s.spec.command ?? []), ...(s.spec.args ?? [])];
    const i = args.indexOf('--vm-bytes');
    const want = i >= 0 ? args[i + 1] : this.pod.metadata.annotations?.['kube-anatomy.dev/memory-usage'];
    if (!want) return;
    if (parseQuantity(want.replace(/([KMGT])$/, '$1i')) <= parseQuantity(limit)) return;
    this.host.clock.after(500 + this.host.rng.int(1000), () => {
      if (s.current !== rec || rec.state !== 'running' || this.finished) return;
      s.prober?.stop();
      this.host.runtime.oomKill(rec.id);
    });
  }

  /** What the probe workers of one container instance act through. */
  private probeHost(s: Slot, rec: ContainerRecord): ProbeHost {
    const host = this.host;
    return {
      clock: host.clock,
      jitter: (max) => host.rng.int(Math.max(1, max)),
      changed: () => this.requestSync(0),
      failed: (type, output) => this.event('Warning', 'Unhealthy', `${type} probe failed: ${output}`, s),
      kill: (type, probe) => {
        if (s.current !== rec || rec.state !== 'running' || this.terminating) return;
        s.prober?.stop();
        this.event('Normal', 'Killing', `Container ${s.name} failed ${type.toLowerCase()} probe, will be restarted`, s);
        const grace = probe.terminationGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
        host.runtime.stopContainer(rec.id, grace * 1000);
      },
      run: (type, probe) => this.runProbe(s, rec, type, probe),
    };
  }

  private runProbe(s: Slot, rec: ContainerRecord, _type: ProbeType, probe: Obj): ProbeResult | Promise<ProbeResult> {
    const now = this.host.clock.now();
    const ip = this.sandbox?.ip ?? '';
    const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
    const hooks = probeHooksFor(this.host);
    if (probe.exec) return execProbe(this.host.clock, (opts) => containerShell(this.host, this.pod, rec, ip, opts), probe.exec.command ?? []);
    if (probe.httpGet) {
      const g = probe.httpGet;
      const port = resolvePort(s.spec, g.port);
      const host = g.host ?? ip;
      const path = g.path ?? '/';
      const scheme = (g.scheme ?? 'HTTP').toLowerCase();
      const hostPort = `${host}:${port}`;
      const url = `${scheme}://${hostPort}${path.startsWith('/') ? path : `/${path}`}`;
      const headers: Record<string, string> = {};
      for (const h of g.httpHeaders ?? []) headers[h.name] = h.value;
      const answer = hooks?.http?.(this.pod, host, port, path, headers.Host, headers, timeoutMs) ?? builtinHttp(rec, s.spec, port, path, now);
      const fail = httpFailure(answer, url, hostPort);
      return fail ? { ok: false, output: fail } : { ok: true };
    }
    if (probe.tcpSocket) {
      const port = resolvePort(s.spec, probe.tcpSocket.port);
      const host = probe.tcpSocket.host ?? ip;
      const answer = hooks?.tcp?.(this.pod, host, port, timeoutMs) ?? builtinHttp(rec, s.spec, port, '/', now);
      const fail = tcpFailure(answer, `${host}:${port}`);
      return fail ? { ok: false, output: fail } : { ok: true };
    }
    return { ok: true };
  }

  private requestSyncAt(at: number): void {
    // a second timer for a later moment (requestSync keeps only the earliest)
    this.host.clock.at(at, () => {
      if (!this.finished && !this.paused) this.requestSync(0);
    });
  }

  private processSpec(s: Slot, rec: ContainerRecord) {
    const podIP = this.sandbox?.ip ?? '';
    const env = containerEnv(this.host, this.pod, s.name, podIP);
    return {
      command: s.spec.command,
      args: s.spec.args,
      env,
      hostname: env.HOSTNAME,
      podIP,
      cpus: this.host.cpus,
      openShell: (opts: ContainerShellOptions) => containerShell(this.host, this.pod, rec, podIP, opts),
    };
  }

  private onExit(s: Slot, rec: ContainerRecord): void {
    if (s.current !== rec || this.finished) return;
    s.prober?.stop();
    s.prober = undefined;
    if (this.terminating) return this.checkTerminated();
    this.requestSync(0);
  }

  // ---- termination ----

  /** A static pod's manifest is gone (or changed): stop its containers and delete its mirror pod. */
  kill(onKill?: (container: string, id: string, graceSeconds: number) => void): void {
    if (this.terminating || this.finished) return;
    if (!this.host.runtime.up) {
      this.host.clock.after(5000, () => this.kill(onKill));
      return;
    }
    this.paused = false;
    const graceS = this.pod.spec.terminationGracePeriodSeconds ?? 30;
    for (const s of this.slots) if (s.current?.state === 'running') onKill?.(s.name, s.current.id, graceS);
    this.terminate();
  }

  private terminate(): void {
    if (this.terminating) return;
    this.terminating = true;
    for (const s of this.slots) s.prober?.stop();
    const graceS = this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
    for (const s of this.slots) {
      const c = s.current;
      if (c?.state === 'running') {
        this.event('Normal', 'Killing', `Stopping container ${s.name}`, s);
        this.host.runtime.stopContainer(c.id, graceS * 1000);
      }
    }
    this.checkTerminated();
  }

  private checkTerminated(): void {
    if (this.slots.some((s) => s.current?.state === 'running')) return;
    this.host.clock.after(100 + this.host.rng.int(400), () => this.finishTermination());
  }

  private finishTermination(): void {
    if (this.finished) return;
    this.terminalPhase = this.slots.filter((s) => !s.init && s.current).every((s) => s.current!.exitCode === 0) && this.slots.some((s) => !s.init && s.current) ? 'Succeeded' : 'Failed';
    this.writeStatus(true);
    this.killSandbox();
    this.host.runtime.removeSandbox(this.uid);
    this.finished = true;
    forgetPodVolumes(this.host, this.uid);
    this.host.clock.cancel(this.syncTimer);
    try {
      this.host.client.delete('pods', this.pod.metadata.namespace, this.pod.metadata.name!, { gracePeriodSeconds: 0 });
    } catch {
      // already gone
    }
    this.host.workerDone(this);
  }

  /** The pod object vanished from the API (force deletion): kill everything now. */
  forceRemove(): void {
    if (this.finished) return;
    for (const s of this.slots) s.prober?.stop();
    for (const s of this.slots) if (s.current?.state === 'running') this.host.runtime.stopContainer(s.current.id, 0);
    this.killSandbox();
    this.host.runtime.removeSandbox(this.uid);
    this.finished = true;
    forgetPodVolumes(this.host, this.uid);
    this.host.clock.cancel(this.syncTimer);
    this.host.workerDone(this);
  }

  private killSandbox(): void {
    if (!this.sandbox) return;
    this.host.runtime.stopSandbox(this.uid);
    if (!this.pod.spec.hostNetwork) this.host.releaseIP(this.uid);
    this.sandbox = undefined;
    this.sandboxGone = true;
  }

  private sandboxGone = false;

  // ---- status ----

  private containerStatus(s: Slot, now: number): ContainerStatusView {
    const c = s.current;
    // waiting to restart: the container that just exited is the last state
    const lastState = c?.state === 'exited' && s.waiting ? { terminated: terminatedState(c, s.spec) } : s.lastTerminated ? { terminated: s.lastTerminated } : {};
    const view = (state: Record<string, unknown>, ready: boolean, image: string, imageID: string, containerID: string | undefined, started: boolean): ContainerStatusView => ({
      name: s.name,
      state,
      lastState,
      ready,
      restartCount: s.restartCount,
      image,
      imageID,
      ...(containerID ? { containerID } : {}),
      started,
    });
    if (s.waiting || !c || c.state === 'created') {
      // convertToAPIContainerStatuses: a container without a runtime status waits in PodInitializing
      // when the pod has init containers (init and app containers alike), else in ContainerCreating
      const waiting = s.waiting ?? { reason: this.slots.some((x) => x.init) ? 'PodInitializing' : 'ContainerCreating' };
      const state = { waiting: { reason: waiting.reason, ...(waiting.message ? { message: waiting.message } : {}) } };
      // a container that ran before still reports the image it ran
      const prev = c?.state === 'exited' ? c : s.previous;
      return view(state, false, prev?.image.name ?? s.spec.image, prev?.image.repoDigest ?? '', prev ? `containerd://${prev.id}` : undefined, false);
    }
    const id = `containerd://${c.id}`;
    if (c.state === 'running') {
      const started = s.prober ? s.prober.started : s.startedAt !== undefined && now >= s.startedAt;
      const ready = (!s.init || isSidecar(s)) && !this.terminating && (s.prober ? s.prober.ready : s.readyAt !== undefined && now >= s.readyAt);
      return view({ running: { startedAt: toRFC3339(c.startedAt!) } }, ready, c.image.name, c.image.repoDigest, id, started);
    }
    return view({ terminated: terminatedState(c, s.spec) }, false, c.image.name, c.image.repoDigest, id, false);
  }

  buildStatus(): Obj['status'] {
    const now = this.host.clock.now();
    const prev = this.host.apiPod(this.pod.metadata.namespace!, this.statusName);
    const inits = this.slots.filter((s) => s.init).map((s) => this.containerStatus(s, now));
    const main = this.slots.filter((s) => !s.init).map((s) => this.containerStatus(s, now));
    const initDone = this.slots.filter((s) => s.init).every((s) => initComplete(s) || (isSidecar(s) && this.slots.some((x) => !x.init && x.current)));
    const phase = this.terminalPhase ?? computePhase(this.pod.spec, inits, main, initDone, false);
    const sidecarViews = this.slots.filter(isSidecar).map((s) => inits.find((v) => v.name === s.name)!);
    const notReady = [...sidecarViews.filter((v) => v && !v.ready), ...main.filter((s) => !s.ready)].map((s) => s.name);
    const initPending = initDone ? [] : this.slots.filter((s) => s.init && !initComplete(s)).map((s) => s.name);
    const conditions = podConditions(this.lastConditions ?? prev?.status?.conditions, now, { sandboxReady: !!this.sandbox && !this.sandboxGone && this.firstSyncDone, initialized: initDone, initPending, notReady, phase });
    const ip = this.sandbox?.ip ?? this.lastIP;
    if (this.sandbox) this.lastIP = this.sandbox.ip;
    const showIP = ip && (this.sandbox || this.sandboxGone) && this.firstSyncDone;
    return {
      phase,
      conditions,
      hostIP: this.host.nodeIP,
      hostIPs: [{ ip: this.host.nodeIP }],
      ...(showIP ? { podIP: ip, podIPs: [{ ip }] } : {}),
      startTime: toRFC3339(this.startTime ?? now),
      ...(inits.length ? { initContainerStatuses: inits } : {}),
      containerStatuses: main,
      qosClass: prev?.status?.qosClass ?? this.pod.status?.qosClass,
    };
  }

  private lastIP?: string;
  private lastConditions?: Obj[];
  /**
   * The first syncPod finished (containers created, or an image pull failed): until then the
   * kubelet has not reported the sandbox, so the pod shows no IP yet (ContainerCreating).
   */
  private firstSyncDone = false;

  writeStatus(force = false): void {
    const prev = this.host.apiPod(this.pod.metadata.namespace!, this.statusName);
    if (!prev) return;
    if (!this.isStatic && prev.metadata.uid !== this.uid) return;
    const status = this.buildStatus();
    const text = JSON.stringify(status);
    if (!force && text === this.lastWritten) return;
    try {
      this.host.client.update('pods', this.pod.metadata.namespace, { apiVersion: 'v1', kind: 'Pod', metadata: { name: this.statusName, namespace: this.pod.metadata.namespace }, status } as Obj, 'status');
      this.lastWritten = text;
      this.lastConditions = status.conditions;
    } catch {
      // the pod went away; the informer will tell us
    }
  }

  // ---- queries ----

  /** The current (or, with previous, the last terminated) container instance of a name. */
  container(name: string, previous: boolean): { record?: ContainerRecord } {
    const s = this.slots.find((x) => x.name === name);
    if (!s) return {};
    return { record: previous ? s.previous : s.current };
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string, s?: Slot): void {
    const fieldPath = s ? `spec.${s.init ? 'initContainers' : 'containers'}{${s.name}}` : undefined;
    this.host.recorder.event(this.pod, type, reason, message, fieldPath);
  }
}

function terminatedState(c: ContainerRecord, spec?: Obj): Record<string, unknown> {
  // terminationMessagePolicy FallbackToLogsOnError: the log tail (80 lines, 2048 bytes) on failure
  let message = c.message;
  if (spec?.terminationMessagePolicy === 'FallbackToLogsOnError' && (c.exitCode ?? 0) !== 0 && c.logs.length) {
    message = c.logs.slice(-80).map((l) => l.text).join('\n');
    if (message.length > 2048) message = message.slice(-2048);
    message += '\n';
  }
  return {
    exitCode: c.exitCode ?? 0,
    reason: c.reason ?? 'Completed',
    ...(message ? { message } : {}),
    // a process runc could not start never started
    startedAt: toRFC3339(c.reason === 'StartError' ? 0 : (c.startedAt ?? c.createdAt)),
    finishedAt: toRFC3339(c.finishedAt ?? c.createdAt),
    containerID: `containerd://${c.id}`,
  };
}
