/** What the scheduler decided for a pod and why: per-node filter verdicts and per-plugin scores. */
import type { FilterRecord, ScoreRecord } from './framework/framework';

export interface SchedulingDecision {
  namespace: string;
  name: string;
  uid: string;
  /** Virtual time of the attempt (ms). */
  time: number;
  attempt: number;
  numAllNodes: number;
  preFilter?: { plugin: string; code: string; message: string; nodeNames?: string[] };
  /** Node → the filter plugins run on it, in order, up to the first rejection. */
  filters: Record<string, FilterRecord[]>;
  feasible: string[];
  /** Node → score breakdown (absent when fewer than two nodes were feasible). */
  scores?: Record<string, ScoreRecord>;
  selected?: string;
  /** FailedScheduling message when no node fit. */
  message?: string;
  preemption?: { node: string; victims: string[] };
  bindError?: string;
}

/** The last `limit` decisions, newest last; one entry per pod (its latest attempt). */
export class DecisionLog {
  private readonly byPod = new Map<string, SchedulingDecision>();

  constructor(private readonly limit = 500) {}

  record(d: SchedulingDecision): void {
    const key = `${d.namespace}/${d.name}`;
    this.byPod.delete(key);
    this.byPod.set(key, d);
    if (this.byPod.size > this.limit) this.byPod.delete(this.byPod.keys().next().value!);
  }

  get(namespace: string, name: string): SchedulingDecision | undefined {
    return this.byPod.get(`${namespace}/${name}`);
  }

  all(): SchedulingDecision[] {
    return [...this.byPod.values()];
  }
}
