/**
 * The Job controller (pkg/controller/job): runs pods until `completions` succeeded, at most
 * `parallelism` at a time, counting finished pods through the `batch.kubernetes.io/job-tracking`
 * finalizer; fails the Job after `backoffLimit` failures or `activeDeadlineSeconds`; honours
 * `suspend`; deletes finished Jobs after `ttlSecondsAfterFinished` (the ttl-after-finished
 * controller's work, folded in here).
 */
import type { Obj } from '../../client/types';
import { keyOf } from '../../client/informer';
import { parseTime, toRFC3339 } from '../../core/clock';
import { canonicalJSON } from '../../core/hash';
import { controllerRef, isPodReady } from '../../api/helpers/pod';
import type { SyncResult } from '../../client/workqueue';
import { Controller, splitKey } from '../controller';
import { Expectations } from '../expectations';
import { claim, podFromTemplate } from '../pod-control';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
const DEFAULT_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 6 * 60_000;

export function jobCondition(job: Obj, type: string): Obj | undefined {
  return (job.status?.conditions ?? []).find((c: Obj) => c.type === type && c.status === 'True');
}

export function isJobFinished(job: Obj): boolean {
  return !!(jobCondition(job, 'Complete') || jobCondition(job, 'Failed'));
}

const isTerminal = (p: Obj) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export class JobController extends Controller {
  readonly name = 'job-controller';
  private expectations!: Expectations;
  /** podBackoffStore: failures in a row and the time of the last one, per Job. */
  private backoff = new Map<string, { failures: number; last: number }>();

  protected register(): void {
    this.expectations = new Expectations(this.clock);
    this.informers.on('jobs', {
      add: (j) => this.enqueue(j),
      update: (_o, j) => this.enqueue(j),
      delete: (j) => {
        this.expectations.delete(keyOf(j));
        this.backoff.delete(keyOf(j));
      },
    });
    this.informers.on('pods', {
      add: (p) => {
        const k = this.ownerKey(p);
        if (k) {
          this.expectations.creationObserved(k);
          this.enqueue(k);
        } else this.orphan(p);
      },
      update: (_o, p) => {
        const k = this.ownerKey(p);
        if (k) this.enqueue(k);
        else this.orphan(p);
      },
      delete: (p) => {
        const k = this.ownerKey(p);
        if (k) {
          this.expectations.deletionObserved(k);
          this.enqueue(k);
        }
      },
    });
  }

  private ownerKey(p: Obj): string | undefined {
    const ref = controllerRef(p);
    if (!ref || ref.kind !== 'Job') return undefined;
    const j = this.informers.get('jobs').getByName(p.metadata.namespace, ref.name);
    return j && j.metadata.uid === ref.uid ? keyOf(j) : undefined;
  }

  /** A pod whose Job is gone keeps no tracking finalizer (the orphan pod cleanup). */
  private orphan(p: Obj): void {
    if (!(p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER)) return;
    const ref = controllerRef(p);
    if (ref && ref.kind !== 'Job') return;
    if (!isTerminal(p) && !p.metadata.deletionTimestamp) return;
    this.removeFinalizer(p);
  }

  private removeFinalizer(p: Obj): boolean {
    try {
      const cur = this.client.get('pods', p.metadata.namespace, p.metadata.name!);
      const fin = (cur.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
      if (fin.length === (cur.metadata.finalizers ?? []).length) return true;
      this.client.patch('pods', p.metadata.namespace, p.metadata.name!, [{ op: 'replace', path: '/metadata/finalizers', value: fin }], 'json');
      return true;
    } catch {
      return false;
    }
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const cached = this.informers.get('jobs').getByName(ns, name);
    if (!cached) return;
    // the counters live in status: read the latest, never a stale cache entry
    let job: Obj;
    try {
      job = this.client.get('jobs', ns, name);
    } catch {
      return;
    }
    if (job.metadata.uid !== cached.metadata.uid) return;
    const now = this.clock.now();
    if (isJobFinished(job)) {
      for (const p of this.informers.list('pods', ns)) if (this.ownedBy(p, job)) this.orphanAfterFinish(p);
      return this.ttl(job);
    }
    if (!this.expectations.satisfied(key)) return;

    const spec = job.spec ?? {};
    const status: Obj = structuredClone(job.status ?? {});
    const pods = claim(this.client, 'pods', job, this.informers.list('pods', ns));
    let succeeded = status.succeeded ?? 0;
    let failed = status.failed ?? 0;
    // count the finished pods still holding the tracking finalizer, then release them
    for (const p of pods) {
      if (!(p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER)) continue;
      const phase = p.status?.phase;
      let outcome: 'ok' | 'fail' | undefined;
      if (phase === 'Succeeded') outcome = 'ok';
      else if (phase === 'Failed') outcome = 'fail';
      else if (p.metadata.deletionTimestamp) outcome = 'fail';
      if (!outcome) continue;
      if (!this.removeFinalizer(p)) continue;
      if (outcome === 'ok') succeeded++;
      else {
        failed++;
        const b = this.backoff.get(key) ?? { failures: 0, last: 0 };
        this.backoff.set(key, { failures: b.failures + 1, last: now });
      }
    }
    const active = pods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
    const terminating = pods.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p)).length;
    const ready = active.filter((p) => isPodReady(p)).length;
    if (!status.startTime && !spec.suspend) status.startTime = toRFC3339(now);

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const conditions: any[] = status.conditions ?? [];
    const setCond = (type: string, st: 'True' | 'False', reason: string, message: string) => {
      const i = conditions.findIndex((c) => c.type === type);
      if (i >= 0 && conditions[i].status === st && conditions[i].reason === reason) return;
      const c = { type, status: st, lastProbeTime: toRFC3339(now), lastTransitionTime: toRFC3339(now), reason, message };
      if (i >= 0) conditions[i] = c;
      else conditions.push(c);
    };

    const completions: number | undefined = spec.completions ?? undefined;
    const parallelism: number = spec.parallelism ?? 1;
    const backoffLimit: number = spec.backoffLimit ?? 6;
    // OnFailure: container restarts of the active pods count toward the limit
    const restarts = spec.template?.spec?.restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m: number, c: Obj) => m + (c.restartCount ?? 0), 0), 0) : 0;
    let requeue: number | undefined;
    let failure: [string, string] | undefined;
    if (failed + restarts > backoffLimit) failure = ['BackoffLimitExceeded', 'Job has reached the specified backoff limit'];
    else if (spec.activeDeadlineSeconds !== undefined && status.startTime && !spec.suspend) {
      const deadline = parseTime(status.startTime)! + spec.activeDeadlineSeconds * 1000;
      if (now >= deadline) failure = ['DeadlineExceeded', 'Job was active longer than specified deadline'];
      else requeue = deadline - now;
    }
    const complete = completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;

    if (failure) {
      setCond('FailureTarget', 'True', failure[0], failure[1]);
      this.deletePods(job, active);
      if (active.length === 0 && terminating === 0) {
        setCond('Failed', 'True', failure[0], failure[1]);
        this.recorder.event(job, 'Warning', failure[0], failure[1]);
      } else requeue = 1000;
    } else if (complete) {
      setCond('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods');
      this.deletePods(job, active);
      if (active.length === 0 && terminating === 0) {
        setCond('Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods');
        status.completionTime = toRFC3339(now);
        this.recorder.event(job, 'Normal', 'Completed', 'Job completed');
      }
    } else if (spec.suspend) {
      if (!jobCondition(job, 'Suspended')) {
        setCond('Suspended', 'True', 'JobSuspended', 'Job suspended');
        this.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
      }
      this.deletePods(job, active);
    } else {
      if (jobCondition(job, 'Suspended')) {
        setCond('Suspended', 'False', 'JobResumed', 'Job resumed');
        this.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
        status.startTime = toRFC3339(now);
      }
      let want = parallelism;
      if (completions !== undefined) want = Math.min(parallelism, completions - succeeded);
      else if (succeeded > 0) want = 0;
      // a replacement only once the terminating pods are gone (TerminatingOrFailed counts them)
      if (active.length > want) this.deletePods(job, active.slice(want).reverse());
      else if (active.length < want) {
        const b = this.backoff.get(key);
        const delay = b && b.failures > 0 ? Math.min(DEFAULT_BACKOFF_MS * 2 ** (b.failures - 1), MAX_BACKOFF_MS) : 0;
        if (b && now < b.last + delay) requeue = b.last + delay - now;
        else this.createPods(job, key, want - active.length);
      }
    }

    const next: Obj = {
      ...status,
      ...(conditions.length ? { conditions } : {}),
      ...(active.length && !complete && !failure ? { active: active.length } : {}),
      ...(succeeded ? { succeeded } : {}),
      ...(failed ? { failed } : {}),
      ready,
      terminating,
      uncountedTerminatedPods: {},
    };
    if (!(active.length && !complete && !failure)) delete next.active;
    if (canonicalJSON(next) !== canonicalJSON(job.status ?? {})) {
      try {
        this.client.update('jobs', ns, { ...job, status: next }, 'status');
      } catch {
        return { requeueAfterMs: 1000 };
      }
    }
    if (isJobFinishedStatus(next)) return this.ttl({ ...job, status: next });
    return requeue !== undefined ? { requeueAfterMs: requeue } : undefined;
  }

  private ownedBy(p: Obj, job: Obj): boolean {
    return controllerRef(p)?.uid === job.metadata.uid;
  }

  /** After the Job finished: its remaining finished pods lose the tracking finalizer. */
  private orphanAfterFinish(p: Obj): void {
    if ((p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER) && (isTerminal(p) || p.metadata.deletionTimestamp)) this.removeFinalizer(p);
  }

  private createPods(job: Obj, key: string, n: number): void {
    this.expectations.expect(key, n, 0);
    let created = 0;
    for (let i = 0; i < n; i++) {
      const pod = podFromTemplate(job.spec.template, job, `${job.metadata.name}-`);
      pod.metadata.finalizers = [...(pod.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
      try {
        const p = this.client.create('pods', job.metadata.namespace, pod);
        this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`);
        created++;
      } catch (e) {
        this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`);
        break;
      }
    }
    if (created < n) this.expectations.lower(key, n - created, 0);
  }

  private deletePods(job: Obj, pods: Obj[]): void {
    for (const p of pods) {
      try {
        this.client.delete('pods', p.metadata.namespace, p.metadata.name!);
        this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      } catch {
        // gone already
      }
    }
  }

  /** ttl-after-finished: delete the Job (and, in the background, its pods) ttl seconds after it finished. */
  private ttl(job: Obj): SyncResult {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (ttl === undefined || ttl === null || job.metadata.deletionTimestamp) return;
    const c = jobCondition(job, 'Complete') ?? jobCondition(job, 'Failed');
    const finished = parseTime(job.status?.completionTime ?? c?.lastTransitionTime) ?? this.clock.now();
    const at = finished + ttl * 1000;
    if (this.clock.now() < at) return { requeueAfterMs: at - this.clock.now() };
    try {
      this.client.delete('jobs', job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Background' });
    } catch {
      // already gone
    }
    return;
  }
}

function isJobFinishedStatus(status: Obj): boolean {
  return (status.conditions ?? []).some((c: Obj) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}
