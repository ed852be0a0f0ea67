import { describe, expect, it } from 'vitest';
import { NodeInfo, podInfoOf } from '../src/sim/scheduler/node-info';
import { CycleState } from '../src/sim/scheduler/framework/types';
import { PodTopologySpread } from '../src/sim/scheduler/plugins/PodTopologySpread';
import type { Obj } from '../src/sim/client/types';

const node = (name: string, zone: string): NodeInfo =>
  new NodeInfo({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } });
const pod = (name: string, labels: Record<string, string>, spec: Obj = {}): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });

describe('PodTopologySpread scoring (upstream scoring.go)', () => {
  it("counts every node of a feasible node's zone, not only the feasible ones", () => {
    // zone a: a1 feasible and empty, a2 not feasible (filtered out) with 3 matching pods; zone b: b1 feasible with 1
    const a1 = node('a1', 'a');
    const a2 = node('a2', 'a');
    const b1 = node('b1', 'b');
    for (let i = 0; i < 3; i++) a2.addPod(podInfoOf(pod(`x${i}`, { app: 'web' })));
    b1.addPod(podInfoOf(pod('y', { app: 'web' })));
    const pl = new PodTopologySpread(() => ({ nodes: [a1, a2, b1], withAffinity: [], withRequiredAntiAffinity: [], images: new Map() }));
    const incoming = pod('new', { app: 'web' }, { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] });
    const state = new CycleState();
    expect(pl.preScore(state, incoming, [a1, b1]).isSuccess()).toBe(true);
    // two domains among the feasible nodes: weight log(2+2); zone a holds 3 pods, zone b 1
    const w = Math.log(4);
    const scores = Float64Array.from([a1, b1].map((n) => pl.score(state, incoming, n)));
    expect(Array.from(scores)).toEqual([Math.round(3 * w), Math.round(1 * w)]);
    pl.normalize(state, incoming, scores, [a1, b1]);
    // the emptier zone wins: b1 gets the full score
    expect(scores[1]).toBe(100);
    expect(scores[0]).toBeLessThan(scores[1]);
  });

  it('hostname constraints count the node itself and weigh by the number of scored nodes', () => {
    const a1 = node('a1', 'a');
    const b1 = node('b1', 'b');
    a1.addPod(podInfoOf(pod('x', { app: 'web' })));
    a1.addPod(podInfoOf(pod('z', { app: 'other' })));
    const pl = new PodTopologySpread(() => ({ nodes: [a1, b1], withAffinity: [], withRequiredAntiAffinity: [], images: new Map() }));
    const incoming = pod('new', { app: 'web' }, { topologySpreadConstraints: [{ maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] });
    const state = new CycleState();
    pl.preScore(state, incoming, [a1, b1]);
    expect(pl.score(state, incoming, a1)).toBe(Math.round(1 * Math.log(4) + 1));
    expect(pl.score(state, incoming, b1)).toBe(1);
  });
});
