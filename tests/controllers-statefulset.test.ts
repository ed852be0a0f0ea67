import { describe, expect, it } from 'vitest';
import { running, sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';

const sts = (name: string, replicas: number, extra: Obj['spec'] = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name },
  spec: {
    serviceName: 'nginx',
    replicas,
    selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } },
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    ...extra,
  },
});

describe('StatefulSet controller', () => {
  const s = sim(31);
  s.api.create('statefulsets', 'default', sts('web', 3));
  const order: string[] = [];
  s.until(() => {
    for (const p of s.pods('default', 'app=nginx')) if (!order.includes(p.metadata.name!)) order.push(p.metadata.name!);
    const ss = s.api.get('statefulsets', 'default', 'web');
    return ss.status?.readyReplicas === 3;
  }, 120_000, '3 ready');

  it('creates web-0, web-1, web-2 in order, each after the previous is Ready', () => {
    expect(order).toEqual(['web-0', 'web-1', 'web-2']);
    const p0 = s.pod('web-0')!;
    const p1 = s.pod('web-1')!;
    const ready0 = Date.parse(p0.status.conditions.find((c: Obj) => c.type === 'Ready').lastTransitionTime);
    expect(Date.parse(p1.metadata.creationTimestamp!)).toBeGreaterThanOrEqual(ready0);
  });

  it('gives each pod its identity: hostname, subdomain, labels, its own claim', () => {
    const p = s.pod('web-1')!;
    const ss = s.api.get('statefulsets', 'default', 'web');
    expect(p.spec.hostname).toBe('web-1');
    expect(p.spec.subdomain).toBe('nginx');
    expect(p.metadata.labels).toEqual({ app: 'nginx', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': ss.status.updateRevision, 'statefulset.kubernetes.io/pod-name': 'web-1' });
    expect(p.metadata.ownerReferences[0]).toMatchObject({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(p.spec.volumes.find((v: Obj) => v.name === 'www')).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    const pvc = s.api.get('persistentvolumeclaims', 'default', 'www-web-1');
    expect(pvc.metadata.labels).toEqual({ app: 'nginx' });
    expect(pvc.metadata.ownerReferences).toBeUndefined();
    expect(pvc.spec).toMatchObject({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' });
  });

  it('reports status and records the upstream events', () => {
    const ss = s.api.get('statefulsets', 'default', 'web');
    expect(ss.spec).toMatchObject({ podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' } });
    expect(ss.status).toEqual({ observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: ss.status.updateRevision, updateRevision: ss.status.updateRevision, collisionCount: 0, availableReplicas: 3 });
    expect(ss.status.updateRevision).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    const ev = s.events('web').map((e) => `${e.reason} ${e.message}`);
    expect(ev.slice(0, 2)).toEqual(['SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success', 'SuccessfulCreate create Pod web-0 in StatefulSet web successful']);
    expect(ev).toContain('SuccessfulCreate create Pod web-2 in StatefulSet web successful');
    expect(s.events('web')[0].source).toEqual({ component: 'statefulset-controller' });
    const cr = s.api.list('controllerrevisions', 'default').items.filter((r) => r.metadata.ownerReferences?.[0]?.name === 'web');
    expect(cr).toHaveLength(1);
    expect(cr[0]).toMatchObject({ metadata: { name: ss.status.updateRevision }, revision: 1 });
  });

  it('replaces a deleted pod with the same name', () => {
    const uid = s.pod('web-1')!.metadata.uid;
    s.api.delete('pods', 'default', 'web-1');
    s.until(() => running(s.pod('web-1')) && s.pod('web-1')!.metadata.uid !== uid, 60_000, 'web-1 back');
  });

  it('rolls out a new template from the highest ordinal down', () => {
    s.api.patch('statefulsets', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } }, 'strategic');
    const deleted: string[] = [];
    const uids = new Map(s.pods('default', 'app=nginx').map((p) => [p.metadata.name!, p.metadata.uid]));
    s.until(() => {
      for (const p of s.pods('default', 'app=nginx')) if (p.metadata.uid !== uids.get(p.metadata.name!) && !deleted.includes(p.metadata.name!)) deleted.push(p.metadata.name!);
      const ss = s.api.get('statefulsets', 'default', 'web');
      return ss.status.updatedReplicas === 3 && ss.status.readyReplicas === 3 && ss.status.currentRevision === ss.status.updateRevision;
    }, 180_000, 'rolled');
    expect(deleted).toEqual(['web-2', 'web-1', 'web-0']);
    for (const p of s.pods('default', 'app=nginx')) expect(p.spec.containers[0].image).toBe('nginx:1.28');
  });

  it('scales down from the highest ordinal, keeping the claims', () => {
    s.api.patch('statefulsets', 'default', 'web', { spec: { replicas: 1 } }, 'merge');
    s.until(() => s.pods('default', 'app=nginx').length === 1, 120_000, 'scaled');
    expect(s.pods('default', 'app=nginx')[0].metadata.name).toBe('web-0');
    expect(s.events('web').map((e) => e.message)).toEqual(expect.arrayContaining(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']));
    expect(s.api.list('persistentvolumeclaims', 'default').items.map((c) => c.metadata.name).sort()).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('Parallel creates all pods at once', () => {
    const t = sim(32);
    const o = sts('par', 3, { podManagementPolicy: 'Parallel', selector: { matchLabels: { app: 'par' } }, template: { metadata: { labels: { app: 'par' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }, volumeClaimTemplates: [] });
    t.api.create('statefulsets', 'default', o);
    t.advance(2_000);
    expect(t.pods('default', 'app=par').map((p) => p.metadata.name).sort()).toEqual(['par-0', 'par-1', 'par-2']);
  });
});
