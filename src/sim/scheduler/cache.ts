/**
 * The scheduler cache: nodes and the pods assigned to them, including pods the scheduler has
 * bound but whose update the informer has not delivered yet ("assumed" pods).
 */
import type { Obj } from '../client/types';
import { NodeInfo, podInfoOf } from './node-info';

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  /** pod uid → node name, for every pod the cache counts. */
  private readonly podNode = new Map<string, string>();
  readonly assumed = new Set<string>();
  /** Insertion order of node names (the snapshot's node order). */
  private order: string[] = [];
  private inOrder = new Set<string>();
  private imagesDirty = true;

  addNode(node: Obj): void {
    const name = node.metadata.name!;
    const ni = this.nodes.get(name);
    if (ni) ni.setNode(node);
    else this.nodes.set(name, new NodeInfo(node));
    if (!this.inOrder.has(name)) {
      this.inOrder.add(name);
      this.order.push(name);
    }
    this.imagesDirty = true;
  }

  updateNode(node: Obj): void {
    this.addNode(node);
  }

  removeNode(name: string): void {
    const ni = this.nodes.get(name);
    if (!ni) return;
    this.order = this.order.filter((n) => n !== name);
    this.inOrder.delete(name);
    // pods still bound to the node stay counted on a placeholder until they are deleted
    if (ni.pods.size) ni.setNode({ metadata: { name }, status: {} });
    else this.nodes.delete(name);
    this.imagesDirty = true;
  }

  /** Add or update an assigned pod (spec.nodeName set). */
  addPod(pod: Obj): void {
    const uid = pod.metadata.uid!;
    const nodeName = pod.spec.nodeName as string;
    const prev = this.podNode.get(uid);
    if (prev && prev !== nodeName) this.nodes.get(prev)?.removePod(uid);
    this.assumed.delete(uid);
    this.podNode.set(uid, nodeName);
    let ni = this.nodes.get(nodeName);
    if (!ni) {
      // a pod on a node the cache has not seen yet: keep it on a placeholder until the node arrives
      ni = new NodeInfo({ metadata: { name: nodeName }, status: {} });
      this.nodes.set(nodeName, ni);
    }
    ni.addPod(podInfoOf(pod));
  }

  /** AssumePod: count a pod on the node right after binding it. */
  assumePod(pod: Obj, nodeName: string): void {
    const p = { ...pod, spec: { ...pod.spec, nodeName } };
    this.addPod(p);
    this.assumed.add(pod.metadata.uid!);
  }

  removePod(pod: Obj): void {
    const uid = pod.metadata.uid!;
    const n = this.podNode.get(uid);
    if (n === undefined) return;
    this.nodes.get(n)?.removePod(uid);
    this.podNode.delete(uid);
    this.assumed.delete(uid);
  }

  hasPod(uid: string): boolean {
    return this.podNode.has(uid);
  }

  nodeInfo(name: string): NodeInfo | undefined {
    const ni = this.nodes.get(name);
    return ni && ni.node.metadata.uid ? ni : undefined;
  }

  /** Every known node (placeholders for not-yet-seen nodes excluded), in a stable order. */
  list(): NodeInfo[] {
    if (this.imagesDirty) this.rebuildImages();
    const out: NodeInfo[] = [];
    for (const name of this.order) {
      const ni = this.nodes.get(name);
      if (ni && ni.node.metadata.uid) out.push(ni);
    }
    return out;
  }

  /** ImageStateSummary: the size of each image and on how many nodes it is. */
  private rebuildImages(): void {
    this.imagesDirty = false;
    const count = new Map<string, { size: number; numNodes: number }>();
    for (const ni of this.nodes.values()) {
      for (const img of ni.node.status?.images ?? []) {
        for (const name of img.names ?? []) {
          const s = count.get(name) ?? { size: img.sizeBytes ?? 0, numNodes: 0 };
          s.numNodes++;
          count.set(name, s);
        }
      }
    }
    for (const ni of this.nodes.values()) {
      ni.imageStates = new Map();
      for (const img of ni.node.status?.images ?? []) for (const name of img.names ?? []) ni.imageStates.set(name, count.get(name)!);
    }
  }
}
