import { describe, expect, it } from 'vitest';
import { podSpec, running, sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';

const pvc = (name: string, extra: Obj['spec'] = {}): Obj => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra } });
const withClaim = (name: string, claim: string) => podSpec(name, 'nginx:1.27', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] });
const failed = (s: ReturnType<typeof sim>, name: string) => s.events(name).filter((e) => e.reason === 'FailedScheduling').map((e) => e.message);

describe('PersistentVolume binding and provisioning', () => {
  it('the default local-path class: Pending (WaitForFirstConsumer) until a pod uses the claim, then provisioned and Bound', () => {
    const s = sim(91);
    expect(s.api.get('storageclasses', undefined, 'local-path')).toMatchObject({ provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete' });
    s.api.create('persistentvolumeclaims', 'default', pvc('data'));
    s.advance(5_000);
    let c = s.api.get('persistentvolumeclaims', 'default', 'data');
    expect(c.spec.storageClassName).toBe('local-path');
    expect(c.status.phase).toBe('Pending');
    expect(s.events('data').map((e) => `${e.reason} ${e.message}`)).toContain('WaitForFirstConsumer waiting for first consumer to be created before binding');
    s.api.create('pods', 'default', withClaim('app', 'data'));
    s.until(() => s.api.get('persistentvolumeclaims', 'default', 'data').status.phase === 'Bound', 30_000, 'bound');
    c = s.api.get('persistentvolumeclaims', 'default', 'data');
    const node = s.pod('app')!.spec.nodeName;
    expect(c.metadata.annotations['volume.kubernetes.io/selected-node']).toBe(node);
    expect(c.spec.volumeName).toBe(`pvc-${c.metadata.uid}`);
    expect(c.status).toMatchObject({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    const pv = s.api.get('persistentvolumes', undefined, c.spec.volumeName);
    expect(pv.status.phase).toBe('Bound');
    expect(pv.spec).toMatchObject({ storageClassName: 'local-path', persistentVolumeReclaimPolicy: 'Delete', claimRef: { name: 'data', namespace: 'default', uid: c.metadata.uid } });
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'kubernetes.io/hostname', operator: 'In', values: [node] });
    const ev = s.events('data').map((e) => `${e.reason} ${e.message}`);
    expect(ev).toContain('ExternalProvisioning Waiting for a volume to be created either by the external provisioner \'rancher.io/local-path\' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.');
    expect(ev).toContain('Provisioning External provisioner is provisioning volume for claim "default/data"');
    expect(ev).toContain(`ProvisioningSucceeded Successfully provisioned volume ${pv.metadata.name}`);
    s.until(() => running(s.pod('app')), 30_000, 'app running');
    // deleting the pod and the claim deletes the volume (reclaimPolicy Delete)
    s.api.delete('pods', 'default', 'app', { gracePeriodSeconds: 0 });
    s.api.delete('persistentvolumeclaims', 'default', 'data');
    s.until(() => s.api.list('persistentvolumes', undefined).items.length === 0, 30_000, 'pv deleted');
  });

  it('a static PV binds an Immediate claim; a Retain volume is Released when the claim goes', () => {
    const s = sim(92);
    s.api.create('persistentvolumes', undefined, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', hostPath: { path: '/mnt/data' } } });
    s.advance(2_000);
    expect(s.api.get('persistentvolumes', undefined, 'pv1').status.phase).toBe('Available');
    s.api.create('persistentvolumeclaims', 'default', pvc('claim', { storageClassName: 'manual', resources: { requests: { storage: '3Gi' } } }));
    s.until(() => s.api.get('persistentvolumeclaims', 'default', 'claim').status.phase === 'Bound', 10_000, 'bound');
    const c = s.api.get('persistentvolumeclaims', 'default', 'claim');
    expect(c.spec.volumeName).toBe('pv1');
    expect(c.status.capacity).toEqual({ storage: '5Gi' });
    expect(c.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(s.api.get('persistentvolumes', undefined, 'pv1').spec.persistentVolumeReclaimPolicy).toBe('Retain');
    s.api.delete('persistentvolumeclaims', 'default', 'claim');
    s.until(() => s.api.get('persistentvolumes', undefined, 'pv1').status.phase === 'Released', 10_000, 'released');
  });

  it('scheduler: missing claim and unbound Immediate claim keep the pod Pending with upstream messages', () => {
    const s = sim(93);
    s.api.create('pods', 'default', withClaim('nope', 'missing'));
    s.api.create('persistentvolumeclaims', 'default', pvc('slow', { storageClassName: 'manual' }));
    s.api.create('pods', 'default', withClaim('waits', 'slow'));
    s.advance(10_000);
    expect(failed(s, 'nope')[0]).toBe('0/3 nodes are available: persistentvolumeclaim "missing" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    expect(failed(s, 'waits')[0]).toBe('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    // a matching volume appears: the claim binds and the pod schedules
    s.api.create('persistentvolumes', undefined, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv2' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', hostPath: { path: '/mnt/x' } } });
    s.until(() => running(s.pod('waits')), 400_000, 'waits running');
  });

  it('StatefulSet claims are provisioned per ordinal', () => {
    const s = sim(94);
    s.api.create('statefulsets', 'default', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: { serviceName: 'nginx', replicas: 2, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }, volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] },
    });
    s.until(() => s.api.get('statefulsets', 'default', 'web').status?.readyReplicas === 2, 120_000, 'ready');
    for (const n of ['www-web-0', 'www-web-1']) expect(s.api.get('persistentvolumeclaims', 'default', n).status.phase).toBe('Bound');
  });
});
