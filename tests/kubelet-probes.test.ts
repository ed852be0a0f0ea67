import { describe, expect, it } from 'vitest';
import { sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';

const cs = (p: Obj | undefined) => p?.status?.containerStatuses?.[0];
const msgs = (s: ReturnType<typeof sim>, name: string) => s.events(name).map((e) => `${e.type} ${e.reason} ${e.message}`);

describe('kubelet probes', () => {
  it('exec liveness (the docs example): restarted after the file is removed', async () => {
    const s = sim(71);
    s.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'liveness-exec', labels: { test: 'liveness' } },
      spec: {
        containers: [{
          name: 'liveness',
          image: 'busybox:1.36',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
        }],
      },
    });
    await s.settledUntil(() => cs(s.pod('liveness-exec'))?.state?.running, 30_000, 'running');
    const startedAt = Date.parse(cs(s.pod('liveness-exec')).state.running.startedAt);
    await s.settledAdvance(25_000);
    expect(msgs(s, 'liveness-exec').filter((m) => m.includes('Unhealthy'))).toEqual([]);
    await s.settledUntil(() => cs(s.pod('liveness-exec'))?.restartCount === 1, 120_000, 'restart');
    const ev = s.events('liveness-exec');
    const unhealthy = ev.find((e) => e.reason === 'Unhealthy')!;
    expect(unhealthy.type).toBe('Warning');
    expect(unhealthy.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(unhealthy.count).toBe(3);
    expect(unhealthy.involvedObject.fieldPath).toBe('spec.containers{liveness}');
    const killing = ev.find((e) => e.reason === 'Killing')!;
    expect(killing.message).toBe('Container liveness failed liveness probe, will be restarted');
    // the 3rd failure comes ~15 s after the file went away at ~30 s
    const killedAt = Date.parse(killing.firstTimestamp);
    expect(killedAt - startedAt).toBeGreaterThanOrEqual(40_000);
    expect(killedAt - startedAt).toBeLessThanOrEqual(52_000);
    // sh ignores SIGTERM: killed after the 30 s grace period with 137
    const last = cs(s.pod('liveness-exec')).lastState.terminated;
    expect(last).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('http liveness (agnhost liveness): /healthz turns 500 after 10 s', async () => {
    const s = sim(72);
    s.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'liveness-http' },
      spec: {
        containers: [{
          name: 'liveness',
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.40',
          args: ['liveness'],
          livenessProbe: { httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'Custom-Header', value: 'Awesome' }] }, initialDelaySeconds: 3, periodSeconds: 3 },
        }],
      },
    });
    await s.settledUntil(() => cs(s.pod('liveness-http'))?.restartCount === 1, 120_000, 'restart');
    const m = msgs(s, 'liveness-http');
    expect(m).toContain('Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(m).toContain('Normal Killing Container liveness failed liveness probe, will be restarted');
  });

  it('readiness: not ready while the probe fails (nginx 404), ready on a path that answers; pod Ready follows', async () => {
    const s = sim(73);
    const pod = (name: string, path: string): Obj => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path, port: 80 }, periodSeconds: 5, initialDelaySeconds: 2 } }] },
    });
    s.api.create('pods', 'default', pod('good', '/'));
    s.api.create('pods', 'default', pod('bad', '/healthz'));
    await s.settledUntil(() => cs(s.pod('good'))?.ready === true, 60_000, 'good ready');
    await s.settledAdvance(30_000);
    const bad = s.pod('bad')!;
    expect(bad.status.phase).toBe('Running');
    expect(cs(bad)).toMatchObject({ ready: false, started: true, restartCount: 0 });
    expect(bad.status.conditions.find((c: Obj) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    expect(msgs(s, 'bad')).toContain('Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 404');
    expect(msgs(s, 'good').filter((m) => m.includes('Unhealthy'))).toEqual([]);
  });

  it('a probe on a closed port: connection refused (tcp and http)', async () => {
    const s = sim(74);
    s.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'closed' },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 }, livenessProbe: { httpGet: { path: '/', port: 8081 }, periodSeconds: 5, failureThreshold: 100 } }] },
    });
    await s.settledUntil(() => s.events('closed').filter((e) => e.reason === 'Unhealthy').length >= 2, 60_000, 'probe failures');
    const ip = s.pod('closed')!.status.podIP;
    const m = msgs(s, 'closed');
    expect(m).toContain(`Warning Unhealthy Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
    expect(m).toContain(`Warning Unhealthy Liveness probe failed: Get "http://${ip}:8081/": dial tcp ${ip}:8081: connect: connection refused`);
  });

  it('startup probe gates liveness and readiness; started=false until it succeeds', async () => {
    const s = sim(75);
    s.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'slow' },
      spec: {
        containers: [{
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep 20; touch /tmp/started; sleep 3600'],
          startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 30 },
          livenessProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5 },
        }],
      },
    });
    await s.settledUntil(() => cs(s.pod('slow'))?.state?.running, 30_000, 'running');
    await s.settledAdvance(10_000);
    expect(cs(s.pod('slow'))).toMatchObject({ started: false, ready: false });
    await s.settledUntil(() => cs(s.pod('slow'))?.started === true, 60_000, 'started');
    expect(cs(s.pod('slow')).ready).toBe(true);
    expect(cs(s.pod('slow')).restartCount).toBe(0);
    expect(msgs(s, 'slow').filter((m) => m.includes('Unhealthy')).every((m) => m.startsWith('Warning Unhealthy Startup probe failed: '))).toBe(true);
  });

  it('a failing startup probe restarts the container', async () => {
    const s = sim(76);
    s.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'never' },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', startupProbe: { httpGet: { path: '/ready', port: 80 }, periodSeconds: 2, failureThreshold: 3 } }] },
    });
    await s.settledUntil(() => cs(s.pod('never'))?.restartCount === 1, 60_000, 'restart');
    expect(msgs(s, 'never')).toContain('Normal Killing Container app failed startup probe, will be restarted');
    expect(msgs(s, 'never')).toContain('Warning Unhealthy Startup probe failed: HTTP probe failed with statuscode: 404');
  });
});
