import { describe, expect, it } from 'vitest';
import { podSpec, sim } from './cluster-helpers';

describe('ResourceQuota controller', () => {
  it('reports hard and used like upstream (the dev-quota golden), then follows pods and objects', () => {
    const s = sim(111);
    s.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    s.api.create('resourcequotas', 'dev', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'dev-quota' }, spec: { hard: { 'limits.memory': '4Gi', pods: '10', 'requests.cpu': '2', 'requests.memory': '2Gi' } } });
    s.advance(2_000);
    expect(s.api.get('resourcequotas', 'dev', 'dev-quota').status).toEqual({
      hard: { 'limits.memory': '4Gi', pods: '10', 'requests.cpu': '2', 'requests.memory': '2Gi' },
      used: { 'limits.memory': '0', pods: '0', 'requests.cpu': '0', 'requests.memory': '0' },
    });
    const res = { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } };
    s.api.create('pods', 'dev', podSpec('a', 'nginx:1.27', { containers: [{ name: 'a', image: 'nginx:1.27', resources: res }] }));
    s.api.create('pods', 'dev', podSpec('b', 'nginx:1.27', { containers: [{ name: 'b', image: 'nginx:1.27', resources: { ...res, requests: { cpu: '750m', memory: '64Mi' } } }] }));
    s.advance(2_000);
    expect(s.api.get('resourcequotas', 'dev', 'dev-quota').status.used).toEqual({ 'limits.memory': '256Mi', pods: '2', 'requests.cpu': '1', 'requests.memory': '128Mi' });
    s.api.create('resourcequotas', 'dev', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'objects' }, spec: { hard: { configmaps: '5', 'count/deployments.apps': '2', services: '3' } } });
    s.api.create('configmaps', 'dev', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} });
    s.advance(2_000);
    // kube-root-ca.crt counts too, as upstream
    expect(s.api.get('resourcequotas', 'dev', 'objects').status.used).toEqual({ configmaps: '2', 'count/deployments.apps': '0', services: '0' });
  });
});
