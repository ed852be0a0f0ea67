/**
 * NodeResourcesFit: the pod's requests must fit in allocatable minus what the node's pods
 * already request (pods, cpu, memory, ephemeral-storage, extended resources); scoring with the
 * default LeastAllocated strategy (cpu and memory, weight 1 each).
 */
import type { Obj } from '../../client/types';
import { podNonZeroRequests, podRequests, type Resources } from '../../api/helpers/resources';
import type { NodeInfo } from '../node-info';
import { Status } from '../framework/status';
import { MAX_NODE_SCORE, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type ScorePlugin } from '../framework/types';

const KEY = 'PreFilterNodeResourcesFit';

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** fitsRequest: every resource the node is short of, in upstream's order. */
export function fitsRequest(req: Resources, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = node.allocatable;
  if (node.pods.size + 1 > alloc.pods) out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: node.pods.size, capacity: alloc.pods });
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && Object.keys(req.scalar).length === 0) return out;
  const used = node.requested;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU)
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: req.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU });
  if (req.memory > 0 && req.memory > alloc.memory - used.memory)
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: req.memory, used: used.memory, capacity: alloc.memory });
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage)
    out.push({ resourceName: 'ephemeral-storage', reason: 'Insufficient ephemeral-storage', requested: req.ephemeralStorage, used: used.ephemeralStorage, capacity: alloc.ephemeralStorage });
  for (const [name, q] of Object.entries(req.scalar)) {
    if (q === 0) continue;
    const have = alloc.scalar[name] ?? 0;
    const u = used.scalar[name] ?? 0;
    if (q > have - u) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: u, capacity: have });
  }
  return out;
}

/** leastRequestedScore: (capacity - requested) * 100 / capacity, integer arithmetic. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, ScorePlugin {
  readonly name = 'NodeResourcesFit';

  preFilter(state: CycleState, pod: Obj): { result?: PreFilterResult; status: Status } {
    state.write(KEY, podRequests(pod));
    return { status: Status.success() };
  }

  filter(state: CycleState, pod: Obj, node: NodeInfo): Status {
    const req = state.read<Resources>(KEY) ?? podRequests(pod);
    const short = fitsRequest(req, node);
    if (short.length === 0) return Status.success();
    return Status.unschedulable(...short.map((s) => s.reason));
  }

  /** LeastAllocated over cpu and memory with the non-zero request defaults. */
  score(_state: CycleState, pod: Obj, node: NodeInfo): number {
    const nz = podNonZeroRequests(pod);
    const pairs: [number, number][] = [
      [node.nonZeroRequested.milliCPU + nz.milliCPU, node.allocatable.milliCPU],
      [node.nonZeroRequested.memory + nz.memory, node.allocatable.memory],
    ];
    let total = 0;
    let weights = 0;
    for (const [requested, allocatable] of pairs) {
      if (allocatable === 0) continue;
      total += leastRequestedScore(requested, allocatable);
      weights += 1;
    }
    return weights ? Math.trunc(total / weights) : 0;
  }
}
