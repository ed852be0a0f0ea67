/** printEvent (core/v1 Event). */
import { col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';


// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function eventSource(o: any): string {
  const component = o.source?.component || o.reportingComponent || o.reportingController || '';
  const instance = o.source?.host || o.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: KindPrinter = {
  columns: [
    col('Last Seen', 'string', 'core/v1.Event.lastTimestamp'),
    col('Type', 'string', 'core/v1.Event.type'),
    col('Reason', 'string', 'core/v1.Event.reason'),
    col('Object', 'string', 'core/v1.Event.involvedObject'),
    col('Subobject', 'string', 'core/v1.ObjectReference.fieldPath', 1),
    col('Source', 'string', 'core/v1.Event.source', 1),
    col('Message', 'string', 'core/v1.Event.message'),
    col('First Seen', 'string', 'core/v1.Event.firstTimestamp', 1),
    col('Count', 'string', 'core/v1.Event.count', 1),
    { ...nameCol(), priority: 1 },
  ],
  row(o, now) {
    const first = o.firstTimestamp ? since(now, o.firstTimestamp) : since(now, o.eventTime);
    let last = o.lastTimestamp ? since(now, o.lastTimestamp) : first;
    let count: number = typeof o.count === 'number' ? o.count : 0;
    if (o.series) {
      last = since(now, o.series.lastObservedTime);
      count = o.series.count ?? 0;
    } else if (count === 0) count = 1;
    const io = o.involvedObject ?? {};
    const kind = String(io.kind ?? '').toLowerCase();
    const target = io.name ? `${kind}/${io.name}` : kind;
    return {
      cells: [last, o.type ?? '', o.reason ?? '', target, io.fieldPath ?? '', eventSource(o), String(o.message ?? '').trim(), first, count, o.metadata.name ?? ''],
    };
  },
};
