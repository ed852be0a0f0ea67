/**
 * PodTopologySpread: DoNotSchedule constraints filter (skew = pods in the node's domain + self −
 * the least-populated domain's pods, must stay ≤ maxSkew); ScheduleAnyway constraints score.
 * Pods without constraints get the cluster defaults (hostname maxSkew 3, zone maxSkew 5,
 * ScheduleAnyway) over the pods of the same controller — the scheduler's DefaultConstraints.
 */
import type { Obj } from '../../client/types';
import { fromLabelSelectorObject, matchLabels } from '../../api/selectors';
import { podMatchesNodeSelectorAndAffinity } from '../../api/helpers/nodeaffinity';
import { controllerRef } from '../../api/helpers/pod';
import type { NodeInfo } from '../node-info';
import { Status } from '../framework/status';
import type { SnapshotLister } from '../snapshot';
import { MAX_NODE_SCORE, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin } from '../framework/types';

export const ERR_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_MISSING_LABEL = `${ERR_CONSTRAINTS} (missing required label)`;

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  matches: (p: Obj) => boolean;
  minDomains: number;
}

export const DEFAULT_CONSTRAINTS = [
  { topologyKey: 'kubernetes.io/hostname', maxSkew: 3, whenUnsatisfiable: 'ScheduleAnyway' },
  { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 5, whenUnsatisfiable: 'ScheduleAnyway' },
];

function constraints(pod: Obj, want: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const ns = pod.metadata.namespace;
  const own: Obj[] = pod.spec?.topologySpreadConstraints ?? [];
  if (own.length) {
    return own
      .filter((c) => (c.whenUnsatisfiable ?? 'DoNotSchedule') === want)
      .map((c) => {
        let sel = c.labelSelector ? structuredClone(c.labelSelector) : undefined;
        if (sel && c.matchLabelKeys?.length) {
          sel.matchExpressions = [...(sel.matchExpressions ?? []), ...c.matchLabelKeys.filter((k: string) => pod.metadata.labels?.[k] !== undefined).map((k: string) => ({ key: k, operator: 'In', values: [pod.metadata.labels![k]] }))];
        }
        const s = sel ? fromLabelSelectorObject(sel) : undefined;
        return { maxSkew: c.maxSkew ?? 1, topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable ?? 'DoNotSchedule', minDomains: c.minDomains ?? 1, matches: (p: Obj) => !!s && p.metadata.namespace === ns && matchLabels(s, p.metadata.labels) };
      });
  }
  if (want !== 'ScheduleAnyway') return [];
  const ref = controllerRef(pod);
  if (!ref) return [];
  return DEFAULT_CONSTRAINTS.map((c) => ({ ...c, minDomains: 1, matches: (p: Obj) => p.metadata.namespace === ns && controllerRef(p)?.uid === ref.uid }));
}

const FKEY = 'PreFilterPodTopologySpread';
const SKEY = 'PreScorePodTopologySpread';

interface ScoreState {
  cons: Constraint[];
  /** per constraint (hostname ones stay empty: counted per node in Score): domain value → matching pods */
  counts: Map<string, number>[];
  /** per constraint: log(domains among the scored nodes + 2) */
  weights: number[];
  ignored: Set<string>;
}

const HOSTNAME = 'kubernetes.io/hostname';

function matchingPods(c: Constraint, n: NodeInfo): number {
  let k = 0;
  for (const pi of n.pods.values()) if (!pi.pod.metadata.deletionTimestamp && c.matches(pi.pod)) k++;
  return k;
}

interface FilterState {
  cons: Constraint[];
  /** per constraint: domain value → matching pods */
  counts: Map<string, number>[];
}

/** Nodes the pod could go to as far as node affinity/selector go (nodeAffinityPolicy Honor). */
function eligible(pod: Obj, n: NodeInfo): boolean {
  return podMatchesNodeSelectorAndAffinity(pod, n.node);
}

function count(cons: Constraint[], pod: Obj, nodes: NodeInfo[]): Map<string, number>[] {
  return cons.map((c) => {
    const m = new Map<string, number>();
    for (const n of nodes) {
      const v = n.node.metadata.labels?.[c.topologyKey];
      if (v === undefined || !eligible(pod, n)) continue;
      m.set(v, (m.get(v) ?? 0) + matchingPods(c, n));
    }
    return m;
  });
}

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'PodTopologySpread';

  preFilter(state: CycleState, pod: Obj, nodes: NodeInfo[]): { result?: PreFilterResult; status: Status } {
    const cons = constraints(pod, 'DoNotSchedule');
    if (!cons.length) return { status: Status.skip() };
    state.write(FKEY, { cons, counts: count(cons, pod, nodes) } satisfies FilterState);
    return { status: Status.success() };
  }

  filter(state: CycleState, pod: Obj, node: NodeInfo): Status {
    const s = state.read<FilterState>(FKEY);
    if (!s) return Status.success();
    for (let i = 0; i < s.cons.length; i++) {
      const c = s.cons[i];
      const v = node.node.metadata.labels?.[c.topologyKey];
      if (v === undefined) return Status.unresolvable(ERR_MISSING_LABEL);
      const counts = s.counts[i];
      let min = counts.size ? Math.min(...counts.values()) : 0;
      if (counts.size < c.minDomains) min = 0;
      const self = c.matches(pod) ? 1 : 0;
      const skew = (counts.get(v) ?? 0) + self - min;
      if (skew > c.maxSkew) return Status.unschedulable(ERR_CONSTRAINTS);
    }
    return Status.success();
  }

  constructor(private readonly snapshot?: SnapshotLister) {}

  /**
   * upstream scoring.go: the domains come from the feasible nodes, but each domain's count is
   * taken over every node of the cluster in it (feasible or not) that the pod could go to as far
   * as node affinity goes; hostname domains are counted per node in Score.
   */
  preScore(state: CycleState, pod: Obj, nodes: NodeInfo[]): Status {
    const cons = constraints(pod, 'ScheduleAnyway');
    if (!cons.length) return Status.skip();
    // explicit constraints: nodes missing a topology key are ignored; the system defaults just skip that key
    const requireAll = (pod.spec?.topologySpreadConstraints ?? []).length > 0;
    const hasAll = (n: NodeInfo) => cons.every((c) => n.node.metadata.labels?.[c.topologyKey] !== undefined);
    const ignored = new Set<string>();
    const counts = cons.map(() => new Map<string, number>());
    for (const n of nodes) {
      if (requireAll && !hasAll(n)) {
        ignored.add(n.name);
        continue;
      }
      cons.forEach((c, i) => {
        if (c.topologyKey !== HOSTNAME) counts[i].set(n.node.metadata.labels?.[c.topologyKey] ?? '', 0);
      });
    }
    const weights = cons.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? nodes.length - ignored.size : counts[i].size) + 2));
    if (counts.some((m) => m.size)) {
      for (const n of this.snapshot?.().nodes ?? nodes) {
        if (!eligible(pod, n) || (requireAll && !hasAll(n))) continue;
        cons.forEach((c, i) => {
          const v = n.node.metadata.labels?.[c.topologyKey] ?? '';
          const k = counts[i].get(v);
          if (k !== undefined) counts[i].set(v, k + matchingPods(c, n));
        });
      }
    }
    state.write(SKEY, { cons, counts, weights, ignored } satisfies ScoreState);
    return Status.success();
  }

  score(state: CycleState, _pod: Obj, node: NodeInfo): number {
    const s = state.read<ScoreState>(SKEY);
    if (!s || s.ignored.has(node.name)) return 0;
    let score = 0;
    s.cons.forEach((c, i) => {
      const v = node.node.metadata.labels?.[c.topologyKey];
      if (v === undefined) return;
      const cnt = c.topologyKey === HOSTNAME ? matchingPods(c, node) : (s.counts[i].get(v) ?? 0);
      score += cnt * s.weights[i] + (c.maxSkew - 1);
    });
    return Math.round(score);
  }

  normalize(state: CycleState, _pod: Obj, scores: Float64Array, nodes: readonly NodeInfo[]): void {
    const ignored = state.read<ScoreState>(SKEY)?.ignored ?? new Set<string>();
    const n = scores.length;
    let max = 0;
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      if (ignored.size && ignored.has(nodes[i].name)) continue;
      max = Math.max(max, scores[i]);
      min = Math.min(min, scores[i]);
    }
    for (let i = 0; i < n; i++) {
      if (ignored.size && ignored.has(nodes[i].name)) scores[i] = 0;
      else scores[i] = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    }
  }
}
