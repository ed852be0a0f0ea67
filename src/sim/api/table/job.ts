/** printJob. */
import { parseTime } from '../../core/clock';
import { humanDuration } from '../../core/duration';
import { ageCol, col, CONTAINERS_DESC, formatLabelSelector, IMAGES_DESC, int, layoutContainerCells, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function hasCondition(conds: Any[] | undefined, type: string): boolean {
  const c = (conds ?? []).find((x) => x.type === type);
  return !!c && c.status === 'True';
}

export function jobStatus(o: Any): string {
  const conds = o.status?.conditions;
  if (hasCondition(conds, 'Complete')) return 'Complete';
  if (hasCondition(conds, 'Failed')) return 'Failed';
  if (o.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(conds, 'Suspended')) return 'Suspended';
  if (hasCondition(conds, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export const jobPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'batch/v1.JobStatus.succeeded'),
    col('Duration', 'string', 'Time required to complete the job.'),
    ageCol(),
    col('Containers', 'string', CONTAINERS_DESC, 1),
    col('Images', 'string', IMAGES_DESC, 1),
    col('Selector', 'string', 'batch/v1.JobSpec.selector', 1),
  ],
  row(o, now) {
    const spec: Any = o.spec ?? {};
    const succeeded = int(o.status?.succeeded);
    let completions: string;
    if (typeof spec.completions === 'number') completions = `${succeeded}/${spec.completions}`;
    else if (int(spec.parallelism) > 1) completions = `${succeeded}/1 of ${spec.parallelism}`;
    else completions = `${succeeded}/1`;
    const start = parseTime(o.status?.startTime);
    const end = parseTime(o.status?.completionTime);
    const dur = start === undefined ? '' : end === undefined ? humanDuration(now - start) : humanDuration(end - start);
    const [names, images] = layoutContainerCells(spec.template?.spec?.containers);
    return {
      cells: [o.metadata.name ?? '', jobStatus(o), completions, dur, since(now, o.metadata.creationTimestamp), names, images, formatLabelSelector(spec.selector)],
    };
  },
};
