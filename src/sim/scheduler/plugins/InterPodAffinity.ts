/**
 * InterPodAffinity: required pod affinity / anti-affinity of the incoming pod, the required
 * anti-affinity of the pods already running (symmetry), and the preferred terms as a score.
 * Topology domains are node label values (topologyKey), counted over all nodes in PreFilter.
 */
import type { Obj } from '../../client/types';
import { fromLabelSelectorObject, matchLabels } from '../../api/selectors';
import type { NodeInfo } from '../node-info';
import type { SnapshotLister } from '../snapshot';
import { Status } from '../framework/status';
import { MAX_NODE_SCORE, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin } from '../framework/types';

export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

interface Term {
  selector: ReturnType<typeof fromLabelSelectorObject> | undefined;
  namespaces: Set<string>;
  allNamespaces: boolean;
  topologyKey: string;
  weight: number;
}

function terms(pod: Obj, list: Obj[] | undefined, weighted: boolean): Term[] {
  return (list ?? []).map((t) => {
    const term = weighted ? t.podAffinityTerm ?? {} : t;
    const nss: string[] = term.namespaces ?? [];
    const allNamespaces = !!term.namespaceSelector && Object.keys(term.namespaceSelector).length === 0 && !nss.length;
    return {
      selector: term.labelSelector ? fromLabelSelectorObject(term.labelSelector) : undefined,
      namespaces: new Set(nss.length || term.namespaceSelector ? nss : [pod.metadata.namespace ?? 'default']),
      allNamespaces,
      topologyKey: term.topologyKey ?? '',
      weight: weighted ? t.weight ?? 0 : 1,
    };
  });
}

function termMatches(t: Term, pod: Obj): boolean {
  if (!t.selector) return false;
  if (!t.allNamespaces && !t.namespaces.has(pod.metadata.namespace ?? 'default')) return false;
  return matchLabels(t.selector, pod.metadata.labels);
}

const label = (n: NodeInfo, key: string): string | undefined => n.node.metadata.labels?.[key];
const KEY = 'PreFilterInterPodAffinity';
const SCORE_KEY = 'PreScoreInterPodAffinity';

interface PreState {
  affinity: Term[];
  anti: Term[];
  /** topologyKey=value → number of existing pods matching all affinity terms / any anti term */
  affinityCounts: Map<string, number>;
  antiCounts: Map<string, number>;
  /** topologyKey=value → existing pods whose required anti-affinity matches the incoming pod */
  existingAntiCounts: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'InterPodAffinity';

  constructor(private readonly snapshot: SnapshotLister) {}

  preFilter(state: CycleState, pod: Obj): { result?: PreFilterResult; status: Status } {
    const a = pod.spec?.affinity ?? {};
    const affinity = terms(pod, a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution, false);
    const anti = terms(pod, a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution, false);
    const s: PreState = { affinity, anti, affinityCounts: new Map(), antiCounts: new Map(), existingAntiCounts: new Map() };
    const snap = this.snapshot();
    // existing pods' required anti-affinity against the incoming pod (HavePodsWithRequiredAntiAffinityList)
    for (const n of snap.withRequiredAntiAffinity) {
      for (const pi of n.requiredAntiAffinityPods.values()) {
        const p = pi.pod;
        for (const t of terms(p, p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution, false)) {
          const v = label(n, t.topologyKey);
          if (v !== undefined && termMatches(t, pod)) bump(s.existingAntiCounts, `${t.topologyKey}=${v}`);
        }
      }
    }
    // the incoming pod's own required terms against every pod
    if (affinity.length || anti.length) for (const n of snap.nodes) {
      for (const pi of n.pods.values()) {
        const p = pi.pod;
        if (affinity.length && affinity.every((t) => termMatches(t, p))) for (const t of affinity) {
          const v = label(n, t.topologyKey);
          if (v !== undefined) bump(s.affinityCounts, `${t.topologyKey}=${v}`);
        }
        for (const t of anti) {
          const v = label(n, t.topologyKey);
          if (v !== undefined && termMatches(t, p)) bump(s.antiCounts, `${t.topologyKey}=${v}`);
        }
      }
    }
    state.write(KEY, s);
    if (!affinity.length && !anti.length && !s.existingAntiCounts.size) return { status: Status.skip() };
    return { status: Status.success() };
  }

  filter(state: CycleState, pod: Obj, node: NodeInfo): Status {
    const s = state.read<PreState>(KEY);
    if (!s) return Status.success();
    if (s.affinity.length) {
      let ok = s.affinity.every((t) => {
        const v = label(node, t.topologyKey);
        return v !== undefined && (s.affinityCounts.get(`${t.topologyKey}=${v}`) ?? 0) > 0;
      });
      // the first pod of a group: no pod matches anywhere, and it matches its own terms
      if (!ok && s.affinityCounts.size === 0 && s.affinity.every((t) => termMatches(t, pod) && label(node, t.topologyKey) !== undefined)) ok = true;
      if (!ok) return Status.unresolvable(ERR_AFFINITY);
    }
    for (const t of s.anti) {
      const v = label(node, t.topologyKey);
      if (v !== undefined && (s.antiCounts.get(`${t.topologyKey}=${v}`) ?? 0) > 0) return Status.unschedulable(ERR_ANTI_AFFINITY);
    }
    for (const [k, n] of s.existingAntiCounts) {
      const [key, v] = [k.slice(0, k.indexOf('=')), k.slice(k.indexOf('=') + 1)];
      if (n > 0 && label(node, key) === v) return Status.unschedulable(ERR_EXISTING_ANTI_AFFINITY);
    }
    return Status.success();
  }

  /** Preferred terms of the pod, and of existing pods toward it (hard affinity weight 1): per topology value. */
  preScore(state: CycleState, pod: Obj): Status {
    const a = pod.spec?.affinity ?? {};
    const pref = terms(pod, a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, true);
    const prefAnti = terms(pod, a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, true);
    const scores = new Map<string, number>();
    const hasConstraints = pref.length > 0 || prefAnti.length > 0;
    let any = hasConstraints;
    // every node of the cluster counts, not only the feasible ones; without preferred terms of its
    // own only the pods with affinity terms matter (HavePodsWithAffinityList)
    const snap = this.snapshot();
    for (const n of hasConstraints ? snap.nodes : snap.withAffinity) {
      for (const pi of hasConstraints ? n.pods.values() : n.affinityPods.values()) {
        const p = pi.pod;
        for (const t of pref) {
          const v = label(n, t.topologyKey);
          if (v !== undefined && termMatches(t, p)) bump(scores, `${t.topologyKey}=${v}`, t.weight);
        }
        for (const t of prefAnti) {
          const v = label(n, t.topologyKey);
          if (v !== undefined && termMatches(t, p)) bump(scores, `${t.topologyKey}=${v}`, -t.weight);
        }
        const pa = p.spec?.affinity;
        if (!pa) continue;
        for (const t of terms(p, pa.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution, false)) {
          const v = label(n, t.topologyKey);
          if (v !== undefined && termMatches(t, pod)) {
            bump(scores, `${t.topologyKey}=${v}`, 1);
            any = true;
          }
        }
        for (const t of terms(p, pa.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, true)) {
          const v = label(n, t.topologyKey);
          if (v !== undefined && termMatches(t, pod)) {
            bump(scores, `${t.topologyKey}=${v}`, t.weight);
            any = true;
          }
        }
        for (const t of terms(p, pa.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, true)) {
          const v = label(n, t.topologyKey);
          if (v !== undefined && termMatches(t, pod)) {
            bump(scores, `${t.topologyKey}=${v}`, -t.weight);
            any = true;
          }
        }
      }
    }
    if (!any) return Status.skip();
    state.write(SCORE_KEY, scores);
    return Status.success();
  }

  score(state: CycleState, _pod: Obj, node: NodeInfo): number {
    const scores = state.read<Map<string, number>>(SCORE_KEY);
    if (!scores) return 0;
    let total = 0;
    for (const [k, v] of scores) {
      const i = k.indexOf('=');
      if (label(node, k.slice(0, i)) === k.slice(i + 1)) total += v;
    }
    return total;
  }

  normalize(_state: CycleState, _pod: Obj, scores: Float64Array): void {
    const n = scores.length;
    let max = -Infinity;
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      max = Math.max(max, scores[i]);
      min = Math.min(min, scores[i]);
    }
    const diff = max - min;
    for (let i = 0; i < n; i++) scores[i] = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i] - min)) / diff) : 0;
  }
}
