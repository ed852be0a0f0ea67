import { describe, expect, it } from 'vitest';
import { podSpec, running, sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';

const TAINT = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
const failed = (s: ReturnType<typeof sim>, name: string) => s.events(name).filter((e) => e.reason === 'FailedScheduling').map((e) => e.message);
const antiPod = (name: string, app: string, key = 'kubernetes.io/hostname'): Obj =>
  podSpec(name, 'nginx:1.27', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: key }] } } });

describe('InterPodAffinity', () => {
  it('required anti-affinity: one pod per node, the third stays Pending with the upstream reason', () => {
    const s = sim(81);
    for (const n of ['a1', 'a2', 'a3']) {
      const p = antiPod(n, 'cache');
      p.metadata.labels = { app: 'cache' };
      s.api.create('pods', 'default', p);
    }
    s.advance(20_000);
    const placed = ['a1', 'a2', 'a3'].map((n) => s.pod(n)!.spec.nodeName).filter(Boolean);
    expect(placed.sort()).toEqual(['node01', 'node02']);
    const pending = ['a1', 'a2', 'a3'].find((n) => !s.pod(n)!.spec.nodeName)!;
    expect(failed(s, pending)[0]).toBe(`0/3 nodes are available: ${TAINT}, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`);
  });

  it("existing pods' anti-affinity keeps a matching pod away", () => {
    const s = sim(82);
    const guard = antiPod('guard', 'intruder');
    s.api.create('pods', 'default', guard);
    s.until(() => running(s.pod('guard')), 30_000, 'guard');
    const p = podSpec('intruder', 'nginx:1.27', { nodeSelector: { 'kubernetes.io/hostname': s.pod('guard')!.spec.nodeName } });
    p.metadata.labels = { app: 'intruder' };
    s.api.create('pods', 'default', p);
    s.advance(10_000);
    expect(s.pod('intruder')!.spec.nodeName).toBeUndefined();
    expect(failed(s, 'intruder')[0]).toContain("node(s) didn't satisfy existing pods anti-affinity rules");
  });

  it('required affinity: follows the pod it needs; without one anywhere, pending with the upstream reason', () => {
    const s = sim(83);
    const follower = podSpec('follower', 'nginx:1.27', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } } });
    s.api.create('pods', 'default', follower);
    s.advance(10_000);
    expect(s.pod('follower')!.spec.nodeName).toBeUndefined();
    expect(failed(s, 'follower')[0]).toBe(`0/3 nodes are available: ${TAINT}, 2 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`);
    const db = podSpec('db');
    db.metadata.labels = { app: 'db' };
    s.api.create('pods', 'default', db);
    s.until(() => !!s.pod('follower')?.spec.nodeName, 400_000, 'follower scheduled');
    expect(s.pod('follower')!.spec.nodeName).toBe(s.pod('db')!.spec.nodeName);
  });

  it("CoreDNS's preferred anti-affinity spreads its two replicas when several nodes can take them", () => {
    // kubeasz (the ha scenario) installs CoreDNS after every node has joined
    const s = sim(84, 'ha');
    const nodes = s.pods('kube-system', 'k8s-app=kube-dns').map((p) => p.spec.nodeName);
    expect(nodes).toHaveLength(2);
    expect(new Set(nodes).size).toBe(2);
  });

  it('kubeadm: CoreDNS is scheduled at init, before the workers join, so both replicas run on the control plane', () => {
    const s = sim(84);
    expect(s.pods('kube-system', 'k8s-app=kube-dns').map((p) => p.spec.nodeName)).toEqual(['controlplane', 'controlplane']);
    const age = (n: string) => Date.parse(s.api.get('nodes', undefined, n).metadata.creationTimestamp!);
    expect(age('node01') - age('controlplane')).toBeGreaterThanOrEqual(60_000);
  });
});

describe('PodTopologySpread', () => {
  it('DoNotSchedule maxSkew 1 over hostnames: 2+2, the fifth pending', () => {
    const s = sim(85);
    for (let i = 0; i < 5; i++) {
      const p = podSpec(`s${i}`, 'nginx:1.27', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'spread' } } }], nodeSelector: { 'kubernetes.io/os': 'linux' } });
      p.metadata.labels = { app: 'spread' };
      s.api.create('pods', 'default', p);
    }
    s.advance(20_000);
    const by = new Map<string, number>();
    for (let i = 0; i < 5; i++) {
      const n = s.pod(`s${i}`)!.spec.nodeName;
      if (n) by.set(n, (by.get(n) ?? 0) + 1);
    }
    // controlplane counts as a domain (it matches the node selector) but is tainted: its 0 pins the minimum
    expect([...by.values()].reduce((a, b) => a + b, 0)).toBeLessThan(5);
    const pending = [0, 1, 2, 3, 4].map((i) => `s${i}`).filter((n) => !s.pod(n)!.spec.nodeName);
    expect(failed(s, pending[0])[0]).toMatch(/^0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 2 node\(s\) didn't match pod topology spread constraints\. /);
  });

  it('a node without the topology key: (missing required label)', () => {
    const s = sim(86);
    const p = podSpec('zonal', 'nginx:1.27', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { run: 'zonal' } } }] });
    s.api.create('pods', 'default', p);
    s.advance(10_000);
    expect(failed(s, 'zonal')[0]).toBe(`0/3 nodes are available: ${TAINT}, 2 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`);
  });

  it('default constraints spread a Deployment over the workers', () => {
    const s = sim(87);
    s.api.create('deployments', 'default', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 6, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } });
    s.until(() => s.pods('default', 'app=web').filter((p) => p.spec.nodeName).length === 6, 60_000, 'scheduled');
    const on1 = s.pods('default', 'app=web').filter((p) => p.spec.nodeName === 'node01').length;
    expect(on1).toBe(3);
  });
});

describe('NodePorts', () => {
  it('a second pod with the same hostPort goes elsewhere; a third stays Pending', () => {
    const s = sim(88);
    for (const n of ['h1', 'h2', 'h3']) s.api.create('pods', 'default', podSpec(n, 'nginx:1.27', { containers: [{ name: n, image: 'nginx:1.27', ports: [{ containerPort: 80, hostPort: 8080 }] }] }));
    s.advance(20_000);
    const nodes = ['h1', 'h2', 'h3'].map((n) => s.pod(n)!.spec.nodeName).filter(Boolean);
    expect(nodes.sort()).toEqual(['node01', 'node02']);
    const pending = ['h1', 'h2', 'h3'].find((n) => !s.pod(n)!.spec.nodeName)!;
    expect(failed(s, pending)[0]).toBe(`0/3 nodes are available: ${TAINT}, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`);
  });
});

describe('NodeResourcesFit scoring strategies', () => {
  it('MostAllocated, LeastAllocated and RequestedToCapacityRatio score like upstream', async () => {
    const { leastRequestedScore, mostRequestedScore, shapeScore } = await import('../src/sim/scheduler/plugins/NodeResourcesFit');
    expect(leastRequestedScore(1100, 2000)).toBe(45);
    expect(mostRequestedScore(1100, 2000)).toBe(55);
    expect(mostRequestedScore(3000, 2000)).toBe(100);
    const binPack = [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }];
    expect(shapeScore(binPack, 55)).toBe(55);
    expect(shapeScore([{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }], 55)).toBe(45);
  });
});
