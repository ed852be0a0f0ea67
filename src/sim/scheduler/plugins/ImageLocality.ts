/** ImageLocality: favour nodes that already have the pod's images, scaled by how widespread they are. */
import type { Obj } from '../../client/types';
import type { NodeInfo } from '../node-info';
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

  constructor(private readonly totalNodes: () => number) {}

  score(_state: CycleState, pod: Obj, node: NodeInfo): number {
    const total = Math.max(1, this.totalNodes());
    let sum = 0;
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    for (const c of containers) {
      const st = node.imageStates.get(normalizedImageName(c.image ?? ''));
      if (st) sum += Math.trunc(st.size * (st.numNodes / total));
    }
    const max = MAX_CONTAINER_THRESHOLD * Math.max(1, (pod.spec?.containers ?? []).length);
    const clamped = Math.min(max, Math.max(MIN_THRESHOLD, sum));
    return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
  }
}
