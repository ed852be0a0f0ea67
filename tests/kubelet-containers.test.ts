import { describe, expect, it } from 'vitest';
import { sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';

describe('kubelet: OOMKilled, sidecars, termination messages', () => {
  it('a container above its memory limit is OOMKilled (exit 137) and backs off', async () => {
    const s = sim(121);
    s.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'memory-demo-2' },
      spec: { containers: [{ name: 'memory-demo-2-ctr', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], args: [], resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } } }] },
    });
    s.api.patch('pods', 'default', 'memory-demo-2', { metadata: { annotations: { 'kube-anatomy.dev/memory-usage': '250Mi' } } }, 'merge');
    await s.settledUntil(() => (s.pod('memory-demo-2')?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1, 60_000, 'restarted');
    await s.settledUntil(() => s.pod('memory-demo-2')!.status.containerStatuses[0].state.waiting?.reason === 'CrashLoopBackOff' || !!s.pod('memory-demo-2')!.status.containerStatuses[0].lastState.terminated, 60_000, 'last state');
    const cs = s.pod('memory-demo-2')!.status.containerStatuses[0];
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('FallbackToLogsOnError puts the log tail into the terminated message', async () => {
    const s = sim(122);
    s.api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fails' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo config missing; exit 3'], terminationMessagePolicy: 'FallbackToLogsOnError' }] } });
    await s.settledUntil(() => s.pod('fails')?.status?.phase === 'Failed', 60_000, 'failed');
    expect(s.pod('fails')!.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error', message: 'config missing\n' });
  });

  it('a sidecar (restartable init container) starts first, keeps running, and does not block a Job-like pod from completing', async () => {
    const s = sim(123);
    s.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'with-sidecar' },
      spec: {
        restartPolicy: 'Never',
        initContainers: [{ name: 'logshipper', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'while true; do echo shipping; sleep 5; done'] }],
        containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo working; sleep 10'] }],
      },
    });
    await s.settledUntil(() => s.pod('with-sidecar')?.status?.containerStatuses?.[0]?.state?.running, 60_000, 'main running');
    let p = s.pod('with-sidecar')!;
    expect(p.status.initContainerStatuses[0]).toMatchObject({ name: 'logshipper', ready: true, started: true });
    expect(p.status.initContainerStatuses[0].state.running).toBeDefined();
    expect(p.status.conditions.find((c: Obj) => c.type === 'Initialized').status).toBe('True');
    expect(p.status.phase).toBe('Running');
    await s.settledUntil(() => s.pod('with-sidecar')?.status?.phase === 'Succeeded', 120_000, 'succeeded');
    p = s.pod('with-sidecar')!;
    expect(p.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });
});
