/** NodeUnschedulable: nodes with spec.unschedulable (cordoned) take only pods that tolerate it. */
import type { Obj } from '../../client/types';
import { toleratedBy } from '../../api/helpers/taints';
import type { NodeInfo } from '../node-info';
import { Status } from '../framework/status';
import type { CycleState, FilterPlugin } from '../framework/types';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';

export class NodeUnschedulable implements FilterPlugin {
  readonly name = 'NodeUnschedulable';

  filter(_state: CycleState, pod: Obj, node: NodeInfo): Status {
    if (!node.unschedulable) return Status.success();
    if (toleratedBy({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, pod.spec?.tolerations)) return Status.success();
    return Status.unresolvable(ErrReasonUnschedulable);
  }
}
