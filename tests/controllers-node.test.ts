import { describe, expect, it } from 'vitest';
import { deployment, running, sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';

const node = (s: ReturnType<typeof sim>, n: string) => s.api.get('nodes', undefined, n);
const ready = (n: Obj) => n.status.conditions.find((c: Obj) => c.type === 'Ready');

describe('node lifecycle: a kubelet stops', () => {
  const s = sim(51);
  s.api.create('deployments', 'default', deployment('web', 4));
  s.until(() => s.pods('default', 'app=web').filter(running).length === 4, 60_000, 'web ready');
  const victims = s.pods('default', 'app=web').filter((p) => p.spec.nodeName === 'node01');
  const kubelet = s.cluster.kubelets.get('node01')!;
  const t0 = s.cluster.clock.now();
  kubelet.stop();
  let unknownAt = 0;
  s.until(() => {
    if (!unknownAt && ready(node(s, 'node01')).status === 'Unknown') unknownAt = s.cluster.clock.now();
    return !!unknownAt;
  }, 120_000, 'node Unknown');

  it('records RegisteredNode for each node (source node-controller)', () => {
    const ev = s.events('node01').filter((e) => e.reason === 'RegisteredNode');
    expect(ev).toHaveLength(1);
    expect(ev[0].message).toBe('Node node01 event: Registered Node node01 in Controller');
    expect(ev[0].source).toEqual({ component: 'node-controller' });
  });

  it('marks the node Unknown after the 50 s grace period without heartbeat', () => {
    expect(victims.length).toBeGreaterThan(0);
    const dt = unknownAt - t0;
    expect(dt).toBeGreaterThan(40_000);
    expect(dt).toBeLessThanOrEqual(50_000 + 10_000 + 5_000);
    const n = node(s, 'node01');
    for (const c of n.status.conditions) {
      expect(c.status).toBe('Unknown');
      expect(c.reason).toBe('NodeStatusUnknown');
      expect(c.message).toBe('Kubelet stopped posting node status.');
    }
    expect(n.status.conditions.map((c: Obj) => c.type)).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']);
    expect(s.events('node01').map((e) => `${e.source.component} ${e.reason} ${e.message}`)).toContain('node-controller NodeNotReady Node node01 status is now: NodeNotReady');
  });

  it('taints the node unreachable (NoExecute with timeAdded, NoSchedule)', () => {
    s.advance(1_000);
    const taints = node(s, 'node01').spec.taints;
    expect(taints.map((t: Obj) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(taints[0].timeAdded).toMatch(/Z$/);
    expect(taints[1].timeAdded).toBeUndefined();
  });

  it("marks the node's pods Ready=False with a NodeNotReady event", () => {
    for (const v of victims) {
      const p = s.pod(v.metadata.name!)!;
      expect(p.status.conditions.find((c: Obj) => c.type === 'Ready').status).toBe('False');
      expect(p.status.phase).toBe('Running');
      expect(s.events(v.metadata.name!).map((e) => `${e.type} ${e.reason} ${e.message}`)).toContain('Warning NodeNotReady Node is not ready');
    }
  });

  it('evicts the pods 300 s after the taint (default tolerationSeconds) and replaces them elsewhere', () => {
    const v = victims[0].metadata.name!;
    const ev = s.events(v).find((e) => e.reason === 'TaintManagerEviction');
    expect(ev?.message).toBe(`Marking for deletion Pod default/${v}`);
    expect(ev?.source).toEqual({ component: 'taint-eviction-controller' });
    s.advance(250_000);
    expect(s.pod(v)!.metadata.deletionTimestamp).toBeUndefined();
    s.until(() => !!s.pod(v)?.metadata.deletionTimestamp, 60_000, 'evicted');
    const p = s.pod(v)!;
    expect(p.status.conditions.find((c: Obj) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    s.until(() => s.pods('default', 'app=web').filter((x) => running(x) && !x.metadata.deletionTimestamp).length === 4, 60_000, 'replacements');
    expect(s.pods('default', 'app=web').filter((x) => !x.metadata.deletionTimestamp).every((x) => x.spec.nodeName === 'node02')).toBe(true);
  });

  it('recovers when the kubelet starts again: Ready, taints removed, terminating pods finish', () => {
    kubelet.start();
    s.until(() => ready(node(s, 'node01')).status === 'True' && !node(s, 'node01').spec.taints, 60_000, 'node Ready again');
    s.until(() => victims.every((v) => !s.pod(v.metadata.name!)), 120_000, 'old pods gone');
  });
});
