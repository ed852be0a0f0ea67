/** printReplicaSet. */
import { ageCol, col, CONTAINERS_DESC, formatLabelSelector, IMAGES_DESC, int, layoutContainerCells, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const replicaSetPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'extensions/v1beta1.ReplicaSetSpec.replicas'),
    col('Current', 'integer', 'extensions/v1beta1.ReplicaSetStatus.replicas'),
    col('Ready', 'integer', 'extensions/v1beta1.ReplicaSetStatus.readyReplicas'),
    ageCol(),
    col('Containers', 'string', CONTAINERS_DESC, 1),
    col('Images', 'string', IMAGES_DESC, 1),
    col('Selector', 'string', 'extensions/v1beta1.ReplicaSetSpec.selector', 1),
  ],
  row(o, now) {
    const [names, images] = layoutContainerCells(o.spec?.template?.spec?.containers);
    return {
      cells: [
        o.metadata.name ?? '',
        int(o.spec?.replicas),
        int(o.status?.replicas),
        int(o.status?.readyReplicas),
        since(now, o.metadata.creationTimestamp),
        names,
        images,
        formatLabelSelector(o.spec?.selector),
      ],
    };
  },
};
