/** NodeResourcesBalancedAllocation: favour nodes whose cpu and memory fractions stay close. */
import type { Obj } from '../../client/types';
import { podRequests, type Resources } from '../../api/helpers/resources';
import type { NodeInfo } from '../node-info';
import { Status } from '../framework/status';
import { MAX_NODE_SCORE, type CycleState, type PreScorePlugin, type ScorePlugin } from '../framework/types';

const KEY = 'PreScoreNodeResourcesBalancedAllocation';

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = 'NodeResourcesBalancedAllocation';

  preScore(state: CycleState, pod: Obj): Status {
    const r = podRequests(pod);
    state.write(KEY, r);
    // best-effort pods request nothing: the plugin has nothing to balance
    return r.milliCPU === 0 && r.memory === 0 ? Status.skip() : Status.success();
  }

  score(state: CycleState, pod: Obj, node: NodeInfo): number {
    const r = state.read<Resources>(KEY) ?? podRequests(pod);
    const pairs: [number, number][] = [
      [node.requested.milliCPU + r.milliCPU, node.allocatable.milliCPU],
      [node.requested.memory + r.memory, node.allocatable.memory],
    ];
    const fractions: number[] = [];
    for (const [req, alloc] of pairs) {
      if (alloc === 0) continue;
      fractions.push(Math.min(1, req / alloc));
    }
    let std = 0;
    if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  }
}
