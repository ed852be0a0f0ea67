import { describe, expect, it } from 'vitest';
import { deployment, running, sim, type Sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';
import { computeHash } from '../src/sim/controllers/deployment/util';

const rsOf = (s: Sim, name: string) => s.api.list('replicasets', 'default').items.filter((r) => r.metadata.ownerReferences?.[0]?.name === name);
const readyPods = (s: Sim, sel: string) => s.pods('default', sel).filter((p) => running(p) && !p.metadata.deletionTimestamp);
const deploy = (s: Sim, name: string) => s.api.get('deployments', 'default', name);
const cond = (d: Obj, type: string) => d.status?.conditions?.find((c: Obj) => c.type === type);

describe('Deployment → ReplicaSet → Pods', () => {
  const s = sim(11);
  s.api.create('deployments', 'default', deployment('web', 3));
  s.until(() => readyPods(s, 'app=web').length === 3 && deploy(s, 'web').status?.availableReplicas === 3, 30_000, '3 ready pods');

  it('creates <deployment>-<pod-template-hash> with the revision annotations', () => {
    const rs = rsOf(s, 'web');
    expect(rs).toHaveLength(1);
    const d = deploy(s, 'web');
    const hash = computeHash(d.spec.template);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs[0].metadata.name).toBe(`web-${hash}`);
    expect(rs[0].metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs[0].spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs[0].metadata.annotations).toEqual({ 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' });
    expect(rs[0].metadata.ownerReferences[0]).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true });
    expect(rs[0].status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    for (const p of s.pods('default', 'app=web')) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.ownerReferences[0]).toMatchObject({ kind: 'ReplicaSet', name: `web-${hash}`, controller: true, blockOwnerDeletion: true });
    }
  });

  it('reports the Deployment status and conditions like upstream', () => {
    const d = deploy(s, 'web');
    const rsName = rsOf(s, 'web')[0].metadata.name;
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status.unavailableReplicas).toBeUndefined();
    expect(d.status.conditions.map((c: Obj) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`],
    ]);
  });

  it('records ScalingReplicaSet and SuccessfulCreate events', () => {
    const rsName = rsOf(s, 'web')[0].metadata.name!;
    expect(s.events('web').map((e) => `${e.reason} ${e.message}`)).toEqual([`ScalingReplicaSet Scaled up replica set ${rsName} from 0 to 3`]);
    const created = s.events(rsName).filter((e) => e.reason === 'SuccessfulCreate');
    expect(created).toHaveLength(3);
    expect(created[0].message).toMatch(new RegExp(`^Created pod: ${rsName}-[a-z0-9]{5}$`));
    expect(created[0].source).toEqual({ component: 'replicaset-controller' });
  });

  it('scales to 5 and back to 1', () => {
    s.api.patch('deployments', 'default', 'web', { spec: { replicas: 5 } }, 'merge');
    s.until(() => readyPods(s, 'app=web').length === 5 && deploy(s, 'web').status.availableReplicas === 5, 30_000, 'scale to 5');
    const rsName = rsOf(s, 'web')[0].metadata.name!;
    s.api.request({ method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web/scale', body: { spec: { replicas: 1 } }, contentType: 'application/merge-patch+json' });
    s.until(() => s.pods('default', 'app=web').length === 1, 60_000, 'scale to 1');
    expect(rsOf(s, 'web')[0].spec.replicas).toBe(1);
    expect(s.events('web').map((e) => e.message)).toEqual([
      `Scaled up replica set ${rsName} from 0 to 3`,
      `Scaled up replica set ${rsName} from 3 to 5`,
      `Scaled down replica set ${rsName} from 5 to 1`,
    ]);
    expect(s.events(rsName).filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^Deleted pod: /)]));
    expect(rsOf(s, 'web')[0].metadata.annotations['deployment.kubernetes.io/desired-replicas']).toBe('1');
  });

  it('replaces a deleted pod', () => {
    const [p] = s.pods('default', 'app=web');
    s.api.delete('pods', 'default', p.metadata.name!);
    s.until(() => readyPods(s, 'app=web').filter((x) => x.metadata.name !== p.metadata.name).length === 1, 30_000, 'replacement');
  });

  it('rolls out a new image: new ReplicaSet at full replicas, old at 0', () => {
    s.api.patch('deployments', 'default', 'web', { spec: { replicas: 4 } }, 'merge');
    s.until(() => deploy(s, 'web').status.availableReplicas === 4, 30_000);
    const oldName = rsOf(s, 'web')[0].metadata.name!;
    s.api.patch('deployments', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } }, 'strategic');
    let maxTotal = 0;
    let minAvailable = 4;
    s.until(() => {
      const d = deploy(s, 'web');
      const all = s.pods('default', 'app=web').filter((p) => !p.metadata.deletionTimestamp);
      // maxSurge bounds the ReplicaSets' spec.replicas (pods being scaled down may linger a moment)
      maxTotal = Math.max(maxTotal, rsOf(s, 'web').reduce((n, r) => n + (r.spec.replicas ?? 0), 0));
      void all;
      minAvailable = Math.min(minAvailable, readyPods(s, 'app=web').length);
      return d.status.updatedReplicas === 4 && d.status.availableReplicas === 4 && d.status.replicas === 4 && d.status.observedGeneration === d.metadata.generation;
    }, 120_000, 'rollout complete');
    const sets = rsOf(s, 'web');
    const newRS = sets.find((r) => r.metadata.name !== oldName)!;
    const oldRS = sets.find((r) => r.metadata.name === oldName)!;
    expect(newRS.spec.replicas).toBe(4);
    expect(oldRS.spec.replicas).toBe(0);
    expect(newRS.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(deploy(s, 'web').metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    // maxSurge 25% of 4 = 1, maxUnavailable 25% of 4 = 1
    expect(maxTotal).toBeLessThanOrEqual(5);
    expect(minAvailable).toBeGreaterThanOrEqual(3);
    const msgs = s.events('web').map((e) => e.message);
    expect(msgs).toContain(`Scaled up replica set ${newRS.metadata.name} from 0 to 1`);
    expect(msgs).toContain(`Scaled down replica set ${oldName} from 4 to 3`);
    const d = deploy(s, 'web');
    expect(cond(d, 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` });
    for (const p of s.pods('default', 'app=web').filter((x) => !x.metadata.deletionTimestamp)) expect(p.spec.containers[0].image).toBe('nginx:1.28');
  });

  it('rolling back to the old template reuses its ReplicaSet with a new revision', () => {
    const before = rsOf(s, 'web').map((r) => r.metadata.name).sort();
    s.api.patch('deployments', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } }, 'strategic');
    s.until(() => {
      const d = deploy(s, 'web');
      return d.status.updatedReplicas === 4 && d.status.availableReplicas === 4 && d.status.replicas === 4 && d.metadata.annotations['deployment.kubernetes.io/revision'] === '3';
    }, 120_000, 'rollback');
    expect(rsOf(s, 'web').map((r) => r.metadata.name).sort()).toEqual(before);
  });

  it('deleting the Deployment garbage-collects its ReplicaSets and pods', () => {
    s.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Background' });
    s.until(() => rsOf(s, 'web').length === 0 && s.pods('default', 'app=web').length === 0, 60_000, 'garbage collection');
  });
});

describe('other strategies and deletion policies', () => {
  const s = sim(12);

  it('Recreate scales the old ReplicaSet to 0 before the new one starts', () => {
    const d = deployment('rec', 2);
    d.spec.strategy = { type: 'Recreate' };
    s.api.create('deployments', 'default', d);
    s.until(() => deploy(s, 'rec').status?.availableReplicas === 2, 30_000);
    s.api.patch('deployments', 'default', 'rec', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'httpd:2.4' }] } } } }, 'strategic');
    let overlap = false;
    s.until(() => {
      const images = new Set(s.pods('default', 'app=rec').map((p) => p.spec.containers[0].image));
      if (images.size > 1) overlap = true;
      const st = deploy(s, 'rec').status;
      return st.updatedReplicas === 2 && st.availableReplicas === 2 && st.replicas === 2;
    }, 120_000, 'recreate');
    expect(overlap).toBe(false);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const d = deployment('hist', 1);
    d.spec.revisionHistoryLimit = 1;
    s.api.create('deployments', 'default', d);
    for (const tag of ['1.27', '1.28', '1.29']) {
      s.api.patch('deployments', 'default', 'hist', { spec: { template: { spec: { containers: [{ name: 'nginx', image: `nginx:${tag}` }] } } } }, 'strategic');
      s.until(() => {
        const st = deploy(s, 'hist').status;
        return st?.updatedReplicas === 1 && st.availableReplicas === 1 && st.replicas === 1 && st.observedGeneration === deploy(s, 'hist').metadata.generation;
      }, 60_000, `rollout ${tag}`);
    }
    s.advance(5000);
    expect(rsOf(s, 'hist')).toHaveLength(2);
  });

  it('orphan propagation leaves the ReplicaSet without its owner', () => {
    s.api.create('deployments', 'default', deployment('orph', 1));
    s.until(() => deploy(s, 'orph').status?.availableReplicas === 1, 30_000);
    const rsName = rsOf(s, 'orph')[0].metadata.name!;
    s.api.delete('deployments', 'default', 'orph', { propagationPolicy: 'Orphan' });
    s.until(() => {
      try {
        s.api.get('deployments', 'default', 'orph');
        return false;
      } catch {
        return true;
      }
    }, 30_000, 'deployment gone');
    const rs = s.api.get('replicasets', 'default', rsName);
    expect(rs.metadata.ownerReferences).toBeUndefined();
    expect(readyPods(s, 'app=orph')).toHaveLength(1);
  });

  it('foreground propagation deletes the dependents first', () => {
    s.api.create('deployments', 'default', deployment('fg', 2));
    s.until(() => deploy(s, 'fg').status?.availableReplicas === 2, 30_000);
    s.api.delete('deployments', 'default', 'fg', { propagationPolicy: 'Foreground' });
    expect(deploy(s, 'fg').metadata.finalizers).toEqual(['foregroundDeletion']);
    let sawOwnerWaiting = false;
    s.until(() => {
      let d: Obj | undefined;
      try {
        d = deploy(s, 'fg');
      } catch {
        return true;
      }
      const pods = s.pods('default', 'app=fg');
      const rs = rsOf(s, 'fg')[0];
      // the owner waits while its dependents are being deleted in the foreground
      if (d && pods.length && pods.every((p) => p.metadata.deletionTimestamp) && rs?.metadata.finalizers?.includes('foregroundDeletion')) sawOwnerWaiting = true;
      return false;
    }, 60_000, 'foreground deletion');
    expect(sawOwnerWaiting).toBe(true);
    expect(s.pods('default', 'app=fg')).toHaveLength(0);
    expect(rsOf(s, 'fg')).toHaveLength(0);
  });

  it('deleting a namespace removes its content, then the namespace', () => {
    s.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    s.api.create('deployments', 'dev', deployment('app', 2));
    s.until(() => s.pods('dev').filter((p) => running(p)).length === 2, 30_000);
    s.api.delete('namespaces', undefined, 'dev');
    expect(s.api.get('namespaces', undefined, 'dev').status.phase).toBe('Terminating');
    s.until(() => {
      try {
        s.api.get('namespaces', undefined, 'dev');
        return false;
      } catch {
        return true;
      }
    }, 120_000, 'namespace gone');
    expect(s.api.list('pods', 'dev').items).toHaveLength(0);
    expect(s.api.list('replicasets', 'dev').items).toHaveLength(0);
  });
});

describe('DaemonSet', () => {
  const s = sim(13);

  it('keeps kube-proxy on a new node and stops it when the node goes away', () => {
    s.api.create('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node03', labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': 'node03' } }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' }, capacity: { cpu: '2', memory: '4Gi', pods: '110' } } });
    s.until(() => s.pods('kube-system', 'k8s-app=kube-proxy').some((p) => p.spec.nodeName === 'node03'), 10_000, 'daemon pod bound to node03');
    expect(s.api.get('daemonsets', 'kube-system', 'kube-proxy').status.desiredNumberScheduled).toBe(4);
    s.api.delete('nodes', undefined, 'node03');
    s.until(() => !s.pods('kube-system', 'k8s-app=kube-proxy').some((p) => p.spec.nodeName === 'node03' && !p.metadata.deletionTimestamp), 30_000, 'daemon pod removed');
  });

  it('rolls out a template change one node at a time', () => {
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] } } },
    };
    s.api.create('daemonsets', 'default', ds);
    s.until(() => s.api.get('daemonsets', 'default', 'agent').status?.numberAvailable === 2, 30_000, 'agent on both workers');
    const before = s.api.get('daemonsets', 'default', 'agent');
    expect(before.metadata.annotations['deprecated.daemonset.template.generation']).toBe('1');
    s.api.patch('daemonsets', 'default', 'agent', { spec: { template: { spec: { containers: [{ name: 'agent', image: 'busybox:1.37', command: ['sh', '-c', 'sleep 3600'] }] } } } }, 'strategic');
    s.until(() => {
      const d = s.api.get('daemonsets', 'default', 'agent');
      return d.status?.updatedNumberScheduled === 2 && d.status?.numberAvailable === 2 && d.status.observedGeneration === 2;
    }, 180_000, 'agent updated');
    const pods = s.pods('default', 'app=agent').filter((p) => !p.metadata.deletionTimestamp);
    expect(pods.every((p) => p.metadata.labels['pod-template-generation'] === '2')).toBe(true);
    expect(s.api.list('controllerrevisions', 'default').items.map((r) => r.revision).sort()).toEqual([1, 2]);
  });
});

describe('Endpoints and EndpointSlices', () => {
  const s = sim(14);
  s.api.create('deployments', 'default', deployment('web', 2));
  s.api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { app: 'web' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80 }] } });
  s.until(() => (s.api.get('endpoints', 'default', 'web').subsets?.[0]?.addresses ?? []).length === 2, 30_000, 'two endpoints');

  it('lists ready pod IPs in the Endpoints object', () => {
    const ep = s.api.get('endpoints', 'default', 'web');
    const pods = s.pods('default', 'app=web');
    expect(ep.metadata.labels).toEqual({ app: 'web' });
    expect(ep.metadata.annotations['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2026-01-05T08:1\d:\d\dZ$/);
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(ep.subsets[0].addresses.map((a: Obj) => a.ip).sort()).toEqual(pods.map((p) => p.status.podIP).sort());
    expect(ep.subsets[0].addresses[0].targetRef).toMatchObject({ kind: 'Pod', namespace: 'default' });
  });

  it('mirrors them in an EndpointSlice owned by the Service', () => {
    const slices = s.api.list('endpointslices', 'default', { labelSelector: 'kubernetes.io/service-name=web' }).items;
    expect(slices).toHaveLength(1);
    const es = slices[0];
    const svc = s.api.get('services', 'default', 'web');
    expect(es.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(es.metadata.labels).toEqual({ app: 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' });
    expect(es.metadata.ownerReferences[0]).toEqual({ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true });
    expect(es.addressType).toBe('IPv4');
    expect(es.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(es.endpoints).toHaveLength(2);
    expect(es.endpoints[0].conditions).toEqual({ ready: true, serving: true, terminating: false });
  });

  it('follows scale-down: terminating endpoints first, then gone', () => {
    s.api.patch('deployments', 'default', 'web', { spec: { replicas: 1 } }, 'merge');
    s.until(() => (s.api.get('endpoints', 'default', 'web').subsets?.[0]?.addresses ?? []).length === 1, 30_000, 'one endpoint');
    s.until(() => s.api.list('endpointslices', 'default').items[0].endpoints.length === 1, 60_000, 'slice shrinks');
  });

  it('removes Endpoints and EndpointSlices with the Service', () => {
    s.api.delete('services', 'default', 'web');
    s.until(() => s.api.list('endpoints', 'default').items.every((e) => e.metadata.name !== 'web') && s.api.list('endpointslices', 'default', { labelSelector: 'kubernetes.io/service-name=web' }).items.length === 0, 30_000, 'cleanup');
  });
});
