/** The scheduling framework's extension points (a subset of upstream's, same names and meaning). */
import type { Obj } from '../../client/types';
import type { NodeInfo } from '../node-info';
import type { Status } from './status';
import type { NodeColumns } from '../node-columns';

export const MAX_NODE_SCORE = 100;

/** Per-cycle scratch space plugins share between extension points (framework.CycleState). */
export class CycleState {
  private data = new Map<string, unknown>();
  /** Filter plugins whose PreFilter returned Skip. */
  readonly skipFilter = new Set<string>();
  /** Score plugins whose PreScore returned Skip. */
  readonly skipScore = new Set<string>();
  /** The Filter plugins to run this cycle (the profile's minus skipFilter), set on first use. */
  filters?: FilterPlugin[];

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, v: unknown): void {
    this.data.set(key, v);
  }
}

/** PreFilterResult: undefined node names = all nodes. */
export interface PreFilterResult {
  nodeNames?: Set<string>;
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Obj, nodes: NodeInfo[]): { result?: PreFilterResult; status: Status };
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Obj, node: NodeInfo): Status;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Obj, nodes: NodeInfo[]): Status;
}

/** Where the nodes being scored keep their numbers: slots[i] is nodes[i]'s slot in columns. */
export interface ColumnsAt {
  columns: NodeColumns;
  slots: readonly number[];
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Obj, node: NodeInfo): number;
  /**
   * Score for every node at once (out[i] = score(nodes[i])): the same numbers, with the loop inside
   * the plugin so the call in it stays monomorphic on hundreds of nodes per cycle. 'uniform': every
   * node got the same score (so normalized they are all the same too).
   */
  scoreAll?(state: CycleState, pod: Obj, nodes: readonly NodeInfo[], out: Float64Array, at?: ColumnsAt): void | 'uniform';
  /** NormalizeScore, in place: scores[i] is nodes[i]'s. */
  normalize?(state: CycleState, pod: Obj, scores: Float64Array, nodes: readonly NodeInfo[]): void;
}

export function isPreFilter(p: Plugin): p is PreFilterPlugin {
  return typeof (p as PreFilterPlugin).preFilter === 'function';
}
export function isFilter(p: Plugin): p is FilterPlugin {
  return typeof (p as FilterPlugin).filter === 'function';
}
export function isPreScore(p: Plugin): p is PreScorePlugin {
  return typeof (p as PreScorePlugin).preScore === 'function';
}
export function isScore(p: Plugin): p is ScorePlugin {
  return typeof (p as ScorePlugin).score === 'function';
}

/** DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go). */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: Float64Array): void {
  const n = scores.length;
  let max = 0;
  for (let i = 0; i < n; i++) if (scores[i] > max) max = scores[i];
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = Math.trunc((maxPriority * scores[i]) / max);
    scores[i] = reverse ? maxPriority - v : v;
  }
}
