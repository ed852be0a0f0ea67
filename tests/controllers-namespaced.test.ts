import { describe, expect, it } from 'vitest';
import { sim } from './cluster-helpers';

const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

describe('serviceaccount controller and root-ca-cert-publisher', () => {
  const s = sim(41);

  it('every namespace of a fresh cluster has the default ServiceAccount and kube-root-ca.crt', () => {
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(s.api.get('serviceaccounts', ns, 'default').metadata.name).toBe('default');
      const cm = s.api.get('configmaps', ns, 'kube-root-ca.crt');
      expect(cm.metadata.annotations).toEqual({ 'kubernetes.io/description': DESCRIPTION });
      expect(Object.keys(cm.data)).toEqual(['ca.crt']);
      expect(cm.data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n(?:[A-Za-z0-9+/=]{64}\n)+[A-Za-z0-9+/=]*\n?-----END CERTIFICATE-----\n$/);
    }
    const pems = new Set(['default', 'kube-system'].map((ns) => s.api.get('configmaps', ns, 'kube-root-ca.crt').data['ca.crt']));
    expect(pems.size).toBe(1);
  });

  it('a new namespace gets both at once; deleted or edited ones come back', () => {
    s.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    s.advance(1_000);
    expect(s.api.get('serviceaccounts', 'dev', 'default').metadata.name).toBe('default');
    const pem = s.api.get('configmaps', 'dev', 'kube-root-ca.crt').data['ca.crt'];
    s.api.delete('serviceaccounts', 'dev', 'default');
    s.api.patch('configmaps', 'dev', 'kube-root-ca.crt', { data: { 'ca.crt': 'x', extra: 'y' } }, 'merge');
    s.advance(1_000);
    expect(s.api.get('serviceaccounts', 'dev', 'default').metadata.name).toBe('default');
    expect(s.api.get('configmaps', 'dev', 'kube-root-ca.crt').data).toEqual({ 'ca.crt': pem });
    s.api.delete('configmaps', 'dev', 'kube-root-ca.crt');
    s.advance(1_000);
    expect(s.api.get('configmaps', 'dev', 'kube-root-ca.crt').data).toEqual({ 'ca.crt': pem });
  });
});

describe('leader election', () => {
  it('kube-controller-manager and kube-scheduler hold their Leases in kube-system and renew them', () => {
    const s = sim(42);
    for (const name of ['kube-controller-manager', 'kube-scheduler']) {
      const l = s.api.get('leases', 'kube-system', name);
      expect(l.spec.holderIdentity).toMatch(/^controlplane_[0-9a-f-]{36}$/);
      expect(l.spec).toMatchObject({ leaseDurationSeconds: 15, leaseTransitions: 0 });
      const ev = s.api.list('events', 'kube-system').items.find((e) => e.involvedObject.kind === 'Lease' && e.involvedObject.name === name)!;
      expect(ev.reason).toBe('LeaderElection');
      expect(ev.message).toBe(`${l.spec.holderIdentity} became leader`);
      const before = Date.parse(l.spec.renewTime);
      s.advance(5_000);
      expect(Date.parse(s.api.get('leases', 'kube-system', name).spec.renewTime)).toBeGreaterThan(before);
    }
    // a restarted controller manager takes the lease over
    s.cluster.controllerManager.stop();
    s.cluster.controllerManager.start();
    s.advance(1_000);
    expect(s.api.get('leases', 'kube-system', 'kube-controller-manager').spec.leaseTransitions).toBe(1);
  });
});
