/** NodeName: a pod that names a node fits only that node. */
import type { Obj } from '../../client/types';
import type { NodeInfo } from '../node-info';
import { Status } from '../framework/status';
import type { CycleState, FilterPlugin } from '../framework/types';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";

export class NodeName implements FilterPlugin {
  readonly name = 'NodeName';

  filter(_state: CycleState, pod: Obj, node: NodeInfo): Status {
    const want = pod.spec?.nodeName;
    if (!want || want === node.name) return Status.success();
    return Status.unresolvable(ErrReasonNodeName);
  }
}
