/** printStatefulSet. */
import { ageCol, col, CONTAINERS_DESC, IMAGES_DESC, int, layoutContainerCells, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const statefulSetPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    ageCol(),
    col('Containers', 'string', CONTAINERS_DESC, 1),
    col('Images', 'string', IMAGES_DESC, 1),
  ],
  row(o, now) {
    const [names, images] = layoutContainerCells(o.spec?.template?.spec?.containers);
    return { cells: [o.metadata.name ?? '', `${int(o.status?.readyReplicas)}/${int(o.spec?.replicas)}`, since(now, o.metadata.creationTimestamp), names, images] };
  },
};
