/**
 * Scoring behaviours of kube-scheduler not covered elsewhere: preferred node affinity (NodeAffinity
 * Score, normalized to 0..100), NodeResourcesBalancedAllocation for pods with requests (skipped for
 * best-effort pods, as its PreScore does), and percentageOfNodesToScore's adaptive default
 * (numFeasibleNodesToFind: max(5, 50 − n/125) % of the nodes, at least 100).
 */
import { describe, expect, it } from 'vitest';
import { podSpec, sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';

const fakeNode = (name: string): Obj => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
  spec: {},
  status: {
    allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
    capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
  },
});

describe('scheduler scoring', () => {
  it('preferred node affinity wins the node; BalancedAllocation scores a pod with requests', () => {
    const s = sim(61);
    s.api.create('pods', 'default', podSpec('pref', 'nginx:1.27', {
      containers: [{ name: 'pref', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node02'] }] } }] } },
    }));
    s.until(() => !!s.pod('pref')?.spec?.nodeName, 5_000, 'bound');
    expect(s.pod('pref')!.spec.nodeName).toBe('node02');
    const d = s.cluster.scheduler.decision('default', 'pref')!;
    expect(d.scores!.node02.plugins.NodeAffinity.normalized).toBe(100);
    expect(d.scores!.node01.plugins.NodeAffinity.normalized).toBe(0);
    expect(d.scores!.node02.plugins.NodeAffinity.weighted).toBe(200); // NodeAffinity's default weight is 2
    expect(Object.keys(d.scores!.node01.plugins)).toContain('NodeResourcesBalancedAllocation');
    // a best-effort pod: BalancedAllocation and NodeAffinity skip themselves
    s.api.create('pods', 'default', podSpec('be'));
    s.until(() => !!s.pod('be')?.spec?.nodeName, 5_000, 'be bound');
    const plugins = Object.keys(s.cluster.scheduler.decision('default', 'be')!.scores!.node01.plugins);
    expect(plugins).not.toContain('NodeResourcesBalancedAllocation');
    expect(plugins).not.toContain('NodeAffinity');
  });

  it('percentageOfNodesToScore: with 153 nodes the adaptive default stops at 100 feasible nodes', () => {
    const s = sim(62);
    // only the scheduler matters here: no DaemonSet pods or node lifecycle for 150 fake nodes
    s.cluster.controllerManager.stop();
    for (let i = 0; i < 150; i++) s.api.create('nodes', undefined, fakeNode(`w${String(i).padStart(3, '0')}`));
    s.advance(1000);
    s.api.create('pods', 'default', podSpec('one'));
    s.until(() => !!s.pod('one')?.spec?.nodeName, 5_000, 'bound');
    const d = s.cluster.scheduler.decision('default', 'one')!;
    expect(d.numAllNodes).toBe(153);
    // 50 − 153/125 = 49 % of 153 = 74 → raised to the minimum of 100
    expect(d.feasible).toHaveLength(100);
  });
});
