/**
 * The kubelet of one node: registers the Node and keeps its status and Lease fresh, runs static
 * pods (publishing mirror pods), and runs the pods bound to its node through pod workers on a
 * fake containerd. It is an API client like every other component; the apiserver reaches it only
 * for logs (NodeConnection).
 */
import type { Vfs } from '../shell/vfs';
import type { Clock, TimerId } from '../core/clock';
import { toRFC3339Micro } from '../core/clock';
import type { Rng } from '../core/rng';
import { ApiError } from '../core/errors';
import { milliCPU } from '../core/quantity';
import type { Client, Obj } from '../client/types';
import { Informer } from '../client/informer';
import { EventRecorder, type Involved } from '../client/events';
import type { Taint } from '../api/helpers/taints';
import { podRequests, nodeResources } from '../api/helpers/resources';
import { isMirrorPod } from '../api/helpers/pod';
import { podMatchesNodeSelectorAndAffinity } from '../api/helpers/nodeaffinity';
import type { Component } from '../cluster/component';
import type { NodeConnection } from '../apiserver/server';
import { PodIPAM } from '../network/ipam';
import { ContainerRuntime, type LogLine } from './runtime';
import { CONTROL_PLANE_IMAGES, SANDBOX_IMAGE } from './images';
import { PodWorker, type WorkerHost } from './pod-worker';
import { nodeConditions, nodeObject, nodeStatus, PRESSURE_EVENTS, type NodeCondition } from './node-status';
import { FILE_CHECK_FREQUENCY_MS, mirrorPodOf, staticPodFromManifest, staticPodHash, type StaticPodSource } from './static-pods';
import { goDuration } from '../core/duration';

export interface NodeConfig {
  name: string;
  ip: string;
  podCIDR: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  taints: Taint[];
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  nodeInfo: Record<string, string>;
  runtimeHandlers: unknown[];
}

export interface KubeletOptions {
  client: Client;
  clock: Clock;
  rng: Rng;
  node: NodeConfig;
  /** Fixed static pods (tests); ignored when staticPodSource is given. */
  staticPods?: Obj[];
  /** The static pod directory, re-read every fileCheckFrequency (20 s). */
  staticPodSource?: StaticPodSource;
  /** Pre-pull the control-plane images (a kubeadm control-plane node). */
  controlPlaneImages?: boolean;
  clusterDNS: string;
  /** The kubelet's own log (klog): the host's journal records it. */
  log?: KubeletLog;
  /** The node's filesystem, for hostPath volumes (absent: they mount nothing). */
  hostFs?: Vfs;
}

/** One klog line: severity, `file.go:line`, the structured message. */
export type KubeletLog = (severity: 'I' | 'W' | 'E', source: string, msg: string) => void;

/** kubelet's runtime health: `container runtime is down` after this long without a good status. */
const RUNTIME_DOWN_AFTER_MS = 30_000;
const RUNTIME_CHECK_MS = 5_000;
/** PLEG relist threshold. */
const PLEG_THRESHOLD_MS = 3 * 60_000;

const LEASE_RENEW_MS = 10_000;
const LEASE_DURATION_S = 40;
const STATUS_UPDATE_MS = 10_000;
const STATUS_REPORT_MS = 5 * 60_000;

export interface LogOptions {
  tailLines?: number;
  timestamps?: boolean;
  previous?: boolean;
  sinceSeconds?: number;
}

export class Kubelet implements Component, NodeConnection, WorkerHost {
  readonly name: string;
  running = false;
  readonly client: Client;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly runtime: ContainerRuntime;
  recorder: EventRecorder;
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly cpus: number;
  readonly clusterDNS: string;
  readonly hostFs?: Vfs;
  private readonly cfg: NodeConfig;
  private readonly ipam: PodIPAM;
  private readonly source: StaticPodSource;
  private readonly log: KubeletLog;
  /** Last time the runtime answered its status check; when the PLEG last relisted. */
  private runtimeOkAt = 0;
  private runtimeDown = false;
  private informer?: Informer;
  /** The kubelet's own Node (its node lister): admission reads the live labels. */
  private nodeInformer?: Informer;
  private readonly workers = new Map<string, PodWorker>();
  private readonly staticWorkers = new Map<string, PodWorker>();
  private readonly finishedUids = new Set<string>();
  private timers: TimerId[] = [];
  private nodeUid?: string;
  private lease?: Obj;
  private ready = false;
  private conditions?: NodeCondition[];
  private lastReport = 0;
  private reportedImages = -1;
  private registered = false;

  constructor(opts: KubeletOptions) {
    this.client = opts.client;
    this.clock = opts.clock;
    this.rng = opts.rng;
    this.cfg = opts.node;
    this.nodeName = opts.node.name;
    this.nodeIP = opts.node.ip;
    this.name = `kubelet/${opts.node.name}`;
    this.clusterDNS = opts.clusterDNS;
    this.hostFs = opts.hostFs;
    this.cpus = Math.max(1, Math.round(milliCPU(opts.node.capacity.cpu ?? '1') / 1000));
    const fixed = opts.staticPods ?? [];
    this.source = opts.staticPodSource ?? (() => fixed.map((pod, i) => ({ file: `/etc/kubernetes/manifests/${pod.metadata.name ?? i}.yaml`, pod })));
    this.log = opts.log ?? (() => {});
    this.ipam = new PodIPAM(opts.node.podCIDR);
    this.runtime = new ContainerRuntime(opts.clock, opts.rng);
    this.runtime.preload(SANDBOX_IMAGE);
    if (opts.controlPlaneImages ?? fixed.length > 0) for (const img of CONTROL_PLANE_IMAGES) this.runtime.preload(img);
    this.recorder = new EventRecorder(opts.client, opts.clock, opts.rng, 'kubelet', opts.node.name);
  }

  // ---------- Component ----------

  start(): void {
    if (this.running) return;
    this.running = true;
    // a new kubelet process: a new event recorder (its aggregation cache starts empty)
    this.recorder = new EventRecorder(this.client, this.clock, this.rng, 'kubelet', this.nodeName);
    this.log('I', 'server.go:520', `"Kubelet version" kubeletVersion="${this.cfg.nodeInfo.kubeletVersion ?? 'v1.32.4'}"`);
    this.log('I', 'server.go:522', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
    this.recorder.event(this.nodeRef(), 'Normal', 'Starting', 'Starting kubelet.');
    this.after(1000 + this.rng.int(500), () => this.register());
    // static pods run before the apiserver even knows the node
    for (const w of this.staticWorkers.values()) w.resume();
    for (const w of this.workers.values()) w.resume();
    this.syncStaticPods();
    this.every(FILE_CHECK_FREQUENCY_MS, () => this.syncStaticPods());
    this.runtimeOkAt = this.clock.now();
    this.runtimeDown = false;
    this.every(RUNTIME_CHECK_MS, () => this.updateRuntimeUp());
    this.log('I', 'kubelet.go:2388', '"Starting kubelet main sync loop"');
    this.informer = new Informer(this.client, 'pods', undefined, { fieldSelector: `spec.nodeName=${this.nodeName}` }).on({
      add: (p) => {
        if (!isMirrorPod(p)) this.log('I', 'kubelet.go:2468', `"SyncLoop ADD" source="api" pods=["${p.metadata.namespace}/${p.metadata.name}"]`);
        this.onPod(p);
      },
      update: (o, p) => {
        if (!isMirrorPod(p) && p.metadata.deletionTimestamp && !o.metadata.deletionTimestamp) this.log('I', 'kubelet.go:2484', `"SyncLoop DELETE" source="api" pods=["${p.metadata.namespace}/${p.metadata.name}"]`);
        this.onPod(p);
      },
      delete: (p) => {
        if (!isMirrorPod(p)) this.log('I', 'kubelet.go:2478', `"SyncLoop REMOVE" source="api" pods=["${p.metadata.namespace}/${p.metadata.name}"]`);
        this.onPodDeleted(p);
      },
    });
    this.informer.start();
    this.nodeInformer = new Informer(this.client, 'nodes', undefined, { fieldSelector: `metadata.name=${this.nodeName}` });
    this.nodeInformer.start();
  }

  /** The file source: start static pods for new manifests, kill those whose file is gone or changed. */
  private syncStaticPods(): void {
    if (!this.runtime.up) return;
    const now = this.clock.now();
    const want = new Map<string, Obj>();
    for (const f of this.source()) {
      if (!f.pod) {
        this.log('E', 'file.go:206', `"Could not process manifest file" err="${(f.error ?? 'invalid manifest').replaceAll('"', '\\"')}" path="${f.file}"`);
        continue;
      }
      // a file that did not change since the last check runs already: no need to build its pod again
      const running = this.staticWorkers.get(`${f.pod.metadata.namespace ?? 'default'}/${f.pod.metadata.name}-${this.nodeName}`);
      if (running && running.uid === staticPodHash(f.pod, this.nodeName) && !want.has(running.key)) {
        want.set(running.key, running.pod);
        continue;
      }
      let sp: Obj;
      try {
        sp = staticPodFromManifest(f.pod, this.nodeName, now);
      } catch (e) {
        this.log('E', 'file.go:206', `"Could not process manifest file" err="${String((e as Error).message).replaceAll('"', '\\"')}" path="${f.file}"`);
        continue;
      }
      const key = `${sp.metadata.namespace}/${sp.metadata.name}`;
      if (want.has(key)) {
        this.log('W', 'config.go:420', `"Pod name collision, skipping" pod="${key}" source="file" file="${f.file}"`);
        continue;
      }
      want.set(key, sp);
    }
    for (const [key, w] of [...this.staticWorkers]) {
      const next = want.get(key);
      if (next && next.metadata.uid === w.uid) continue;
      this.staticWorkers.delete(key);
      this.log('I', 'kubelet.go:2478', `"SyncLoop REMOVE" source="file" pods=["${key}"]`);
      w.kill((name, id, grace) => this.log('I', 'kuberuntime_container.go:809', `"Killing container with a grace period" pod="${key}" podUID="${w.uid}" containerName="${name}" containerID="containerd://${id}" gracePeriod=${grace}`));
    }
    for (const [key, sp] of want) {
      if (this.staticWorkers.has(key)) continue;
      const w = new PodWorker(this, sp, true);
      this.staticWorkers.set(key, w);
      this.log('I', 'kubelet.go:2468', `"SyncLoop ADD" source="file" pods=["${key}"]`);
      w.resume();
      if (this.registered) this.after(500, () => this.ensureMirror(w));
    }
  }

  /** updateRuntimeUp: the CRI status check every 5 s; `container runtime is down` after 30 s without it. */
  private updateRuntimeUp(): void {
    const now = this.clock.now();
    // the reflector's retry: a pod informer that could not list (apiserver down at start) tries again
    if (this.informer && !this.informer.synced) this.informer.start();
    if (this.nodeInformer && !this.nodeInformer.synced) this.nodeInformer.start();
    if (this.runtime.up) {
      this.runtimeOkAt = now;
      if (this.runtimeDown) {
        this.runtimeDown = false;
        for (const w of this.staticWorkers.values()) w.requestSync(0);
        for (const w of this.workers.values()) w.requestSync(0);
        this.patchNodeStatus(true);
      }
      return;
    }
    this.log('E', 'remote_runtime.go:71', '"Status from runtime service failed" err="rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /var/run/containerd/containerd.sock: connect: no such file or directory\\""');
    if (now - this.runtimeOkAt >= RUNTIME_DOWN_AFTER_MS) {
      this.log('E', 'kubelet.go:2412', '"Skipping pod synchronization" err="container runtime is down"');
      if (!this.runtimeDown) {
        this.runtimeDown = true;
        this.patchNodeStatus(true);
      }
    }
  }

  /** The Ready condition's message while the runtime is down (runtimeState.runtimeErrors). */
  private notReadyMessage(now: number): string | undefined {
    if (!this.runtimeDown) return undefined;
    const since = now - this.runtimeOkAt;
    if (since < PLEG_THRESHOLD_MS) return 'container runtime is down';
    return `[container runtime is down, PLEG is not healthy: pleg was last seen active ${goDuration(since)} ago; threshold is 3m0s]`;
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const t of this.timers) this.clock.cancel(t);
    this.timers = [];
    this.informer?.stop();
    this.informer = undefined;
    this.nodeInformer?.stop();
    this.nodeInformer = undefined;
    this.log('I', 'kubelet.go:1750', '"Shutting down kubelet"');
    // containers keep running without their kubelet; nothing is synced or reported
    for (const w of this.staticWorkers.values()) w.pause();
    for (const w of this.workers.values()) w.pause();
    this.registered = false;
  }

  private after(ms: number, fn: () => void): void {
    const id = this.clock.after(ms, () => {
      this.timers = this.timers.filter((t) => t !== id);
      if (this.running) fn();
    });
    this.timers.push(id);
  }

  private every(ms: number, fn: () => void): void {
    const tick = () => {
      fn();
      this.after(ms, tick);
    };
    this.after(ms, tick);
  }

  /** Events about the node use the node name as uid, as the kubelet's nodeRef does. */
  private nodeRef(): Involved {
    return { kind: 'Node', apiVersion: 'v1', name: this.nodeName, uid: this.nodeName };
  }

  // ---------- node registration, status, lease ----------

  private register(): void {
    const now = this.clock.now();
    this.log('I', 'kubelet_node_status.go:75', `"Attempting to register node" node="${this.nodeName}"`);
    this.conditions = nodeConditions(this.conditions, now, this.ready);
    let created = false;
    try {
      const n = this.client.create('nodes', undefined, nodeObject(this.cfg, this.conditions, this.runtime.nodeImages()));
      this.nodeUid = n.metadata.uid;
      created = true;
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) {
        this.logApiError('kubelet_node_status.go:107', 'Unable to register node with API server', e, `/api/v1/nodes`);
        this.after(2000, () => this.register());
        return;
      }
      try {
        this.nodeUid = this.client.get('nodes', undefined, this.nodeName).metadata.uid;
      } catch (e2) {
        this.logApiError('kubelet_node_status.go:107', 'Unable to register node with API server', e2, `/api/v1/nodes`);
        this.after(2000, () => this.register());
        return;
      }
      this.ready = false;
      this.patchNodeStatus(true);
    }
    this.registered = true;
    this.log('I', 'kubelet_node_status.go:78', `"Successfully registered node" node="${this.nodeName}"`);
    this.reportedImages = this.runtime.imagesVersion;
    this.lastReport = now;
    if (created) for (const r of PRESSURE_EVENTS) this.recorder.event(this.nodeRef(), 'Normal', r, `Node ${this.nodeName} status is now: ${r}`);
    this.recorder.event(this.nodeRef(), 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.renewLease();
    this.every(LEASE_RENEW_MS, () => this.renewLease());
    for (const w of this.staticWorkers.values()) this.ensureMirror(w);
    // the runtime status check passes a moment later: the node turns Ready
    this.after(2000 + this.rng.int(2000), () => {
      this.ready = true;
      this.patchNodeStatus(true);
    });
    if (this.runtimeDown) this.patchNodeStatus(true);
    this.every(STATUS_UPDATE_MS, () => this.patchNodeStatus(false));
  }

  /** tryUpdateNodeStatus: report when something changed, or every 5 minutes anyway. */
  private patchNodeStatus(force: boolean): void {
    if (!this.registered && !force) return;
    const now = this.clock.now();
    const prevReady = this.conditions?.find((c) => c.type === 'Ready');
    const wasReady = prevReady?.status === 'True';
    const imagesChanged = this.runtime.imagesVersion !== this.reportedImages;
    const downMsg = this.notReadyMessage(now);
    const ready = this.ready && !downMsg;
    const msgChanged = !ready && downMsg !== undefined && prevReady?.message !== downMsg;
    if (!force && !imagesChanged && !msgChanged && wasReady === ready && now - this.lastReport < STATUS_REPORT_MS) return;
    const conditions = nodeConditions(this.conditions, now, ready, downMsg);
    try {
      this.client.patch('nodes', undefined, this.nodeName, { status: nodeStatus(this.cfg, conditions, this.runtime.nodeImages()) }, 'strategic', 'status');
      this.conditions = conditions;
      this.lastReport = now;
      this.reportedImages = this.runtime.imagesVersion;
    } catch (e) {
      this.logApiError('kubelet_node_status.go:535', 'Error updating node status, will retry', e, `/api/v1/nodes/${this.nodeName}?resourceVersion=0&timeout=10s`);
      return;
    }
    if (ready && !wasReady) this.recorder.event(this.nodeRef(), 'Normal', 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`);
    if (!ready && wasReady) this.recorder.event(this.nodeRef(), 'Normal', 'NodeNotReady', `Node ${this.nodeName} status is now: NodeNotReady`);
  }

  private renewLease(): void {
    const renewTime = toRFC3339Micro(this.clock.now());
    try {
      if (!this.lease) {
        try {
          this.lease = this.client.get('leases', 'kube-node-lease', this.nodeName);
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 404)) throw e;
          this.lease = this.client.create('leases', 'kube-node-lease', {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name: this.nodeName, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: this.nodeUid! }] },
            spec: { holderIdentity: this.nodeName, leaseDurationSeconds: LEASE_DURATION_S, renewTime },
          });
          return;
        }
      }
      const next = structuredClone(this.lease);
      next.spec = { ...next.spec, holderIdentity: this.nodeName, leaseDurationSeconds: LEASE_DURATION_S, renewTime };
      this.lease = this.client.update('leases', 'kube-node-lease', next);
    } catch (e) {
      this.logApiError('controller.go:145', 'Failed to ensure lease exists, will retry', e, `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${this.nodeName}?timeout=10s`, ' interval="7s"');
      this.lease = undefined; // conflict or gone: re-read next time
    }
  }

  // ---------- pods ----------

  private onPod(pod: Obj): void {
    if (!this.running) return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (isMirrorPod(pod)) {
      const w = this.staticWorkers.get(key);
      if (!w) return;
      if (pod.metadata.deletionTimestamp) {
        // a mirror pod cannot be deleted for real: drop it and publish it again
        this.deletePodNow(pod);
        return;
      }
      w.invalidateStatus();
      return;
    }
    const uid = pod.metadata.uid!;
    if (this.finishedUids.has(uid)) return;
    let w = this.workers.get(uid);
    if (!w) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      if (pod.metadata.deletionTimestamp) {
        this.deletePodNow(pod);
        return;
      }
      const rejection = this.admit(pod);
      if (rejection) {
        this.reject(pod, rejection.reason, rejection.message);
        this.finishedUids.add(uid);
        return;
      }
      w = new PodWorker(this, pod);
      this.workers.set(uid, w);
    }
    w.update(pod);
  }

  private onPodDeleted(pod: Obj): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (isMirrorPod(pod)) {
      const w = this.staticWorkers.get(key);
      if (w && this.running) this.after(500, () => this.ensureMirror(w));
      return;
    }
    this.workers.get(pod.metadata.uid!)?.forceRemove();
  }

  private deletePodNow(pod: Obj): void {
    try {
      this.client.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 });
    } catch {
      // gone already
    }
  }

  private ensureMirror(w: PodWorker): void {
    if (!this.nodeUid) return;
    const [ns, name] = w.key.split('/');
    if (this.informer?.getByName(ns, name)) return;
    try {
      this.client.create('pods', ns, mirrorPodOf(w.pod, { name: this.nodeName, uid: this.nodeUid }));
    } catch {
      // exists (the informer had not caught up) or the namespace is not there yet
    }
    w.invalidateStatus();
  }

  /** The kubelet's admission: does the pod fit what the node has left, and may it run here at all? */
  private admit(pod: Obj): { reason: string; message: string } | undefined {
    // the Node as the API has it now (labels added with `kubectl label node` count), else the boot labels
    const node = this.nodeInformer?.getByName(undefined, this.nodeName) ?? ({ metadata: { name: this.nodeName, labels: this.cfg.labels } } as Obj);
    if (!podMatchesNodeSelectorAndAffinity(pod, node)) return { reason: 'NodeAffinity', message: 'Predicate NodeAffinity failed' };
    const alloc = nodeResources(this.cfg.allocatable);
    const active = [...this.workers.values()].filter((w) => !w.terminal);
    const want = podRequests(pod);
    let cpu = 0;
    let mem = 0;
    for (const w of [...active, ...this.staticWorkers.values()]) {
      const r = podRequests(w.pod);
      cpu += r.milliCPU;
      mem += r.memory;
    }
    const count = active.length + this.staticWorkers.size;
    if (count + 1 > alloc.pods) return { reason: 'OutOfpods', message: `Node didn't have enough resource: pods, requested: 1, used: ${count}, capacity: ${alloc.pods}` };
    if (want.milliCPU > 0 && want.milliCPU > alloc.milliCPU - cpu) return { reason: 'OutOfcpu', message: `Node didn't have enough resource: cpu, requested: ${want.milliCPU}, used: ${cpu}, capacity: ${alloc.milliCPU}` };
    if (want.memory > 0 && want.memory > alloc.memory - mem) return { reason: 'OutOfmemory', message: `Node didn't have enough resource: memory, requested: ${want.memory}, used: ${mem}, capacity: ${alloc.memory}` };
    return undefined;
  }

  private reject(pod: Obj, reason: string, message: string): void {
    this.recorder.event(pod, 'Warning', reason, message);
    try {
      this.client.update('pods', pod.metadata.namespace, { apiVersion: 'v1', kind: 'Pod', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace }, status: { phase: 'Failed', message: `Pod was rejected: ${message}`, reason, startTime: undefined, qosClass: pod.status?.qosClass } } as Obj, 'status');
    } catch {
      // gone
    }
  }

  // ---------- WorkerHost ----------

  allocateIP(podUid: string): string {
    return this.ipam.allocate(podUid);
  }

  releaseIP(podUid: string): void {
    this.ipam.release(podUid);
  }

  apiPod(namespace: string, name: string): Obj | undefined {
    return this.informer?.getByName(namespace, name);
  }

  workerDone(w: PodWorker): void {
    if (w.isStatic) {
      if (this.staticWorkers.get(w.key) === w) this.staticWorkers.delete(w.key);
      return;
    }
    if (this.workers.get(w.uid) === w) {
      this.workers.delete(w.uid);
      this.finishedUids.add(w.uid);
    }
  }

  // ---------- NodeConnection ----------

  /** GET /containerLogs/<ns>/<pod>/<container>, with the kubelet's checks of the container state. */
  logs(ns: string, podName: string, container: string, opts: LogOptions): string {
    const key = `${ns}/${podName}`;
    const w = this.staticWorkers.get(key) ?? [...this.workers.values()].find((x) => x.key === key);
    if (!w) throw new ApiError(404, 'NotFound', `pod "${podName}" not found`);
    const status = w.buildStatus();
    const st = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].find((s: Obj) => s.name === container);
    if (!st) throw new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${podName}`);
    const err = (m: string) => new ApiError(400, 'BadRequest', m);
    let id: string | undefined;
    const last = st.lastState?.terminated;
    if (opts.previous) {
      if (!last?.containerID) throw err(`previous terminated container "${container}" in pod "${podName}" not found`);
      id = last.containerID;
    } else if (st.state.running) id = st.containerID;
    else if (st.state.terminated) id = st.state.terminated.containerID ?? last?.containerID;
    else if (last?.containerID) id = last.containerID;
    else if (st.state.waiting) {
      const reason = st.state.waiting.reason;
      if (reason === 'ErrImagePull') throw err(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
      if (reason === 'ImagePullBackOff') throw err(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
      throw err(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
    }
    if (!id) throw err(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
    let lines = this.runtime.logs(id.replace('containerd://', ''));
    if (opts.sinceSeconds !== undefined) {
      const from = this.clock.now() - opts.sinceSeconds * 1000;
      lines = lines.filter((l) => l.at >= from);
    }
    if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
    return lines.map((l) => (opts.timestamps ? `${rfc3339Nano(l)} ${l.text}` : l.text)).join('\n') + (lines.length ? '\n' : '');
  }

  /** A failed API call in klog's words (connection refused when the apiserver is down). */
  private logApiError(src: string, what: string, e: unknown, path: string, extra = ''): void {
    const server = 'https://172.30.1.2:6443';
    let err: string;
    if (e instanceof ApiError) err = e.message;
    else if (e instanceof Error && /refused/.test(e.message)) err = `Get "${server}${path}": dial tcp 172.30.1.2:6443: connect: connection refused`;
    else err = e instanceof Error ? e.message : String(e);
    this.log('E', src, `"${what}" err="${err.replaceAll('"', '\\"')}"${extra}`);
  }

  /** The pods this kubelet runs, by uid (crictl shows their names). */
  podsByUid(): Map<string, Obj> {
    const m = new Map<string, Obj>();
    for (const w of [...this.staticWorkers.values(), ...this.workers.values()]) m.set(w.uid, w.pod);
    return m;
  }

  /** True when uid is one of the static pods this kubelet runs. */
  isStaticUid(uid: string): boolean {
    for (const w of this.staticWorkers.values()) if (w.uid === uid) return true;
    return false;
  }

  /** Pods this kubelet runs (for pages and tests). */
  podKeys(): string[] {
    return [...this.staticWorkers.keys(), ...[...this.workers.values()].map((w) => w.key)];
  }
}

/** RFC3339Nano as Go prints it: trailing zeros of the fraction dropped. */
function rfc3339Nano(l: LogLine): string {
  const iso = new Date(l.at).toISOString(); // …T08:10:05.123Z
  const frac = (iso.slice(20, 23) + l.nanos).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}
