/**
 * The scheduler's fast paths (node-columns.ts, Framework.onlyBasicFilters, scoreAll on columns)
 * must decide exactly what the plugin-by-plugin path decides: the same node for every pod.
 */
import { describe, expect, it } from 'vitest';
import { Clock } from '../src/sim/core/clock';
import { Rng } from '../src/sim/core/rng';
import { Trace } from '../src/sim/core/trace';
import { EtcdStore } from '../src/sim/etcd/store';
import { ApiServer } from '../src/sim/apiserver/server';
import { bootstrapApiServer } from '../src/sim/apiserver/bootstrap';
import { LocalClient } from '../src/sim/client/local';
import { Scheduler } from '../src/sim/scheduler/scheduler';
import { SchedulerCache } from '../src/sim/scheduler/cache';
import { UNSCHEDULABLE, TAINTED } from '../src/sim/scheduler/node-columns';
import type { Obj } from '../src/sim/client/types';

function node(i: number): Obj {
  // a mix: small and big nodes, some cordoned, some tainted (NoSchedule or PreferNoSchedule)
  const taints = i % 7 === 3 ? [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] : i % 5 === 4 ? [{ key: 'spot', effect: 'PreferNoSchedule' }] : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `n${i}`, labels: { 'kubernetes.io/hostname': `n${i}` } },
    spec: { ...(i % 11 === 5 ? { unschedulable: true } : {}), ...(taints ? { taints } : {}) },
    status: { allocatable: { cpu: i % 3 ? '2' : '8', memory: i % 2 ? '4Gi' : '16Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}
function pod(i: number): Obj {
  const cpu = ['100m', '500m', '1', '250m'][i % 4];
  const spec: Obj['spec'] = { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu, memory: `${64 * (1 + (i % 5))}Mi` } } }] };
  if (i % 9 === 0) spec.tolerations = [{ key: 'dedicated', operator: 'Exists' }];
  if (i % 13 === 0) spec.nodeSelector = { 'kubernetes.io/hostname': `n${i % 40}` };
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default' }, spec };
}

/** Schedule 300 pods on 150 nodes; decisionLimit > 0 keeps per-plugin records (the plugin-by-plugin path). */
function placements(decisionLimit: number): Record<string, string> {
  const clock = new Clock(Date.UTC(2026, 0, 5));
  const api = new ApiServer({ etcd: new EtcdStore(clock), clock, rng: new Rng(1), trace: new Trace(10), serviceCIDR: '10.96.0.0/12' });
  const client = new LocalClient(api, 'test');
  bootstrapApiServer(client, '10.96.0.0/12');
  for (let i = 0; i < 150; i++) client.create('nodes', undefined, node(i));
  const sched = new Scheduler({ client: new LocalClient(api, 'kube-scheduler'), clock, rng: new Rng(2), decisionLimit });
  sched.start();
  clock.runDue();
  for (let i = 0; i < 300; i++) client.create('pods', 'default', pod(i));
  clock.advance(5000);
  return Object.fromEntries(client.list('pods', 'default').items.map((p) => [p.metadata.name, p.spec.nodeName ?? '']));
}

describe('scheduler fast paths', () => {
  it('place every pod exactly where the plugin-by-plugin path does', () => {
    const fast = placements(0);
    const slow = placements(500);
    expect(Object.keys(fast)).toHaveLength(300);
    expect(Object.values(fast).filter(Boolean).length).toBeGreaterThan(250);
    expect(fast).toEqual(slow);
  });

  it('keep the columns equal to each node\'s own numbers as pods and nodes change', () => {
    const c = new SchedulerCache();
    for (let i = 0; i < 20; i++) c.addNode({ ...node(i), metadata: { ...node(i).metadata, uid: `u${i}` } });
    const bound = (i: number): Obj => ({ ...pod(i), metadata: { name: `p${i}`, namespace: 'default', uid: `pu${i}` }, spec: { ...pod(i).spec, nodeName: `n${i % 20}` } });
    for (let i = 0; i < 60; i++) c.addPod(bound(i));
    for (let i = 0; i < 60; i += 3) c.removePod(bound(i));
    c.updateNode({ ...node(4), metadata: { ...node(4).metadata, uid: 'u4' }, spec: { unschedulable: true } });
    c.removeNode('n7');
    c.addNode({ ...node(30), metadata: { ...node(30).metadata, uid: 'u30' } });
    const snap = c.snapshot();
    const col = snap.columns!;
    snap.nodes.forEach((ni, i) => {
      const s = snap.slots![i];
      expect(s).toBe(ni.slot);
      expect([col.numPods[s], col.requestedMilliCPU[s], col.requestedMemory[s], col.nonZeroMilliCPU[s], col.nonZeroMemory[s], col.allocatableMilliCPU[s], col.allocatableMemory[s]]).toEqual([
        ni.numPods, ni.requestedMilliCPU, ni.requestedMemory, ni.nonZeroMilliCPU, ni.nonZeroMemory, ni.allocatableMilliCPU, ni.allocatableMemory,
      ]);
      expect(col.flags[s]).toBe((ni.unschedulable ? UNSCHEDULABLE : 0) | (ni.taints.length ? TAINTED : 0));
    });
    expect(snap.nodes.map((n) => n.name)).not.toContain('n7');
  });
});
