/**
 * The scheduler cache: nodes and the pods assigned to them, including pods the scheduler has
 * bound but whose update the informer has not delivered yet ("assumed" pods). It keeps the
 * cycle's Snapshot up to date incrementally: node lists are rebuilt only when the set of nodes
 * (or of nodes hosting affinity pods) changes, image spread counts only for the node that changed.
 */
import type { Obj } from '../client/types';
import { NodeInfo, podInfoOf, type ImageState } from './node-info';
import type { Snapshot } from './snapshot';
import { NodeColumns } from './node-columns';

/** ImageStateSummary plus the nodes holding the image (the cache's imageState). */
interface ImageEntry extends ImageState {
  nodes: Set<string>;
}

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  /** pod uid → node name, for every pod the cache counts. */
  private readonly podNode = new Map<string, string>();
  readonly assumed = new Set<string>();
  /** Insertion order of node names (the snapshot's node order). */
  private order: string[] = [];
  private inOrder = new Set<string>();
  private readonly images = new Map<string, ImageEntry>();
  /** The snapshot's lists; undefined = must be rebuilt. */
  private nodeList?: NodeInfo[];
  private affinityLists?: { withAffinity: NodeInfo[]; withRequiredAntiAffinity: NodeInfo[] };
  private snap?: Snapshot;
  /** Every cached NodeInfo's numbers, by slot (node-columns.ts). */
  readonly columns = new NodeColumns();

  addNode(node: Obj): void {
    const name = node.metadata.name!;
    let ni = this.nodes.get(name);
    if (ni) {
      if (!ni.node.metadata.uid) this.nodeList = undefined; // a placeholder becomes a real node
      this.removeImages(ni);
      ni.setNode(node);
    } else {
      ni = new NodeInfo(node);
      ni.attach(this.columns);
      this.nodes.set(name, ni);
      this.nodeList = undefined;
    }
    this.addImages(ni);
    if (!this.inOrder.has(name)) {
      this.inOrder.add(name);
      this.order.push(name);
      this.nodeList = undefined;
    }
  }

  updateNode(node: Obj): void {
    this.addNode(node);
  }

  removeNode(name: string): void {
    const ni = this.nodes.get(name);
    if (!ni) return;
    this.order = this.order.filter((n) => n !== name);
    this.inOrder.delete(name);
    this.removeImages(ni);
    // pods still bound to the node stay counted on a placeholder until they are deleted
    if (ni.pods.size) ni.setNode({ metadata: { name }, status: {} });
    else {
      this.nodes.delete(name);
      ni.detach();
    }
    this.nodeList = undefined;
  }

  /** Add or update an assigned pod (spec.nodeName set). */
  addPod(pod: Obj): void {
    const uid = pod.metadata.uid!;
    const nodeName = pod.spec.nodeName as string;
    const prev = this.podNode.get(uid);
    if (prev && prev !== nodeName) {
      const old = this.nodes.get(prev);
      if (old) this.withAffinityWatch(old, () => old.removePod(uid));
    }
    this.assumed.delete(uid);
    this.podNode.set(uid, nodeName);
    let ni = this.nodes.get(nodeName);
    if (!ni) {
      // a pod on a node the cache has not seen yet: keep it on a placeholder until the node arrives
      ni = new NodeInfo({ metadata: { name: nodeName }, status: {} });
      ni.attach(this.columns);
      this.nodes.set(nodeName, ni);
    }
    const target = ni;
    this.withAffinityWatch(target, () => target.addPod(podInfoOf(pod)));
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
    const ni = this.nodes.get(n);
    if (ni) this.withAffinityWatch(ni, () => ni.removePod(uid));
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
    if (!this.nodeList) {
      const out: NodeInfo[] = [];
      for (const name of this.order) {
        const ni = this.nodes.get(name);
        if (ni && ni.node.metadata.uid) out.push(ni);
      }
      this.nodeList = out;
      this.affinityLists = undefined;
    }
    return this.nodeList;
  }

  /** UpdateSnapshot: the lists the next scheduling cycle reads (shared, do not mutate). */
  snapshot(): Snapshot {
    const nodes = this.list();
    if (!this.affinityLists || !this.snap) {
      this.affinityLists = { withAffinity: nodes.filter((n) => n.affinityPods.size > 0), withRequiredAntiAffinity: nodes.filter((n) => n.requiredAntiAffinityPods.size > 0) };
      this.snap = { nodes, slots: Int32Array.from(nodes, (n) => n.slot), columns: this.columns, ...this.affinityLists, images: this.images };
    }
    return this.snap;
  }

  /** Run a pod change on a node; drop the affinity lists if the node joins or leaves one of them. */
  private withAffinityWatch(ni: NodeInfo, change: () => void): void {
    const a = ni.affinityPods.size > 0;
    const r = ni.requiredAntiAffinityPods.size > 0;
    change();
    if (a !== ni.affinityPods.size > 0 || r !== ni.requiredAntiAffinityPods.size > 0) this.affinityLists = undefined;
  }

  /** addNodeImageStates: count the node's images and point its ImageStates at the summaries. */
  private addImages(ni: NodeInfo): void {
    const states = new Map<string, ImageState>();
    for (const img of ni.node.status?.images ?? []) {
      for (const name of img.names ?? []) {
        let e = this.images.get(name);
        if (!e) {
          e = { size: img.sizeBytes ?? 0, numNodes: 0, nodes: new Set() };
          this.images.set(name, e);
        }
        if (!e.nodes.has(ni.name)) {
          e.nodes.add(ni.name);
          e.numNodes = e.nodes.size;
        }
        states.set(name, e);
      }
    }
    ni.imageStates = states;
  }

  /** removeNodeImageStates: the node no longer counts for its images. */
  private removeImages(ni: NodeInfo): void {
    for (const name of ni.imageStates.keys()) {
      const e = this.images.get(name);
      if (!e) continue;
      e.nodes.delete(ni.name);
      e.numNodes = e.nodes.size;
      if (e.nodes.size === 0) this.images.delete(name);
    }
    ni.imageStates = new Map();
  }
}
