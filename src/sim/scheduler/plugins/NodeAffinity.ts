/**
 * NodeAffinity: spec.nodeSelector and requiredDuringScheduling terms filter nodes (a matchFields
 * metadata.name term narrows the candidates already in PreFilter, as for DaemonSet pods);
 * preferredDuringScheduling terms add their weights to the score.
 */
import type { Obj } from '../../client/types';
import { matchNodeSelectorTerm, podMatchesNodeSelectorAndAffinity, type NodeSelectorTerm } from '../../api/helpers/nodeaffinity';
import type { NodeInfo } from '../node-info';
import { Status } from '../framework/status';
import {
  defaultNormalizeScore,
  MAX_NODE_SCORE,
  type CycleState,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScorePlugin,
} from '../framework/types';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const ErrReasonConflict = 'pod affinity terms conflict';

interface Preferred {
  weight: number;
  preference: NodeSelectorTerm;
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'NodeAffinity';

  preFilter(_state: CycleState, pod: Obj): { result?: PreFilterResult; status: Status } {
    const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!req && !pod.spec?.nodeSelector) return { status: Status.skip() };
    const terms: NodeSelectorTerm[] = req?.nodeSelectorTerms ?? [];
    if (!req || terms.length === 0) return { status: Status.success() };
    let names: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key === 'metadata.name' && r.operator === 'In') {
          const s = new Set(r.values ?? []);
          termNames = termNames ? new Set([...termNames].filter((x) => s.has(x))) : s;
        }
      }
      // a term without a metadata.name field: every node is eligible (terms are ORed)
      if (!termNames) return { status: Status.success() };
      names = new Set([...(names ?? []), ...termNames]);
    }
    if (names && names.size === 0) return { status: Status.unresolvable(ErrReasonConflict) };
    return { result: names ? { nodeNames: names } : undefined, status: Status.success() };
  }

  filter(_state: CycleState, pod: Obj, node: NodeInfo): Status {
    return podMatchesNodeSelectorAndAffinity(pod, node.node) ? Status.success() : Status.unresolvable(ErrReasonPod);
  }

  preScore(_state: CycleState, pod: Obj): Status {
    const pref: Preferred[] = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    return pref.length ? Status.success() : Status.skip();
  }

  score(_state: CycleState, pod: Obj, node: NodeInfo): number {
    const pref: Preferred[] = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    let total = 0;
    for (const p of pref) if (p.weight && matchNodeSelectorTerm(p.preference, node.node)) total += p.weight;
    return total;
  }

  normalize(_state: CycleState, _pod: Obj, scores: Float64Array): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }
}
