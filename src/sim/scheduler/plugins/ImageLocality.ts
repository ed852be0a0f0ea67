/** ImageLocality: favour nodes that already have the pod's images, scaled by how widespread they are. */
import type { Obj } from '../../client/types';
import type { NodeInfo } from '../node-info';
import type { SnapshotLister } from '../snapshot';
import { MAX_NODE_SCORE, type CycleState, type ScorePlugin } from '../framework/types';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: an image without a tag or digest means `:latest`. */
export function normalizedImageName(name: string): string {
  const last = name.split('/').pop() ?? '';
  if (!last.includes(':') && !name.includes('@')) return `${name}:latest`;
  return name;
}

export class ImageLocality implements ScorePlugin {
  readonly name = 'ImageLocality';
  /** The images of the pod of the current cycle (the same pod is scored on every feasible node). */
  private memo?: { state: CycleState; images: string[]; onAnyNode: boolean; total: number; none: number };

  constructor(private readonly snapshot: SnapshotLister) {}

  private images(state: CycleState, pod: Obj): { images: string[]; onAnyNode: boolean; total: number; none: number } {
    if (this.memo?.state !== state) {
      const containers: Obj[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
      const images = containers.map((c) => normalizedImageName(c.image ?? ''));
      const snap = this.snapshot();
      const onAnyNode = images.some((i) => snap.images.has(i));
      this.memo = { state, images, onAnyNode, total: Math.max(1, snap.nodes.length), none: priority(0, images.length) };
    }
    return this.memo;
  }

  // the loop inside each plugin keeps the score call monomorphic (framework/types.ts scoreAll)
  scoreAll(state: CycleState, pod: Obj, nodes: readonly NodeInfo[], out: Float64Array): void | 'uniform' {
    const { onAnyNode, none } = this.images(state, pod);
    if (onAnyNode) {
      for (let i = 0; i < nodes.length; i++) out[i] = this.score(state, pod, nodes[i]);
      return;
    }
    out.fill(none, 0, nodes.length);
    return 'uniform';
  }

  score(state: CycleState, pod: Obj, node: NodeInfo): number {
    const { images, onAnyNode, total, none } = this.images(state, pod);
    // no node has any of the images: the sum is 0 everywhere, no need to look at this node
    if (!onAnyNode) return none;
    let sum = 0;
    for (const image of images) {
      const st = node.imageStates.get(image);
      if (st) sum += Math.trunc(st.size * (st.numNodes / total));
    }
    return priority(sum, images.length);
  }
}

/** calculatePriority(sum, len(initContainers)+len(containers)) */
function priority(sum: number, numContainers: number): number {
  const max = MAX_CONTAINER_THRESHOLD * Math.max(1, numContainers);
  const clamped = Math.min(max, Math.max(MIN_THRESHOLD, sum));
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}
