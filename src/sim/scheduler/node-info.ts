/** framework.NodeInfo: a node with the pods assigned to it and what they request. */
import type { Obj } from '../client/types';
import type { Taint } from '../api/helpers/taints';
import type { NodeColumns } from './node-columns';
import { addResources, emptyResources, nodeResources, podNonZeroRequests, podRequests, type Resources } from '../api/helpers/resources';

export interface PodInfo {
  pod: Obj;
  requests: Resources;
  nonZero: { milliCPU: number; memory: number };
}

export function podInfoOf(pod: Obj): PodInfo {
  return { pod, requests: podRequests(pod), nonZero: podNonZeroRequests(pod) };
}

const NO_TAINTS: readonly Taint[] = Object.freeze([]);

export interface ImageState {
  size: number;
  /** How many nodes have the image (for ImageLocality's spread). */
  numNodes: number;
}

export class NodeInfo {
  node: Obj;
  readonly pods = new Map<string, PodInfo>();
  requested: Resources = emptyResources();
  allocatable: Resources & { pods: number };
  // Flat copies of what Filter and Score read on hundreds of nodes per cycle, so a visit touches
  // this one object instead of chasing node → spec, allocatable, requested and the pods Map.
  numPods = 0;
  allocatablePods = 0;
  allocatableMilliCPU = 0;
  allocatableMemory = 0;
  allocatableEphemeral = 0;
  requestedMilliCPU = 0;
  requestedMemory = 0;
  requestedEphemeral = 0;
  /** The sums the scheduler's scoring uses (containers without requests count 100m / 200 MB). */
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  unschedulable = false;
  taints: readonly Taint[] = NO_TAINTS;
  /** Pods with pod affinity or anti-affinity terms (InterPodAffinity looks only at these for symmetry). */
  readonly affinityPods = new Map<string, PodInfo>();
  /** Pods with required anti-affinity terms (existing pods' anti-affinity against an incoming pod). */
  readonly requiredAntiAffinityPods = new Map<string, PodInfo>();
  /** Image name → state, filled by the cache from node.status.images. */
  imageStates = new Map<string, ImageState>();

  /** The cache's columns and this node's slot there (node-columns.ts); absent for what-if copies. */
  private cols?: NodeColumns;
  slot = -1;

  constructor(node: Obj) {
    this.node = node;
    this.allocatable = nodeResources(node.status?.allocatable);
    this.nodeChanged();
  }

  /** Keep this node's numbers in the cache's columns from now on. */
  attach(cols: NodeColumns): void {
    this.cols = cols;
    this.slot = cols.alloc();
    cols.write(this.slot, this);
  }

  /** Give the slot back (the cache forgot the node). */
  detach(): void {
    if (this.cols) this.cols.release(this.slot);
    this.cols = undefined;
    this.slot = -1;
  }

  get name(): string {
    return this.node.metadata.name!;
  }

  setNode(node: Obj): void {
    this.node = node;
    this.allocatable = nodeResources(node.status?.allocatable);
    this.nodeChanged();
  }

  private nodeChanged(): void {
    const a = this.allocatable;
    this.allocatablePods = a.pods;
    this.allocatableMilliCPU = a.milliCPU;
    this.allocatableMemory = a.memory;
    this.allocatableEphemeral = a.ephemeralStorage;
    this.unschedulable = !!this.node.spec?.unschedulable;
    const t: Taint[] | undefined = this.node.spec?.taints;
    this.taints = t?.length ? t : NO_TAINTS;
    this.cols?.write(this.slot, this);
  }

  private requestsChanged(): void {
    this.numPods = this.pods.size;
    this.requestedMilliCPU = this.requested.milliCPU;
    this.requestedMemory = this.requested.memory;
    this.requestedEphemeral = this.requested.ephemeralStorage;
    this.cols?.write(this.slot, this);
  }

  addPod(pi: PodInfo): void {
    const uid = pi.pod.metadata.uid!;
    if (this.pods.has(uid)) this.removePod(uid);
    this.pods.set(uid, pi);
    const a = pi.pod.spec?.affinity;
    if (a?.podAffinity || a?.podAntiAffinity) this.affinityPods.set(uid, pi);
    if (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length) this.requiredAntiAffinityPods.set(uid, pi);
    this.requested = addResources(this.requested, pi.requests);
    this.nonZeroMilliCPU += pi.nonZero.milliCPU;
    this.nonZeroMemory += pi.nonZero.memory;
    this.requestsChanged();
  }

  removePod(uid: string): PodInfo | undefined {
    const pi = this.pods.get(uid);
    if (!pi) return undefined;
    this.pods.delete(uid);
    this.affinityPods.delete(uid);
    this.requiredAntiAffinityPods.delete(uid);
    this.requested = addResources(this.requested, pi.requests, -1);
    this.nonZeroMilliCPU -= pi.nonZero.milliCPU;
    this.nonZeroMemory -= pi.nonZero.memory;
    this.requestsChanged();
    return pi;
  }

  /** A copy for what-if evaluation (preemption's dry run). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.node);
    for (const pi of this.pods.values()) c.addPod(pi);
    c.imageStates = this.imageStates;
    return c;
  }
}
