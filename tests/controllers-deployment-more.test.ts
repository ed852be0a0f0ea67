import { describe, expect, it } from 'vitest';
import { deployment, running, sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';

const prog = (d: Obj) => d.status.conditions.find((c: Obj) => c.type === 'Progressing');

describe('Deployment pause/resume and progress deadline', () => {
  it('paused: Progressing=Unknown DeploymentPaused, no rollout; resumed: DeploymentResumed, then rolls out', () => {
    const s = sim(61);
    s.api.create('deployments', 'default', deployment('web', 2));
    s.until(() => s.api.get('deployments', 'default', 'web').status?.availableReplicas === 2, 30_000, 'available');
    s.api.patch('deployments', 'default', 'web', { spec: { paused: true } }, 'merge');
    s.advance(2_000);
    let d = s.api.get('deployments', 'default', 'web');
    expect(d.status.conditions.map((c: Obj) => c.type)).toEqual(['Available', 'Progressing']);
    expect(prog(d)).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    s.api.patch('deployments', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } }, 'strategic');
    s.advance(10_000);
    expect(s.api.list('replicasets', 'default').items).toHaveLength(1);
    s.api.patch('deployments', 'default', 'web', { spec: { paused: false } }, 'merge');
    s.advance(1_000);
    d = s.api.get('deployments', 'default', 'web');
    expect(['DeploymentResumed', 'ReplicaSetUpdated', 'NewReplicaSetCreated']).toContain(prog(d).reason);
    s.until(() => {
      const x = s.api.get('deployments', 'default', 'web');
      return x.status.updatedReplicas === 2 && x.status.availableReplicas === 2 && prog(x).reason === 'NewReplicaSetAvailable';
    }, 60_000, 'rolled out');
    expect(s.api.list('replicasets', 'default').items).toHaveLength(2);
  });

  it('a rollout stuck on a missing image ends with ProgressDeadlineExceeded', () => {
    const s = sim(62);
    const d0 = deployment('stuck', 1, 'nginx:1.27');
    d0.spec.progressDeadlineSeconds = 30;
    s.api.create('deployments', 'default', d0);
    s.until(() => s.api.get('deployments', 'default', 'stuck').status?.availableReplicas === 1, 30_000, 'available');
    s.api.patch('deployments', 'default', 'stuck', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:no-such-tag' }] } } } }, 'strategic');
    s.until(() => prog(s.api.get('deployments', 'default', 'stuck')).reason === 'ProgressDeadlineExceeded', 120_000, 'deadline');
    const d = s.api.get('deployments', 'default', 'stuck');
    const rs = s.api.list('replicasets', 'default').items.find((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2')!;
    expect(prog(d)).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.` });
    expect(d.status.conditions.map((c: Obj) => c.type)).toEqual(['Available', 'Progressing']);
    expect(s.pods('default', 'app=stuck').filter(running)).toHaveLength(1);
  });
});
