/**
 * The scheduler cache's snapshot (node list, HavePodsWithAffinity lists, image spread) kept up to
 * date incrementally, ImageLocality's upstream arithmetic, and the round-robin start index of
 * filtering (nextStartNodeIndex) that makes consecutive pods look at different nodes.
 */
import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../src/sim/scheduler/cache';
import { ImageLocality } from '../src/sim/scheduler/plugins/ImageLocality';
import { CycleState } from '../src/sim/scheduler/framework/types';
import { podSpec, sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';

const MB = 1024 * 1024;
const node = (name: string, images: { names: string[]; sizeBytes: number }[] = []): Obj => ({
  metadata: { name, uid: `uid-${name}`, labels: { 'kubernetes.io/hostname': name } },
  spec: {},
  status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, images },
});
const pod = (name: string, nodeName: string, spec: Record<string, unknown> = {}): Obj => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: name } },
  spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }], ...spec },
});
const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] } } };
const pref = { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' } }] } } };

describe('scheduler cache snapshot', () => {
  it('keeps the node list across pod changes and rebuilds it when nodes come and go', () => {
    const c = new SchedulerCache();
    c.addNode(node('a'));
    c.addNode(node('b'));
    const first = c.snapshot();
    c.addPod(pod('p1', 'a'));
    c.removePod(pod('p1', 'a'));
    expect(c.snapshot()).toBe(first);
    c.addNode(node('c'));
    expect(c.snapshot().nodes.map((n) => n.name)).toEqual(['a', 'b', 'c']);
    c.removeNode('a');
    expect(c.snapshot().nodes.map((n) => n.name)).toEqual(['b', 'c']);
    // a pod on a node not seen yet sits on a placeholder, outside the list until the node arrives
    c.addPod(pod('early', 'd'));
    expect(c.snapshot().nodes.map((n) => n.name)).toEqual(['b', 'c']);
    c.addNode(node('d'));
    expect(c.snapshot().nodes.map((n) => n.name)).toEqual(['b', 'c', 'd']);
    expect(c.nodeInfo('d')!.numPods).toBe(1);
  });

  it('lists the nodes hosting pods with affinity and with required anti-affinity', () => {
    const c = new SchedulerCache();
    for (const n of ['a', 'b', 'c']) c.addNode(node(n));
    c.addPod(pod('plain', 'a'));
    c.addPod(pod('anti', 'b', anti));
    c.addPod(pod('pref', 'c', pref));
    const names = () => {
      const s = c.snapshot();
      return [s.withAffinity.map((n) => n.name), s.withRequiredAntiAffinity.map((n) => n.name)];
    };
    expect(names()).toEqual([['b', 'c'], ['b']]);
    c.removePod(pod('anti', 'b', anti));
    expect(names()).toEqual([['c'], []]);
    // the pod moves (an update with another nodeName): the lists follow it
    c.addPod(pod('pref', 'a', pref));
    expect(names()).toEqual([['a'], []]);
  });

  it('counts on how many nodes each image is, updating only the node that changed', () => {
    const c = new SchedulerCache();
    c.addNode(node('a', [{ names: ['nginx:latest'], sizeBytes: 100 * MB }]));
    c.addNode(node('b', [{ names: ['nginx:latest'], sizeBytes: 100 * MB }, { names: ['redis:7'], sizeBytes: 50 * MB }]));
    expect(c.nodeInfo('a')!.imageStates.get('nginx:latest')).toMatchObject({ size: 100 * MB, numNodes: 2 });
    c.updateNode(node('b', [{ names: ['redis:7'], sizeBytes: 50 * MB }]));
    expect(c.nodeInfo('a')!.imageStates.get('nginx:latest')!.numNodes).toBe(1);
    expect(c.nodeInfo('b')!.imageStates.has('nginx:latest')).toBe(false);
    c.removeNode('b');
    expect(c.snapshot().images.has('redis:7')).toBe(false);
  });
});

describe('ImageLocality', () => {
  it('scales by spread and counts init containers in the threshold (calculatePriority)', () => {
    const c = new SchedulerCache();
    c.addNode(node('a', [{ names: ['app:1'], sizeBytes: 500 * MB }]));
    c.addNode(node('b', [{ names: ['app:1'], sizeBytes: 500 * MB }]));
    c.addNode(node('c'));
    c.addNode(node('d'));
    const pl = new ImageLocality(() => c.snapshot());
    const withInit = pod('x', '', { initContainers: [{ name: 'i', image: 'busybox' }], containers: [{ name: 'c', image: 'app:1' }] });
    // sum = 500 MB × 2/4 nodes = 250 MB; maxThreshold = 1000 MB × 2 containers
    // score = 100 × (250 − 23) / (2000 − 23) = 11 (integer division)
    expect(pl.score(new CycleState(), withInit, c.nodeInfo('a')!)).toBe(11);
    // without the init container: 100 × (250 − 23) / (1000 − 23) = 23
    expect(pl.score(new CycleState(), pod('y', '', { containers: [{ name: 'c', image: 'app:1' }] }), c.nodeInfo('a')!)).toBe(23);
    expect(pl.score(new CycleState(), withInit, c.nodeInfo('c')!)).toBe(0);
  });
});

describe('filtering start index', () => {
  it('the next pod starts filtering where the previous one stopped (nextStartNodeIndex)', () => {
    const s = sim(63);
    s.cluster.controllerManager.stop();
    for (let i = 0; i < 297; i++) s.api.create('nodes', undefined, { ...node(`w${String(i).padStart(3, '0')}`), metadata: { name: `w${String(i).padStart(3, '0')}` } });
    s.advance(1000);
    s.api.create('pods', 'default', podSpec('one'));
    s.until(() => !!s.pod('one')?.spec?.nodeName, 5_000, 'one bound');
    s.api.create('pods', 'default', podSpec('two'));
    s.until(() => !!s.pod('two')?.spec?.nodeName, 5_000, 'two bound');
    const one = s.cluster.scheduler.decision('default', 'one')!;
    const two = s.cluster.scheduler.decision('default', 'two')!;
    // 300 nodes: max(5, 50 − 300/125) = 48 % → 144 feasible nodes wanted
    expect(one.numAllNodes).toBe(300);
    expect(one.feasible).toHaveLength(144);
    expect(two.feasible).toHaveLength(144);
    // the two pods looked at disjoint windows of the node list
    const seenByOne = new Set(Object.keys(one.filters));
    expect(Object.keys(two.filters).filter((n) => seenByOne.has(n))).toEqual([]);
  });
});
