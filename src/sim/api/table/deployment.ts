/** printDeployment. */
import { ageCol, col, CONTAINERS_DESC, IMAGES_DESC, int, labelSelectorString, layoutContainerCells, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const deploymentPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'extensions/v1beta1.DeploymentStatus.updatedReplicas'),
    col('Available', 'string', 'extensions/v1beta1.DeploymentStatus.availableReplicas'),
    ageCol(),
    col('Containers', 'string', CONTAINERS_DESC, 1),
    col('Images', 'string', IMAGES_DESC, 1),
    col('Selector', 'string', 'extensions/v1beta1.DeploymentSpec.selector', 1),
  ],
  row(o, now) {
    const st = o.status ?? {};
    const [names, images] = layoutContainerCells(o.spec?.template?.spec?.containers);
    const sel = labelSelectorString(o.spec?.selector);
    return {
      cells: [
        o.metadata.name ?? '',
        `${int(st.readyReplicas)}/${int(o.spec?.replicas)}`,
        int(st.updatedReplicas),
        int(st.availableReplicas),
        since(now, o.metadata.creationTimestamp),
        names,
        images,
        sel === undefined ? '<invalid>' : sel,
      ],
    };
  },
};
