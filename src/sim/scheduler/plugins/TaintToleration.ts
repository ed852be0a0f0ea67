/**
 * TaintToleration: NoSchedule/NoExecute taints the pod does not tolerate filter the node out;
 * untolerated PreferNoSchedule taints lower its score.
 */
import type { Obj } from '../../client/types';
import { findUntoleratedTaint, toleratedBy, type Taint, type Toleration } from '../../api/helpers/taints';
import type { NodeInfo } from '../node-info';
import { TAINTED } from '../node-columns';
import { Status } from '../framework/status';
import { defaultNormalizeScore, MAX_NODE_SCORE, type CycleState, type FilterPlugin, type PreScorePlugin, type ScorePlugin, type ColumnsAt } from '../framework/types';

const KEY = 'PreScoreTaintToleration';
const scheduleEffects = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'TaintToleration';

  filter(_state: CycleState, pod: Obj, node: NodeInfo): Status {
    if (!node.taints.length) return Status.success();
    const taint = findUntoleratedTaint(node.taints as Taint[], pod.spec?.tolerations, scheduleEffects);
    if (!taint) return Status.success();
    return Status.unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  }

  preScore(state: CycleState, pod: Obj): Status {
    const tols = ((pod.spec?.tolerations ?? []) as Toleration[]).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(KEY, tols);
    return Status.success();
  }

  // the loop inside each plugin keeps the score call monomorphic (framework/types.ts scoreAll)
  scoreAll(state: CycleState, pod: Obj, nodes: readonly NodeInfo[], out: Float64Array, at?: ColumnsAt): void | 'uniform' {
    if (!at) {
      for (let i = 0; i < nodes.length; i++) out[i] = this.score(state, pod, nodes[i]);
      return;
    }
    // an untainted node (the flag in the columns) counts no taint
    const flags = at.columns.flags;
    const slots = at.slots;
    let tainted = false;
    for (let i = 0; i < nodes.length; i++) {
      if (flags[slots[i]] & TAINTED) {
        tainted = true;
        out[i] = this.score(state, pod, nodes[i]);
      } else out[i] = 0;
    }
    return tainted ? undefined : 'uniform';
  }

  score(state: CycleState, _pod: Obj, node: NodeInfo): number {
    const taints = node.taints;
    if (!taints.length) return 0;
    const tols = state.read<Toleration[]>(KEY) ?? [];
    let n = 0;
    for (const taint of taints) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!toleratedBy(taint, tols)) n++;
    }
    return n;
  }

  normalize(_state: CycleState, _pod: Obj, scores: Float64Array): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }
}
