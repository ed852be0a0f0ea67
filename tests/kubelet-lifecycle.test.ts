/**
 * Container lifecycle on the virtual clock: the CrashLoopBackOff back-off (10 s doubling, capped at
 * 5 min — kubelet's MaxContainerBackOff), graceful termination (SIGTERM, then SIGKILL after
 * terminationGracePeriodSeconds), and `kubectl logs --previous`.
 * Messages are the kubelet's (pkg/kubelet/kuberuntime) and the apiserver's (pod log REST).
 */
import { describe, expect, it } from 'vitest';
import { podSpec, sim, type Sim } from './cluster-helpers';
import { netsim } from './network-helpers';
import type { Obj } from '../src/sim/client/types';

const cs = (p: Obj | undefined) => p?.status?.containerStatuses?.[0];

/**
 * Advance virtual time in 1 s steps until pred holds, letting container processes (async code on
 * the shared shell) run between steps.
 */
async function until(s: Sim, pred: () => boolean, ms: number, what: string): Promise<void> {
  const end = s.cluster.clock.now() + ms;
  while (!pred()) {
    if (s.cluster.clock.now() >= end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    s.advance(1000);
    await new Promise((r) => setImmediate(r));
  }
}

describe('CrashLoopBackOff back-off', () => {
  it('doubles from 10 s and stays at 5m0s', async () => {
    const s = sim(41);
    s.api.create('pods', 'default', podSpec('crash', 'busybox:1.36', { containers: [{ name: 'crash', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] }));
    const seen: string[] = [];
    const restarts: number[] = [];
    await until(s, () => {
      const c = cs(s.pod('crash'));
      const m = /^back-off (\S+) restarting/.exec(c?.state?.waiting?.message ?? '');
      // one entry per restart: the back-off the kubelet applies before the next start
      if (m && c.restartCount > seen.length) {
        seen.push(m[1]);
        restarts.push(s.cluster.clock.now());
      }
      return seen.length >= 7;
    }, 40 * 60_000, 'seven back-off steps');
    expect(seen).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s']);
    // the gap between two capped restarts is the 5 min back-off (plus the container's short run)
    const gap = restarts[6] - restarts[5];
    expect(gap).toBeGreaterThanOrEqual(300_000);
    expect(gap).toBeLessThan(310_000);
  });
});

describe('graceful termination', () => {
  it('a process that ignores SIGTERM (sh running sleep as PID 1) is killed after the 30 s grace period', () => {
    const s = sim(42);
    s.api.create('pods', 'default', podSpec('sleeper', 'busybox:1.36', { containers: [{ name: 'sleeper', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    s.until(() => s.pod('sleeper')?.status?.phase === 'Running', 30_000, 'running');
    const t0 = s.cluster.clock.now();
    s.api.delete('pods', 'default', 'sleeper');
    expect(s.pod('sleeper')!.metadata.deletionGracePeriodSeconds).toBe(30);
    s.advance(25_000);
    expect(s.pod('sleeper')).toBeDefined(); // still Terminating
    s.until(() => !s.pod('sleeper'), 15_000, 'gone after the grace period');
    expect(s.cluster.clock.now() - t0).toBeGreaterThanOrEqual(30_000);
    expect(s.events('sleeper').find((e) => e.reason === 'Killing')?.message).toBe('Stopping container sleeper');
  });

  it('nginx exits on SIGTERM at once; --grace-period shortens the wait', () => {
    const s = sim(43);
    s.api.create('pods', 'default', podSpec('web'));
    s.api.create('pods', 'default', podSpec('quick', 'busybox:1.36', { containers: [{ name: 'quick', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    s.until(() => s.pod('web')?.status?.phase === 'Running' && s.pod('quick')?.status?.phase === 'Running', 30_000, 'running');
    const t0 = s.cluster.clock.now();
    s.api.delete('pods', 'default', 'web');
    s.api.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/quick', body: { gracePeriodSeconds: 5 }, contentType: 'application/json' });
    expect(s.pod('quick')!.metadata.deletionGracePeriodSeconds).toBe(5);
    s.until(() => !s.pod('web'), 10_000, 'nginx gone');
    expect(s.cluster.clock.now() - t0).toBeLessThan(10_000);
    s.until(() => !s.pod('quick'), 10_000, 'quick gone after 5 s');
  });
});

describe('kubectl logs --previous', () => {
  it('shows the last terminated instance; without one the apiserver says so', async () => {
    const s = netsim(44);
    s.api.create('pods', 'default', podSpec('counter', 'busybox:1.36', { containers: [{ name: 'counter', image: 'busybox:1.36', command: ['sh', '-c', 'echo run; sleep 5; exit 3'] }] }));
    s.until(() => s.pod('counter')?.status?.phase === 'Running', 30_000, 'running');
    const noPrev = await s.kubectl('logs counter --previous');
    expect(noPrev).toMatchObject({ out: '', err: 'Error from server (BadRequest): previous terminated container "counter" in pod "counter" not found\n', code: 1 });
    await until(s, () => (cs(s.pod('counter'))?.restartCount ?? 0) >= 1, 120_000, 'restarted');
    const prev = await s.kubectl('logs counter --previous');
    expect(prev).toMatchObject({ out: 'run\n', err: '', code: 0 });
    expect(cs(s.pod('counter')).lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });
});
