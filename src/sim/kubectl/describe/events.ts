/**
 * DescribeEvents: the Events table at the end of most describers. Sorted by lastTimestamp only, with
 * Go's unstable sort (events.k8s.io events have no lastTimestamp and sort first); ages from
 * eventTime/firstTimestamp, `<last> (xN over <first>)` for series or count > 1.
 */
import type { Obj } from '../../client/types';
import { parseTime } from '../../core/clock';
import { since, type Any } from './common';
import { goSortSlice } from './gosort';
import { LEVEL_0, LEVEL_1, type Writer } from './writer';

/** Go zero time (0001-01-01) for a missing timestamp, as an ordering key. */
const ZERO = -62135596800000;
const lastTs = (e: Any): number => parseTime(e.lastTimestamp) ?? ZERO;

export function sortEvents(events: Obj[]): Obj[] {
  return goSortSlice([...events], (a, b) => lastTs(a) < lastTs(b));
}

export function describeEvents(events: Obj[], w: Writer, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  const sorted = sortEvents(events);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted as Any[]) {
    let first = since(now, e.eventTime);
    if (!parseTime(e.eventTime)) first = since(now, e.firstTimestamp);
    let interval: string;
    if (e.series) interval = `${since(now, e.series.lastObservedTime)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(now, e.lastTimestamp)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || e.reportingController || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}
