/** framework.NodeInfo: a node with the pods assigned to it and what they request. */
import type { Obj } from '../client/types';
import { addResources, emptyResources, nodeResources, podNonZeroRequests, podRequests, type Resources } from '../api/helpers/resources';

export interface PodInfo {
  pod: Obj;
  requests: Resources;
  nonZero: { milliCPU: number; memory: number };
}

export function podInfoOf(pod: Obj): PodInfo {
  return { pod, requests: podRequests(pod), nonZero: podNonZeroRequests(pod) };
}

export interface ImageState {
  size: number;
  /** How many nodes have the image (for ImageLocality's spread). */
  numNodes: number;
}

export class NodeInfo {
  node: Obj;
  readonly pods = new Map<string, PodInfo>();
  requested: Resources = emptyResources();
  nonZeroRequested = { milliCPU: 0, memory: 0 };
  allocatable: Resources & { pods: number };
  /** Pods with pod affinity or anti-affinity terms (InterPodAffinity looks only at these for symmetry). */
  readonly affinityPods = new Map<string, PodInfo>();
  /** Pods with required anti-affinity terms (existing pods' anti-affinity against an incoming pod). */
  readonly requiredAntiAffinityPods = new Map<string, PodInfo>();
  /** Image name → state, filled by the cache from node.status.images. */
  imageStates = new Map<string, ImageState>();

  constructor(node: Obj) {
    this.node = node;
    this.allocatable = nodeResources(node.status?.allocatable);
  }

  get name(): string {
    return this.node.metadata.name!;
  }

  setNode(node: Obj): void {
    this.node = node;
    this.allocatable = nodeResources(node.status?.allocatable);
  }

  addPod(pi: PodInfo): void {
    const uid = pi.pod.metadata.uid!;
    if (this.pods.has(uid)) this.removePod(uid);
    this.pods.set(uid, pi);
    const a = pi.pod.spec?.affinity;
    if (a?.podAffinity || a?.podAntiAffinity) this.affinityPods.set(uid, pi);
    if (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length) this.requiredAntiAffinityPods.set(uid, pi);
    this.requested = addResources(this.requested, pi.requests);
    this.nonZeroRequested.milliCPU += pi.nonZero.milliCPU;
    this.nonZeroRequested.memory += pi.nonZero.memory;
  }

  removePod(uid: string): PodInfo | undefined {
    const pi = this.pods.get(uid);
    if (!pi) return undefined;
    this.pods.delete(uid);
    this.affinityPods.delete(uid);
    this.requiredAntiAffinityPods.delete(uid);
    this.requested = addResources(this.requested, pi.requests, -1);
    this.nonZeroRequested.milliCPU -= pi.nonZero.milliCPU;
    this.nonZeroRequested.memory -= pi.nonZero.memory;
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
