import { describe, expect, it } from 'vitest';
import { podSpec, running, sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';
import { parseImageRef, resolveImage } from '../src/sim/kubelet/images';
import { piDigits } from '../src/sim/kubelet/process';
import { PodIPAM } from '../src/sim/network/ipam';

const status = (p: Obj | undefined, c = 0) => p?.status?.containerStatuses?.[c];
const waitingReason = (p: Obj | undefined) => status(p)?.state?.waiting?.reason;

describe('kubelet: a pod from creation to Running', () => {
  const s = sim();
  const t0 = s.cluster.clock.now();
  s.api.create('pods', 'default', podSpec('web'));
  let sawCreating: Obj | undefined;
  s.until(() => {
    const p = s.pod('web');
    if (waitingReason(p) === 'ContainerCreating') sawCreating ??= p;
    return running(p);
  }, 15_000, 'web Running');
  const elapsed = s.cluster.clock.now() - t0;
  const pod = s.pod('web')!;

  it('is scheduled on a worker and Running within ~10 s of virtual time', () => {
    expect(['node01', 'node02']).toContain(pod.spec.nodeName);
    expect(elapsed).toBeLessThan(12_000);
  });

  it('passes through ContainerCreating with the upstream conditions', () => {
    expect(sawCreating).toBeDefined();
    const st = sawCreating!.status;
    expect(st.phase).toBe('Pending');
    expect(st.podIP).toBeUndefined();
    expect(st.hostIP).toBe(pod.status.hostIP);
    expect(st.conditions.map((c: Obj) => `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ''}`)).toEqual([
      'PodReadyToStartContainers=False',
      'Initialized=True',
      'Ready=False/ContainersNotReady',
      'ContainersReady=False/ContainersNotReady',
      'PodScheduled=True',
    ]);
    expect(st.conditions[2].message).toBe('containers with unready status: [web]');
    expect(st.containerStatuses[0]).toMatchObject({ name: 'web', ready: false, restartCount: 0, started: false, image: 'nginx:1.27', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } });
  });

  it('reports Running like a real kubelet', () => {
    const st = pod.status;
    expect(st.conditions.every((c: Obj) => c.status === 'True')).toBe(true);
    const node = pod.spec.nodeName === 'node01' ? '1' : '2';
    expect(st.podIP).toMatch(new RegExp(`^10\\.244\\.${node}\\.\\d+$`));
    expect(st.podIPs).toEqual([{ ip: st.podIP }]);
    expect(st.hostIPs).toEqual([{ ip: st.hostIP }]);
    expect(st.qosClass).toBe('BestEffort');
    const cs = st.containerStatuses[0];
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.image).toBe('docker.io/library/nginx:1.27');
    expect(cs.imageID).toBe('docker.io/library/nginx@sha256:cd4495bb73de9b01bf009710b80ecf4be2d298db47492f4e9e7d0b04981c4614');
    expect(cs).toMatchObject({ ready: true, started: true, restartCount: 0, lastState: {} });
    expect(cs.state.running.startedAt).toMatch(/^2026-01-05T08:1\d:\d\dZ$/);
  });

  it('records Scheduled, Pulling, Pulled, Created, Started in order', () => {
    const evs = s.events('web');
    expect(evs.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(evs[0]).toMatchObject({ type: 'Normal', action: 'Binding', reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-controlplane', message: `Successfully assigned default/web to ${pod.spec.nodeName}` });
    expect(evs[1]).toMatchObject({ message: 'Pulling image "nginx:1.27"', source: { component: 'kubelet', host: pod.spec.nodeName } });
    expect(evs[1].involvedObject.fieldPath).toBe('spec.containers{web}');
    expect(evs[2].message).toMatch(/^Successfully pulled image "nginx:1\.27" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: 72195292 bytes\.$/);
    expect(evs[3].message).toBe('Created container web');
    expect(evs[4].message).toBe('Started container web');
  });

  it('serves the nginx entrypoint log lines', () => {
    const log = s.api.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/web/log' }).body as string;
    const lines = log.split('\n');
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines[8]).toBe('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(lines[10]).toMatch(/^2026\/01\/05 08:1\d:\d\d \[notice\] 1#1: nginx\/1\.27\.5$/);
    expect(lines.at(-1)).toBe('');
    const tail = s.api.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/web/log', query: { tailLines: '2', timestamps: 'true' } }).body as string;
    expect(tail.split('\n')).toHaveLength(3);
    expect(tail).toMatch(/^2026-01-05T08:1\d:\d\d\.\d+Z 2026\/01\/05 .* start worker process 29\n/);
  });

  it('uses the image already on the node the second time', () => {
    s.api.create('pods', 'default', podSpec('web2', 'nginx:1.27', { nodeName: pod.spec.nodeName }));
    s.until(() => running(s.pod('web2')), 10_000);
    const evs = s.events('web2').map((e) => `${e.reason} ${e.message}`);
    expect(evs).toEqual(['Pulled Container image "nginx:1.27" already present on machine', 'Created Created container web2', 'Started Started container web2']);
  });

  it('stops the container gracefully and deletes the pod when it is deleted', () => {
    s.api.delete('pods', 'default', 'web');
    const p = s.pod('web')!;
    expect(p.metadata.deletionTimestamp).toBeDefined();
    expect(p.metadata.deletionGracePeriodSeconds).toBe(30);
    s.until(() => !s.pod('web'), 5_000, 'pod gone');
    const kill = s.events('web').find((e) => e.reason === 'Killing');
    expect(kill).toMatchObject({ type: 'Normal', message: 'Stopping container web' });
  });
});

describe('kubelet: failures', () => {
  const s = sim(3);

  it('ErrImagePull then ImagePullBackOff for an unknown tag, with upstream messages', () => {
    s.api.create('pods', 'default', podSpec('bad', 'nginx:doesnotexist'));
    s.until(() => waitingReason(s.pod('bad')) === 'ErrImagePull', 10_000);
    const msg = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found';
    expect(status(s.pod('bad')).state.waiting.message).toBe(msg);
    s.until(() => waitingReason(s.pod('bad')) === 'ImagePullBackOff', 10_000);
    const p = s.pod('bad')!;
    expect(status(p).state.waiting.message).toBe('Back-off pulling image "nginx:doesnotexist"');
    expect(p.status.phase).toBe('Pending');
    // the sandbox is up: the pod has its IP while the image cannot be pulled
    expect(p.status.podIP).toMatch(/^10\.244\./);
    expect(p.status.conditions[0]).toMatchObject({ type: 'PodReadyToStartContainers', status: 'True' });
    const evs = s.events('bad').map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(evs.slice(1, 6)).toEqual([
      'Normal Pulling Pulling image "nginx:doesnotexist"',
      `Warning Failed Failed to pull image "nginx:doesnotexist": ${msg}`,
      'Warning Failed Error: ErrImagePull',
      'Normal BackOff Back-off pulling image "nginx:doesnotexist"',
      'Warning Failed Error: ImagePullBackOff',
    ]);
    // it tries again after the back-off
    s.advance(40_000);
    const pulling = s.events('bad').find((e) => e.reason === 'Pulling')!;
    expect(pulling.count).toBeGreaterThanOrEqual(2);
    expect(() => s.api.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/bad/log' })).toThrow(/is waiting to start: (trying and failing to pull image|image can't be pulled)/);
  });

  it('an unknown repository is "pull access denied"', () => {
    const r = resolveImage('no-such-image-xyz');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('pull access denied, repository does not exist or may require authorization');
  });

  it('a container that keeps exiting goes into CrashLoopBackOff with doubling back-off', async () => {
    s.api.create('pods', 'default', podSpec('crashy', 'busybox:1.36', { containers: [{ name: 'crashy', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; sleep 2; exit 1'] }] }));
    await s.settledUntil(() => (status(s.pod('crashy'))?.restartCount ?? 0) >= 3 && waitingReason(s.pod('crashy')) === 'CrashLoopBackOff', 120_000);
    const p = s.pod('crashy')!;
    const cs = status(p);
    expect(p.status.phase).toBe('Running');
    expect(cs.state.waiting.message).toBe(`back-off 40s restarting failed container=crashy pod=crashy_default(${p.metadata.uid})`);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(cs.lastState.terminated.containerID).toBe(cs.containerID);
    const backoff = s.events('crashy').find((e) => e.reason === 'BackOff')!;
    expect(backoff).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container crashy in pod crashy_default(${p.metadata.uid})` });
    expect(s.events('crashy').find((e) => e.reason === 'Pulled' && e.message.includes('already present'))).toBeDefined();
    const logs = s.api.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/crashy/log', query: { previous: 'true' } }).body;
    expect(logs).toBe('starting\n');
  });

  it('busybox without a command completes at once: CrashLoopBackOff under Always, Succeeded under Never', async () => {
    s.api.create('pods', 'default', podSpec('once', 'busybox', { restartPolicy: 'Never', containers: [{ name: 'once', image: 'busybox', command: ['sh', '-c', 'echo hello'] }] }));
    await s.settledUntil(() => s.pod('once')?.status?.phase === 'Succeeded', 20_000);
    const p = s.pod('once')!;
    expect(status(p).state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(p.status.conditions.find((c: Obj) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(s.api.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/once/log' }).body).toBe('hello\n');
    s.api.create('pods', 'default', podSpec('loop', 'busybox'));
    await s.settledUntil(() => waitingReason(s.pod('loop')) === 'CrashLoopBackOff', 60_000);
  });

  it('a pod naming a node without room is rejected by the kubelet (OutOfcpu)', () => {
    s.api.create('pods', 'default', podSpec('huge', 'nginx:1.27', { nodeName: 'node01', containers: [{ name: 'huge', image: 'nginx:1.27', resources: { requests: { cpu: '10' } } }] }));
    s.until(() => s.pod('huge')?.status?.phase === 'Failed', 5_000);
    const p = s.pod('huge')!;
    expect(p.status.reason).toBe('OutOfcpu');
    expect(p.status.message).toMatch(/^Pod was rejected: Node didn't have enough resource: cpu, requested: 10000, used: \d+, capacity: 2000$/);
  });

  it('recreates a deleted mirror pod', () => {
    s.api.delete('pods', 'kube-system', 'etcd-controlplane');
    s.until(() => !!s.pod('etcd-controlplane', 'kube-system')?.status?.containerStatuses && running(s.pod('etcd-controlplane', 'kube-system')), 10_000);
  });
});

describe('kubelet building blocks', () => {
  it('normalises image references as containerd does', () => {
    expect(parseImageRef('nginx').full).toBe('docker.io/library/nginx:latest');
    expect(parseImageRef('bitnami/redis:7').full).toBe('docker.io/bitnami/redis:7');
    expect(parseImageRef('registry.k8s.io/pause:3.10').full).toBe('registry.k8s.io/pause:3.10');
    expect(parseImageRef('localhost:5000/app').full).toBe('localhost:5000/app:latest');
  });

  it('computes pi for the Job example', () => {
    expect(piDigits(30)).toBe('3.14159265358979323846264338328');
  });

  it('allocates pod IPs in order from the node CIDR, skipping .0 and .1', () => {
    const ipam = new PodIPAM('10.244.1.0/24');
    expect([ipam.allocate('a'), ipam.allocate('b')]).toEqual(['10.244.1.2', '10.244.1.3']);
    ipam.release('a');
    expect(ipam.allocate('c')).toBe('10.244.1.4');
    expect(ipam.allocate('b')).toBe('10.244.1.3');
  });
});
