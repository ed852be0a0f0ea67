import { describe, expect, it } from 'vitest';
import { sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';
import { mostRecentTime, nextTime, parseSchedule } from '../src/sim/controllers/cronjob/cron';

const cronjob = (name: string, schedule: string, cmd: string, spec: Obj['spec'] = {}): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name },
  spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name, image: 'busybox:1.36', command: ['sh', '-c', cmd] }] } } } }, ...spec },
});
const T = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('cron schedules', () => {
  it('parses the standard fields and descriptors', async () => {
    expect(iso(nextTime(parseSchedule('*/1 * * * *'), T('2026-01-05T08:00:30Z')))).toBe('2026-01-05T08:01:00.000Z');
    expect(iso(nextTime(parseSchedule('*/15 * * * *'), T('2026-01-05T08:00:00Z')))).toBe('2026-01-05T08:15:00.000Z');
    expect(iso(nextTime(parseSchedule('30 2 * * *'), T('2026-01-05T08:00:00Z')))).toBe('2026-01-06T02:30:00.000Z');
    expect(iso(nextTime(parseSchedule('0 0 * * MON-FRI'), T('2026-01-09T12:00:00Z')))).toBe('2026-01-12T00:00:00.000Z'); // Fri → Mon
    expect(iso(nextTime(parseSchedule('0 9 1 JAN,jul *'), T('2026-01-05T08:00:00Z')))).toBe('2026-07-01T09:00:00.000Z');
    expect(iso(nextTime(parseSchedule('@hourly'), T('2026-01-05T08:00:00Z')))).toBe('2026-01-05T09:00:00.000Z');
    expect(iso(nextTime(parseSchedule('@weekly'), T('2026-01-05T08:00:00Z')))).toBe('2026-01-11T00:00:00.000Z');
    expect(iso(nextTime(parseSchedule('0 0 29 2 *'), T('2026-01-05T08:00:00Z')))).toBe('2028-02-29T00:00:00.000Z');
    // day-of-month and day-of-week both restricted: either matches (robfig/cron)
    expect(iso(nextTime(parseSchedule('0 0 13 * 5'), T('2026-01-05T08:00:00Z')))).toBe('2026-01-09T00:00:00.000Z');
    expect(iso(nextTime(parseSchedule('0 0 * * 7'), T('2026-01-05T08:00:00Z')))).toBe('2026-01-11T00:00:00.000Z');
    expect(iso(nextTime(parseSchedule('TZ=UTC 5 4 * * *'), T('2026-01-05T08:00:00Z')))).toBe('2026-01-06T04:05:00.000Z');
  });

  it('rejects bad schedules with robfig/cron messages', async () => {
    expect(() => parseSchedule('* * * *')).toThrow('expected exactly 5 fields, found 4: [* * * *]');
    expect(() => parseSchedule('61 * * * *')).toThrow('end of range (61) above maximum (59): 61');
    expect(() => parseSchedule('@every-day')).toThrow('unrecognized descriptor: @every-day');
  });

  it('finds the most recent missed time', async () => {
    const r = mostRecentTime(parseSchedule('*/5 * * * *'), T('2026-01-05T08:00:00Z'), T('2026-01-05T08:17:00Z'));
    expect(iso(r.time)).toBe('2026-01-05T08:15:00.000Z');
    expect(r.missed).toBe(3);
  });
});

describe('CronJob controller', () => {
  it('creates <name>-<minutes since epoch> each minute, records events and history', async () => {
    const s = sim(21);
    s.api.create('cronjobs', 'default', cronjob('hello', '* * * * *', 'date; echo Hello from the Kubernetes cluster'));
    const cj0 = s.api.get('cronjobs', 'default', 'hello');
    expect(cj0.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    await s.settledUntil(() => s.api.list('jobs', 'default').items.length === 1, 70_000, 'first job');
    const j = s.api.list('jobs', 'default').items[0];
    const scheduled = Math.floor(s.cluster.clock.now() / 60_000) * 60_000;
    expect(j.metadata.name).toBe(`hello-${scheduled / 60_000}`);
    expect(j.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': new Date(scheduled).toISOString().replace('.000Z', 'Z') });
    expect(j.metadata.ownerReferences[0]).toMatchObject({ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', controller: true, blockOwnerDeletion: true });
    await s.settledUntil(() => (s.api.get('cronjobs', 'default', 'hello').status?.active ?? []).length === 1, 5_000, 'active');
    const cj = s.api.get('cronjobs', 'default', 'hello');
    expect(cj.status.active[0]).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: 'default', uid: j.metadata.uid });
    expect(cj.status.lastScheduleTime).toBe(new Date(scheduled).toISOString().replace('.000Z', 'Z'));
    await s.settledUntil(() => !!s.api.get('cronjobs', 'default', 'hello').status?.lastSuccessfulTime, 60_000, 'success');
    expect(s.api.get('cronjobs', 'default', 'hello').status.active).toBeUndefined();
    await s.settledAdvance(5 * 60_000 + 30_000);
    const names = s.api.list('jobs', 'default').items.filter((x) => !x.metadata.deletionTimestamp).map((x) => x.metadata.name).sort();
    expect(names).toHaveLength(3);
    const ev = s.events('hello').map((e) => `${e.reason} ${e.message}`);
    expect(ev[0]).toBe(`SuccessfulCreate Created job ${j.metadata.name}`);
    expect(ev).toContain(`SawCompletedJob Saw completed job: ${j.metadata.name}, condition: Complete`);
    expect(ev).toContain(`SuccessfulDelete Deleted job ${j.metadata.name}`);
    expect(s.events('hello')[0].source).toEqual({ component: 'cronjob-controller' });
  });

  it('Forbid skips while a job runs; Replace deletes the running one', async () => {
    const s = sim(22);
    s.api.create('cronjobs', 'default', cronjob('fb', '* * * * *', 'sleep 3600', { concurrencyPolicy: 'Forbid' }));
    s.api.create('cronjobs', 'default', cronjob('rp', '* * * * *', 'sleep 3600', { concurrencyPolicy: 'Replace' }));
    await s.settledAdvance(3 * 60_000 + 30_000);
    const jobsOf = (n: string) => s.api.list('jobs', 'default').items.filter((j) => j.metadata.ownerReferences?.[0]?.name === n && !j.metadata.deletionTimestamp);
    expect(jobsOf('fb')).toHaveLength(1);
    expect(s.events('fb').map((e) => e.reason)).toContain('JobAlreadyActive');
    expect(s.events('fb').find((e) => e.reason === 'JobAlreadyActive')!.message).toBe('Not starting job because prior execution is running and concurrency policy is Forbid');
    expect(jobsOf('rp')).toHaveLength(1);
    expect(s.events('rp').filter((e) => e.reason === 'SuccessfulDelete').length).toBeGreaterThanOrEqual(2);
    expect(s.api.get('cronjobs', 'default', 'rp').status.active).toHaveLength(1);
  });

  it('suspend stops scheduling', async () => {
    const s = sim(23);
    s.api.create('cronjobs', 'default', cronjob('sus', '* * * * *', 'true', { suspend: true }));
    await s.settledAdvance(3 * 60_000);
    expect(s.api.list('jobs', 'default').items).toHaveLength(0);
  });

  it('reports an unparseable schedule', async () => {
    const s = sim(24);
    s.api.create('cronjobs', 'default', cronjob('bad', '* * * *', 'true'));
    await s.settledAdvance(5_000);
    expect(s.events('bad').map((e) => [e.type, e.reason, e.message])).toEqual([['Warning', 'UnparseableSchedule', 'unparseable schedule: "* * * *" : expected exactly 5 fields, found 4: [* * * *]']]);
  });
});
