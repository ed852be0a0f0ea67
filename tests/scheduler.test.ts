import { describe, expect, it } from 'vitest';
import { podSpec, running, sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';
import { fitErrorMessage, newDiagnosis } from '../src/sim/scheduler/fit-error';
import { Status } from '../src/sim/scheduler/framework/status';
import { leastRequestedScore } from '../src/sim/scheduler/plugins/NodeResourcesFit';
import { defaultNormalizeScore } from '../src/sim/scheduler/framework/types';

const scheduledCond = (p: Obj | undefined) => p?.status?.conditions?.find((c: Obj) => c.type === 'PodScheduled');
const withCpu = (name: string, cpu: string, extra: Obj['spec'] = {}) => podSpec(name, 'nginx:1.27', { containers: [{ name, image: 'nginx:1.27', resources: { requests: { cpu } } }], ...extra });

describe('FitError message', () => {
  it('sorts the "<count> <reason>" strings and appends the preemption message', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('controlplane', Status.unresolvable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'));
    d.nodeToStatus.set('node01', Status.unschedulable('Insufficient cpu'));
    d.nodeToStatus.set('node02', Status.unschedulable('Insufficient cpu', 'Insufficient memory'));
    d.postFilterMsg = 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    expect(fitErrorMessage(3, d)).toBe(
      '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('counts nodes a PreFilter left out with the absent-nodes status', () => {
    const d = newDiagnosis();
    d.nodeToStatus.absent = Status.unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
    d.nodeToStatus.set('node01', Status.unschedulable('Too many pods'));
    expect(fitErrorMessage(3, d)).toBe("0/3 nodes are available: 1 Too many pods, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('score helpers follow upstream integer arithmetic', () => {
    expect(leastRequestedScore(1100, 2000)).toBe(45);
    const scores = Float64Array.from([0, 2, 3]);
    defaultNormalizeScore(100, true, scores);
    expect(Array.from(scores)).toEqual([100, 34, 0]);
  });
});

describe('kube-scheduler in the cluster', () => {
  const s = sim(5);

  it('never places pods on the tainted control-plane node and spreads them', () => {
    for (let i = 0; i < 6; i++) s.api.create('pods', 'default', podSpec(`p${i}`));
    s.until(() => [0, 1, 2, 3, 4, 5].every((i) => s.pod(`p${i}`)?.spec?.nodeName), 5_000);
    const nodes = [0, 1, 2, 3, 4, 5].map((i) => s.pod(`p${i}`)!.spec.nodeName);
    expect(nodes).not.toContain('controlplane');
    expect(new Set(nodes)).toEqual(new Set(['node01', 'node02']));
    const d = s.cluster.scheduler.decision('default', 'p0')!;
    expect(d.filters.controlplane.at(-1)).toEqual({ plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] });
    expect(d.feasible.sort()).toEqual(['node01', 'node02']);
    expect(Object.keys(d.scores!.node01.plugins)).toEqual(['TaintToleration', 'NodeResourcesFit', 'ImageLocality']);
    expect(d.selected).toBe(nodes[0]);
  });

  it('leaves an oversized pod Pending with the exact FailedScheduling message', () => {
    s.api.create('pods', 'default', withCpu('big', '10'));
    s.until(() => scheduledCond(s.pod('big'))?.status === 'False', 5_000);
    const msg =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const p = s.pod('big')!;
    expect(p.status.phase).toBe('Pending');
    expect(scheduledCond(p)).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg, lastProbeTime: null });
    const ev = s.events('big');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: 'Warning', reason: 'FailedScheduling', message: msg, action: 'Scheduling', reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-controlplane' });
    expect(s.cluster.scheduler.pendingPods().find((q) => q.key === 'default/big')?.location).toBe('unschedulable');
    // retried after the 5-minute flush: the event becomes a series
    s.advance(6 * 60_000);
    expect(s.events('big')[0].series?.count).toBeGreaterThanOrEqual(2);
  });

  it('explains nodeSelector and nodeName mismatches', () => {
    s.api.create('pods', 'default', podSpec('sel', 'nginx:1.27', { nodeSelector: { disktype: 'ssd' } }));
    s.until(() => scheduledCond(s.pod('sel'))?.status === 'False', 5_000);
    expect(scheduledCond(s.pod('sel')).message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    // labelling a node makes it schedulable
    s.api.patch('nodes', undefined, 'node02', { metadata: { labels: { disktype: 'ssd' } } }, 'merge');
    s.until(() => s.pod('sel')?.spec?.nodeName === 'node02', 15_000, 'sel bound after node label');
  });

  it('respects cordoned nodes', () => {
    s.api.patch('nodes', undefined, 'node01', { spec: { unschedulable: true } }, 'merge');
    s.api.patch('nodes', undefined, 'node02', { spec: { unschedulable: true } }, 'merge');
    s.advance(1000);
    s.api.create('pods', 'default', podSpec('cordoned'));
    s.until(() => scheduledCond(s.pod('cordoned'))?.status === 'False', 5_000);
    expect(scheduledCond(s.pod('cordoned')).message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    s.api.patch('nodes', undefined, 'node01', { spec: { unschedulable: false } }, 'merge');
    s.api.patch('nodes', undefined, 'node02', { spec: { unschedulable: false } }, 'merge');
    s.until(() => !!s.pod('cordoned')?.spec?.nodeName, 15_000, 'uncordon');
  });

  it('tolerating the control-plane taint allows the control-plane node', () => {
    s.api.create('pods', 'default', podSpec('cp', 'nginx:1.27', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' }, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    s.until(() => running(s.pod('cp')), 15_000);
    expect(s.pod('cp')!.spec.nodeName).toBe('controlplane');
    expect(s.pod('cp')!.status.podIP).toMatch(/^10\.244\.0\./);
  });

  it('ignores pods for other schedulers', () => {
    s.api.create('pods', 'default', podSpec('other', 'nginx:1.27', { schedulerName: 'my-scheduler' }));
    s.advance(3000);
    expect(s.pod('other')!.spec.nodeName).toBeUndefined();
    expect(s.events('other')).toHaveLength(0);
  });
});

describe('preemption', () => {
  it('evicts a lower-priority pod for a critical one', () => {
    const s = sim(9);
    s.api.create('pods', 'default', withCpu('low1', '1500m'));
    s.api.create('pods', 'default', withCpu('low2', '1500m'));
    s.until(() => running(s.pod('low1')) && running(s.pod('low2')), 20_000);
    s.api.create('pods', 'default', withCpu('vip', '1500m', { priorityClassName: 'system-cluster-critical' }));
    s.until(() => !!s.pod('vip')?.spec?.nodeName, 60_000, 'vip bound');
    const victims = ['low1', 'low2'].filter((n) => !s.pod(n) || s.pod(n)!.metadata.deletionTimestamp);
    expect(victims).toHaveLength(1);
    const ev = s.events(victims[0]).find((e) => e.reason === 'Preempted');
    expect(ev?.message).toBe(`Preempted by pod ${s.pod('vip')!.metadata.uid} on node ${s.pod('vip')!.spec.nodeName}`);
    const first = s.events('vip').find((e) => e.reason === 'FailedScheduling')!;
    expect(first.message).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
  });
});
