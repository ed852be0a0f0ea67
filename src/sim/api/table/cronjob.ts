/** printCronJob. */
import { ageCol, boolPtr, col, CONTAINERS_DESC, formatLabelSelector, IMAGES_DESC, layoutContainerCells, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const cronJobPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Schedule', 'string', 'batch/v1beta1.CronJobSpec.schedule'),
    col('Timezone', 'string', 'batch/v1beta1.CronJobSpec.timeZone'),
    col('Suspend', 'boolean', 'batch/v1beta1.CronJobSpec.suspend'),
    col('Active', 'integer', 'batch/v1beta1.CronJobStatus.active'),
    col('Last Schedule', 'string', 'batch/v1beta1.CronJobStatus.lastScheduleTime'),
    ageCol(),
    col('Containers', 'string', CONTAINERS_DESC, 1),
    col('Images', 'string', IMAGES_DESC, 1),
    col('Selector', 'string', 'batch/v1.JobSpec.selector', 1),
  ],
  row(o, now) {
    const spec = o.spec ?? {};
    const last = o.status?.lastScheduleTime ? since(now, o.status.lastScheduleTime) : '<none>';
    const jt = spec.jobTemplate?.spec ?? {};
    const [names, images] = layoutContainerCells(jt.template?.spec?.containers);
    return {
      cells: [
        o.metadata.name ?? '',
        spec.schedule ?? '',
        spec.timeZone ?? '<none>',
        boolPtr(spec.suspend),
        (o.status?.active ?? []).length,
        last,
        since(now, o.metadata.creationTimestamp),
        names,
        images,
        formatLabelSelector(jt.selector),
      ],
    };
  },
};
