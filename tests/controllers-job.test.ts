import { describe, expect, it } from 'vitest';
import { sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';

const job = (name: string, cmd: string, spec: Obj['spec'] = {}): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name, image: 'busybox:1.36', command: ['sh', '-c', cmd] }] } }, ...spec },
});
const conds = (j: Obj) => (j.status?.conditions ?? []).map((c: Obj) => [c.type, c.status, c.reason, c.message]);

describe('Job controller', () => {
  it('defaults the Job, labels its pods and completes (status and events as upstream)', async () => {
    const s = sim(3);
    s.api.create('jobs', 'default', job('pi', 'echo 3.14; sleep 5'));
    const j0 = s.api.get('jobs', 'default', 'pi');
    const uid = j0.metadata.uid;
    expect(j0.spec).toMatchObject({ backoffLimit: 6, completionMode: 'NonIndexed', completions: 1, manualSelector: false, parallelism: 1, podReplacementPolicy: 'TerminatingOrFailed', suspend: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } } });
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(j0.spec.template.metadata.labels).toEqual(labels);
    expect(j0.metadata.labels).toEqual(labels);
    await s.settledUntil(() => s.pods('default', 'job-name=pi').length === 1, 10_000, 'pod');
    const p = s.pods('default', 'job-name=pi')[0];
    expect(p.metadata.name).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(p.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(p.metadata.ownerReferences[0]).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', controller: true, blockOwnerDeletion: true });
    await s.settledUntil(() => s.api.get('jobs', 'default', 'pi').status?.active === 1, 10_000, 'active');
    await s.settledUntil(() => !!s.api.get('jobs', 'default', 'pi').status?.completionTime, 60_000, 'complete');
    const j = s.api.get('jobs', 'default', 'pi');
    expect(conds(j)).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    expect(j.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(j.status.active).toBeUndefined();
    expect(j.status.failed).toBeUndefined();
    expect(s.events('pi').map((e) => [e.reason, e.message])).toEqual([
      ['SuccessfulCreate', `Created pod: ${p.metadata.name}`],
      ['Completed', 'Job completed'],
    ]);
    expect(s.events('pi')[0].source).toEqual({ component: 'job-controller' });
    await s.settledUntil(() => !(s.pod(p.metadata.name!)?.metadata.finalizers ?? []).length, 10_000, 'finalizer removed');
    expect(s.pod(p.metadata.name!)!.status.phase).toBe('Succeeded');
  });

  it('runs completions with parallelism', async () => {
    const s = sim(4);
    s.api.create('jobs', 'default', job('batch', 'sleep 3', { completions: 5, parallelism: 2 }));
    let maxActive = 0;
    await s.settledUntil(() => {
      const act = s.pods('default', 'job-name=batch').filter((p) => p.status?.phase !== 'Succeeded').length;
      maxActive = Math.max(maxActive, act);
      return !!s.api.get('jobs', 'default', 'batch').status?.completionTime;
    }, 120_000, 'complete');
    expect(maxActive).toBe(2);
    expect(s.api.get('jobs', 'default', 'batch').status.succeeded).toBe(5);
    expect(s.pods('default', 'job-name=batch')).toHaveLength(5);
  });

  it('fails after backoffLimit with exponential pod backoff', async () => {
    const s = sim(5);
    s.api.create('jobs', 'default', job('fail', 'exit 1', { backoffLimit: 2 }));
    await s.settledUntil(() => (s.api.get('jobs', 'default', 'fail').status?.conditions ?? []).some((c: Obj) => c.type === 'Failed'), 300_000, 'failed');
    const j = s.api.get('jobs', 'default', 'fail');
    expect(conds(j)).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(j.status.failed).toBe(3);
    expect(j.status.succeeded).toBeUndefined();
    const pods = s.pods('default', 'job-name=fail').sort((a, b) => Date.parse(a.metadata.creationTimestamp!) - Date.parse(b.metadata.creationTimestamp!));
    expect(pods).toHaveLength(3);
    const gaps = pods.slice(1).map((p, i) => Date.parse(p.metadata.creationTimestamp!) - Date.parse(pods[i].metadata.creationTimestamp!));
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    const ev = s.events('fail').map((e) => [e.type, e.reason, e.message]);
    expect(ev.at(-1)).toEqual(['Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']);
  });

  it('activeDeadlineSeconds ends a running Job with DeadlineExceeded', async () => {
    const s = sim(6);
    s.api.create('jobs', 'default', job('slow', 'sleep 3600', { activeDeadlineSeconds: 20 }));
    await s.settledUntil(() => (s.api.get('jobs', 'default', 'slow').status?.conditions ?? []).some((c: Obj) => c.type === 'Failed'), 120_000, 'failed');
    expect(conds(s.api.get('jobs', 'default', 'slow')).at(-1)).toEqual(['Failed', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline']);
  });

  it('suspend deletes active pods; resume creates them again', async () => {
    const s = sim(7);
    s.api.create('jobs', 'default', job('sus', 'sleep 3600'));
    await s.settledUntil(() => s.api.get('jobs', 'default', 'sus').status?.active === 1, 20_000, 'active');
    s.api.patch('jobs', 'default', 'sus', { spec: { suspend: true } }, 'merge');
    await s.settledUntil(() => s.pods('default', 'job-name=sus').length === 0, 60_000, 'pods gone');
    const j = s.api.get('jobs', 'default', 'sus');
    expect(conds(j)).toEqual([['Suspended', 'True', 'JobSuspended', 'Job suspended']]);
    s.api.patch('jobs', 'default', 'sus', { spec: { suspend: false } }, 'merge');
    await s.settledUntil(() => s.api.get('jobs', 'default', 'sus').status?.active === 1, 20_000, 'active again');
    expect(conds(s.api.get('jobs', 'default', 'sus'))).toEqual([['Suspended', 'False', 'JobResumed', 'Job resumed']]);
    expect(s.events('sus').map((e) => e.reason)).toEqual(expect.arrayContaining(['Suspended', 'Resumed']));
  });

  it('ttlSecondsAfterFinished deletes the finished Job and its pods', async () => {
    const s = sim(8);
    s.api.create('jobs', 'default', job('ttl', 'true', { ttlSecondsAfterFinished: 30 }));
    await s.settledUntil(() => !!s.api.get('jobs', 'default', 'ttl').status?.completionTime, 60_000, 'complete');
    await s.settledAdvance(20_000);
    expect(s.api.list('jobs', 'default').items).toHaveLength(1);
    await s.settledUntil(() => s.api.list('jobs', 'default').items.length === 0 && s.pods('default', 'job-name=ttl').length === 0, 30_000, 'deleted');
  });
});
