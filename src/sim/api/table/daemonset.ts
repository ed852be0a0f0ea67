/** printDaemonSet. */
import { ageCol, col, CONTAINERS_DESC, formatLabels, formatLabelSelector, IMAGES_DESC, int, layoutContainerCells, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const daemonSetPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'extensions/v1beta1.DaemonSetStatus.desiredNumberScheduled'),
    col('Current', 'integer', 'extensions/v1beta1.DaemonSetStatus.currentNumberScheduled'),
    col('Ready', 'integer', 'extensions/v1beta1.DaemonSetStatus.numberReady'),
    col('Up-to-date', 'integer', 'extensions/v1beta1.DaemonSetStatus.updatedNumberScheduled'),
    col('Available', 'integer', 'extensions/v1beta1.DaemonSetStatus.numberAvailable'),
    col('Node Selector', 'string', 'core/v1.PodSpec.nodeSelector'),
    ageCol(),
    col('Containers', 'string', CONTAINERS_DESC, 1),
    col('Images', 'string', IMAGES_DESC, 1),
    col('Selector', 'string', 'extensions/v1beta1.DaemonSetSpec.selector', 1),
  ],
  row(o, now) {
    const st = o.status ?? {};
    const [names, images] = layoutContainerCells(o.spec?.template?.spec?.containers);
    return {
      cells: [
        o.metadata.name ?? '',
        int(st.desiredNumberScheduled),
        int(st.currentNumberScheduled),
        int(st.numberReady),
        int(st.updatedNumberScheduled),
        int(st.numberAvailable),
        formatLabels(o.spec?.template?.spec?.nodeSelector),
        since(now, o.metadata.creationTimestamp),
        names,
        images,
        formatLabelSelector(o.spec?.selector),
      ],
    };
  },
};
