/** NodeResourcesBalancedAllocation: favour nodes whose cpu and memory fractions stay close. */
import type { Obj } from '../../client/types';
import { podRequests, type Resources } from '../../api/helpers/resources';
import type { NodeInfo } from '../node-info';
import { Status } from '../framework/status';
import { MAX_NODE_SCORE, type CycleState, type PreScorePlugin, type ScorePlugin, type ColumnsAt } from '../framework/types';

const KEY = 'PreScoreNodeResourcesBalancedAllocation';

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = 'NodeResourcesBalancedAllocation';

  private memo?: { state: CycleState; r: Resources };

  preScore(state: CycleState, pod: Obj): Status {
    const r = podRequests(pod);
    state.write(KEY, r);
    this.memo = { state, r };
    // best-effort pods request nothing: the plugin has nothing to balance
    return r.milliCPU === 0 && r.memory === 0 ? Status.skip() : Status.success();
  }

  // the loop inside each plugin keeps the score call monomorphic (framework/types.ts scoreAll)
  scoreAll(state: CycleState, pod: Obj, nodes: readonly NodeInfo[], out: Float64Array, at?: ColumnsAt): void {
    if (!at) {
      for (let i = 0; i < nodes.length; i++) out[i] = this.score(state, pod, nodes[i]);
      return;
    }
    // on the columns: the same arithmetic as score()
    const r = (this.memo?.state === state ? this.memo.r : state.read<Resources>(KEY)) ?? podRequests(pod);
    const c = at.columns;
    for (let i = 0; i < nodes.length; i++) {
      const s = at.slots[i];
      const cpuAlloc = c.allocatableMilliCPU[s];
      const memAlloc = c.allocatableMemory[s];
      let std = 0;
      if (cpuAlloc !== 0 && memAlloc !== 0) {
        const cpu = Math.min(1, (c.requestedMilliCPU[s] + r.milliCPU) / cpuAlloc);
        const mem = Math.min(1, (c.requestedMemory[s] + r.memory) / memAlloc);
        std = Math.abs((cpu - mem) / 2);
      }
      out[i] = Math.trunc((1 - std) * MAX_NODE_SCORE);
    }
  }

  score(state: CycleState, pod: Obj, node: NodeInfo): number {
    const r = (this.memo?.state === state ? this.memo.r : state.read<Resources>(KEY)) ?? podRequests(pod);
    // the fractions of cpu and memory (resources the node does not have are left out)
    const cpuAlloc = node.allocatableMilliCPU;
    const memAlloc = node.allocatableMemory;
    let std = 0;
    if (cpuAlloc !== 0 && memAlloc !== 0) {
      const cpu = Math.min(1, (node.requestedMilliCPU + r.milliCPU) / cpuAlloc);
      const mem = Math.min(1, (node.requestedMemory + r.memory) / memAlloc);
      std = Math.abs((cpu - mem) / 2);
    }
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  }
}
