/**
 * The CronJob controller (pkg/controller/cronjob, v2): on the virtual clock, creates the Job
 * `<cronjob>-<scheduled time in minutes since the epoch>` at each schedule time, honours
 * concurrencyPolicy (Allow / Forbid / Replace), startingDeadlineSeconds, suspend, and the
 * successful/failed history limits; keeps status.active, lastScheduleTime, lastSuccessfulTime.
 */
import type { Obj } from '../../client/types';
import { parseTime, toRFC3339 } from '../../core/clock';
import { canonicalJSON } from '../../core/hash';
import { controllerRef } from '../../api/helpers/pod';
import type { SyncResult } from '../../client/workqueue';
import { Controller, splitKey } from '../controller';
import { ownerRefTo } from '../pod-control';
import { mostRecentTime, nextTime, parseSchedule, type Schedule } from './cron';

export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
const NEXT_SCHEDULE_DELTA_MS = 100;

function finishedCondition(job: Obj): string | undefined {
  const c = (job.status?.conditions ?? []).find((x: Obj) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.type;
}

/** RFC 1123Z, as Go formats time.RFC1123Z: `Mon, 02 Jan 2006 15:04:05 -0700`. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export class CronJobController extends Controller {
  readonly name = 'cronjob-controller';

  protected register(): void {
    this.informers.on('cronjobs', {
      add: (cj) => this.enqueue(cj),
      update: (o, n) => {
        if (canonicalJSON(o.spec) !== canonicalJSON(n.spec) || o.metadata.resourceVersion !== n.metadata.resourceVersion) this.enqueue(n);
      },
    });
    const onJob = (j: Obj) => {
      const ref = controllerRef(j);
      if (ref?.kind === 'CronJob') this.enqueue(`${j.metadata.namespace}/${ref.name}`);
    };
    this.informers.on('jobs', { add: onJob, update: (_o, j) => onJob(j), delete: onJob });
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const cj = this.informers.get('cronjobs').getByName(ns, name);
    if (!cj || cj.metadata.deletionTimestamp) return;
    const now = this.clock.now();
    const jobs = this.informers.list('jobs', ns).filter((j) => controllerRef(j)?.uid === cj.metadata.uid);
    const status: Obj = structuredClone(cj.status ?? {});
    let active: Obj[] = status.active ?? [];

    // reconcile status.active with the Jobs that exist and are still running
    for (const j of jobs) {
      const fin = finishedCondition(j);
      const inActive = active.some((a) => a.uid === j.metadata.uid);
      if (!fin && !inActive) {
        // a running Job we own but do not list (after a restart): adopt it into active
        const st = parseTime(j.metadata.annotations?.[SCHEDULED_TIMESTAMP]);
        if (st !== undefined) active = [...active, this.ref(j)];
      } else if (fin && inActive) {
        this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${fin}`);
        active = active.filter((a) => a.uid !== j.metadata.uid);
        if (fin === 'Complete' && j.status?.completionTime) {
          const prev = parseTime(status.lastSuccessfulTime);
          const t = parseTime(j.status.completionTime)!;
          if (prev === undefined || t > prev) status.lastSuccessfulTime = j.status.completionTime;
        }
      }
    }
    active = active.filter((a) => jobs.some((j) => j.metadata.uid === a.uid));

    // history limits: delete the oldest finished Jobs beyond the limits
    this.cleanup(cj, jobs, 'Complete', cj.spec?.successfulJobsHistoryLimit);
    this.cleanup(cj, jobs, 'Failed', cj.spec?.failedJobsHistoryLimit);

    let sched: Schedule;
    try {
      sched = parseSchedule(cj.spec?.schedule ?? '');
    } catch (e) {
      this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule}" : ${(e as Error).message}`);
      this.writeStatus(cj, { ...status, active });
      return;
    }

    let requeue: number | undefined;
    if (!cj.spec?.suspend) {
      const earliest = parseTime(status.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
      const { time: scheduled } = mostRecentTime(sched, earliest, now);
      if (scheduled !== undefined) {
        const deadline = cj.spec?.startingDeadlineSeconds;
        const tooLate = deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now;
        if (tooLate) {
          this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
        } else {
          const jobName = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
          const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
          if (active.length && policy === 'Forbid') {
            this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
          } else {
            if (active.length && policy === 'Replace') {
              for (const a of active) this.deleteJob(cj, a.name);
              active = [];
            }
            if (!jobs.some((j) => j.metadata.name === jobName)) {
              try {
                const job = this.client.create('jobs', ns, this.jobFromTemplate(cj, jobName, scheduled));
                this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
                active = [...active, this.ref(job)];
              } catch (e) {
                this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${(e as Error).message}`);
              }
            }
            status.lastScheduleTime = toRFC3339(scheduled);
          }
        }
      }
      const next = nextTime(sched, now);
      if (next !== undefined) requeue = next - now + NEXT_SCHEDULE_DELTA_MS;
    }
    const out: Obj = { ...status, active };
    if (!active.length) delete out.active;
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    this.writeStatus(cj, out);
    return requeue !== undefined ? { requeueAfterMs: requeue } : undefined;
  }

  private writeStatus(cj: Obj, status: Obj): void {
    if (canonicalJSON(status) === canonicalJSON(cj.status ?? {})) return;
    try {
      this.client.update('cronjobs', cj.metadata.namespace, { ...cj, status }, 'status');
    } catch {
      this.enqueueAfter(cj, 1000);
    }
  }

  private ref(j: Obj): Obj {
    return { apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: j.metadata.namespace, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid } as unknown as Obj;
  }

  private jobFromTemplate(cj: Obj, name: string, scheduled: number): Obj {
    const t = structuredClone(cj.spec.jobTemplate ?? {});
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata.namespace,
        ...(t.metadata?.labels ? { labels: t.metadata.labels } : {}),
        annotations: { ...(t.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: toRFC3339(scheduled) },
        ownerReferences: [ownerRefTo(cj)],
      },
      spec: t.spec,
    };
  }

  private deleteJob(cj: Obj, name: string): void {
    try {
      this.client.delete('jobs', cj.metadata.namespace, name, { propagationPolicy: 'Background' });
      this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
    } catch {
      // already gone
    }
  }

  private cleanup(cj: Obj, jobs: Obj[], type: 'Complete' | 'Failed', limit: number | undefined): void {
    if (limit === undefined || limit === null) return;
    const done = jobs
      .filter((j) => finishedCondition(j) === type && !j.metadata.deletionTimestamp)
      .sort((a, b) => (parseTime(a.status?.startTime) ?? 0) - (parseTime(b.status?.startTime) ?? 0) || a.metadata.name!.localeCompare(b.metadata.name!));
    for (const j of done.slice(0, Math.max(0, done.length - limit))) this.deleteJob(cj, j.metadata.name!);
  }
}
