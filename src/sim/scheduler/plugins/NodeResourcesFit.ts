/**
 * NodeResourcesFit: the pod's requests must fit in allocatable minus what the node's pods
 * already request (pods, cpu, memory, ephemeral-storage, extended resources); scoring with the
 * default LeastAllocated strategy (cpu and memory, weight 1 each).
 */
import type { Obj } from '../../client/types';
import { podNonZeroRequests, podRequests, type Resources } from '../../api/helpers/resources';
import type { NodeInfo } from '../node-info';
import { Status } from '../framework/status';
import { MAX_NODE_SCORE, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, type ColumnsAt } from '../framework/types';

const KEY = 'PreFilterNodeResourcesFit';
const SCORE_KEY = 'PreScoreNodeResourcesFit';

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

const NONE: InsufficientResource[] = Object.freeze([]) as unknown as InsufficientResource[];

/** The common case of fitsRequest (no extended resources, everything fits), on the node's flat fields. */
export function fitsQuickly(req: Resources, node: NodeInfo): boolean {
  return (
    node.numPods + 1 <= node.allocatablePods &&
    req.milliCPU <= node.allocatableMilliCPU - node.requestedMilliCPU &&
    req.memory <= node.allocatableMemory - node.requestedMemory &&
    req.ephemeralStorage <= node.allocatableEphemeral - node.requestedEphemeral
  );
}

/** fitsRequest: every resource the node is short of, in upstream's order. */
export function fitsRequest(req: Resources, node: NodeInfo, scalar = hasScalar(req)): InsufficientResource[] {
  // the common case first, without allocating
  if (!scalar && fitsQuickly(req, node)) return NONE;
  const alloc = node.allocatable;
  const used = node.requested;
  const out: InsufficientResource[] = [];
  if (node.pods.size + 1 > alloc.pods) out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: node.pods.size, capacity: alloc.pods });
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && !scalar) return out;
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

function hasScalar(req: Resources): boolean {
  return Object.keys(req.scalar).length > 0;
}

/** PreFilter state: the pod's requests and whether any is an extended resource. */
interface PreFilterState {
  req: Resources;
  scalar: boolean;
}

/** leastRequestedScore: (capacity - requested) * 100 / capacity, integer arithmetic. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** mostRequestedScore: requested * 100 / capacity (requests above capacity count as full). */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return Math.trunc((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

/** RequestedToCapacityRatio's piecewise-linear shape (utilization 0-100 → score 0-10, scaled ×10). */
export function shapeScore(shape: { utilization: number; score: number }[], utilization: number): number {
  const pts = shape.map((p) => ({ u: p.utilization, s: p.score * (MAX_NODE_SCORE / 10) }));
  if (!pts.length) return 0;
  if (utilization <= pts[0].u) return pts[0].s;
  for (let i = 1; i < pts.length; i++) {
    if (utilization <= pts[i].u) return Math.trunc(pts[i - 1].s + ((pts[i].s - pts[i - 1].s) * (utilization - pts[i - 1].u)) / (pts[i].u - pts[i - 1].u));
  }
  return pts[pts.length - 1].s;
}

/** scoringStrategy of the NodeResourcesFit plugin args (KubeSchedulerConfiguration). */
export interface ScoringStrategy {
  type: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
  resources?: { name: 'cpu' | 'memory'; weight: number }[];
  requestedToCapacityRatio?: { shape: { utilization: number; score: number }[] };
}

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'NodeResourcesFit';

  private readonly resources: { name: 'cpu' | 'memory'; weight: number }[];
  private readonly leastAllocatedCpuMemory: boolean;

  constructor(private readonly strategy: ScoringStrategy = { type: 'LeastAllocated' }) {
    this.resources = strategy.resources ?? [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ];
    const r = this.resources;
    this.leastAllocatedCpuMemory = strategy.type === 'LeastAllocated' && r.length === 2 && r[0].name === 'cpu' && r[0].weight === 1 && r[1].name === 'memory' && r[1].weight === 1;
  }

  // this cycle's PreFilter / PreScore state, also kept here: Filter and Score run on hundreds of
  // nodes per cycle and need no map lookup to find it
  private pre?: { state: CycleState; v: PreFilterState };
  private nz?: { state: CycleState; v: { milliCPU: number; memory: number } };

  preFilter(state: CycleState, pod: Obj): { result?: PreFilterResult; status: Status } {
    const req = podRequests(pod);
    const v: PreFilterState = { req, scalar: hasScalar(req) };
    state.write(KEY, v);
    this.pre = { state, v };
    return { status: Status.success() };
  }

  /** This cycle's requests when they hold no extended resource (what fitsQuickly can decide). */
  basicRequests(state: CycleState): Resources | undefined {
    const pre = this.pre?.state === state ? this.pre.v : state.read<PreFilterState>(KEY);
    return pre && !pre.scalar ? pre.req : undefined;
  }

  filter(state: CycleState, pod: Obj, node: NodeInfo): Status {
    const pre = this.pre?.state === state ? this.pre.v : state.read<PreFilterState>(KEY);
    const short = pre ? fitsRequest(pre.req, node, pre.scalar) : fitsRequest(podRequests(pod), node);
    if (short.length === 0) return Status.success();
    return Status.unschedulable(...short.map((s) => s.reason));
  }

  /** PreScore: the pod's requests with the non-zero defaults, once per cycle. */
  preScore(state: CycleState, pod: Obj): Status {
    const v = podNonZeroRequests(pod);
    state.write(SCORE_KEY, v);
    this.nz = { state, v };
    return Status.success();
  }

  /** The scoring strategy (LeastAllocated by default) over cpu and memory with the non-zero request defaults. */
  // the loop inside each plugin keeps the score call monomorphic (framework/types.ts scoreAll)
  scoreAll(state: CycleState, pod: Obj, nodes: readonly NodeInfo[], out: Float64Array, at?: ColumnsAt): void {
    if (at && this.leastAllocatedCpuMemory) {
      // the default strategy, on the columns: the same arithmetic as score()
      const nz = (this.nz?.state === state ? this.nz.v : state.read<{ milliCPU: number; memory: number }>(SCORE_KEY)) ?? podNonZeroRequests(pod);
      const c = at.columns;
      for (let i = 0; i < nodes.length; i++) {
        const s = at.slots[i];
        const cpuAlloc = c.allocatableMilliCPU[s];
        const memAlloc = c.allocatableMemory[s];
        if (cpuAlloc === 0 || memAlloc === 0) out[i] = this.score(state, pod, nodes[i]);
        else out[i] = Math.trunc((leastRequestedScore(c.nonZeroMilliCPU[s] + nz.milliCPU, cpuAlloc) + leastRequestedScore(c.nonZeroMemory[s] + nz.memory, memAlloc)) / 2);
      }
      return;
    }
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(state, pod, nodes[i]);
  }

  score(state: CycleState, pod: Obj, node: NodeInfo): number {
    const nz = (this.nz?.state === state ? this.nz.v : state.read<{ milliCPU: number; memory: number }>(SCORE_KEY)) ?? podNonZeroRequests(pod);
    if (this.leastAllocatedCpuMemory) {
      // the default: LeastAllocated, cpu and memory weighing 1 each
      const cpuAlloc = node.allocatableMilliCPU;
      const memAlloc = node.allocatableMemory;
      if (cpuAlloc === 0 && memAlloc === 0) return 0;
      if (cpuAlloc === 0) return leastRequestedScore(node.nonZeroMemory + nz.memory, memAlloc);
      if (memAlloc === 0) return leastRequestedScore(node.nonZeroMilliCPU + nz.milliCPU, cpuAlloc);
      return Math.trunc((leastRequestedScore(node.nonZeroMilliCPU + nz.milliCPU, cpuAlloc) + leastRequestedScore(node.nonZeroMemory + nz.memory, memAlloc)) / 2);
    }
    let total = 0;
    let weights = 0;
    for (const r of this.resources) {
      const cpu = r.name === 'cpu';
      const requested = cpu ? node.nonZeroMilliCPU + nz.milliCPU : node.nonZeroMemory + nz.memory;
      const allocatable = cpu ? node.allocatableMilliCPU : node.allocatableMemory;
      if (allocatable === 0) continue;
      let v: number;
      if (this.strategy.type === 'MostAllocated') v = mostRequestedScore(requested, allocatable);
      else if (this.strategy.type === 'RequestedToCapacityRatio') v = shapeScore(this.strategy.requestedToCapacityRatio?.shape ?? [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }], Math.trunc((Math.min(requested, allocatable) * 100) / allocatable));
      else v = leastRequestedScore(requested, allocatable);
      total += v * r.weight;
      weights += r.weight;
    }
    return weights ? Math.trunc(total / weights) : 0;
  }
}
