import { describe, expect, it } from 'vitest';
import { Clock } from '../src/sim/core/clock';
import { Rng } from '../src/sim/core/rng';
import { Trace } from '../src/sim/core/trace';
import { EtcdStore } from '../src/sim/etcd/store';
import { ApiServer } from '../src/sim/apiserver/server';
import { bootstrapApiServer } from '../src/sim/apiserver/bootstrap';
import { LocalClient } from '../src/sim/client/local';
import { ApiError } from '../src/sim/core/errors';
import type { Obj, WatchEvent } from '../src/sim/client/types';

function setup() {
  const clock = new Clock(Date.UTC(2026, 0, 1));
  const etcd = new EtcdStore(clock);
  const api = new ApiServer({ etcd, clock, rng: new Rng(7), trace: new Trace(), serviceCIDR: '10.96.0.0/12' });
  const client = new LocalClient(api, 'test');
  bootstrapApiServer(client, '10.96.0.0/12');
  return { clock, etcd, api, client };
}

const pod = (name: string, extra: Partial<Obj> = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: name } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  ...extra,
});

function err(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('apiserver', () => {
  it('stores objects at /registry/<resource>/<ns>/<name> with resourceVersion = mod_revision', () => {
    const { client, etcd } = setup();
    const p = client.create('pods', 'default', pod('web'));
    const kv = etcd.range('/registry/pods/default/web').kvs[0];
    expect(p.metadata.resourceVersion).toBe(String(kv.modRevision));
    expect(JSON.parse(kv.value).metadata.resourceVersion).toBeUndefined();
    expect(etcd.range('/registry/services/specs/default/kubernetes').kvs).toHaveLength(1);
    expect(etcd.range('/registry/namespaces/kube-system').kvs).toHaveLength(1);
  });

  it('defaults pods as the real apiserver does', () => {
    const { client } = setup();
    const p = client.create('pods', 'default', pod('web'));
    expect(p.spec.restartPolicy).toBe('Always');
    expect(p.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(p.spec.serviceAccountName).toBe('default');
    expect(p.spec.tolerations).toHaveLength(2);
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(p.spec.volumes[0].name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
  });

  it('answers 404, 409 AlreadyExists, 409 Conflict and 422 with upstream messages', () => {
    const { client } = setup();
    expect(err(() => client.get('pods', 'default', 'nosuch')).message).toBe('pods "nosuch" not found');
    expect(err(() => client.get('deployments', 'default', 'x')).message).toBe('deployments.apps "x" not found');
    const p = client.create('pods', 'default', pod('web'));
    const e = err(() => client.create('pods', 'default', pod('web')));
    expect([e.code, e.reason, e.message]).toEqual([409, 'AlreadyExists', 'pods "web" already exists']);
    client.patch('pods', 'default', 'web', { metadata: { labels: { x: '1' } } }, 'merge');
    const stale = { ...p, metadata: { ...p.metadata, labels: { y: '2' } } };
    const c = err(() => client.update('pods', 'default', stale));
    expect(c.message).toBe('Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again');
    const inv = err(() => client.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: {} }));
    expect([inv.code, inv.message]).toEqual([422, 'Pod "bad" is invalid: spec.containers: Required value']);
  });

  it('does not bump resourceVersion on a no-op patch', () => {
    const { client } = setup();
    const p = client.create('pods', 'default', pod('web'));
    const q = client.patch('pods', 'default', 'web', { metadata: { labels: { app: 'web' } } }, 'merge');
    expect(q.metadata.resourceVersion).toBe(p.metadata.resourceVersion);
  });

  it('delivers watch events on the clock, filtered by label selector', () => {
    const { client, clock } = setup();
    const seen: WatchEvent[] = [];
    client.watch('pods', 'default', { labelSelector: 'app=web', resourceVersion: String(client.list('pods', 'default').metadata.resourceVersion) }, (e) => seen.push(e));
    client.create('pods', 'default', pod('web'));
    client.create('pods', 'default', pod('db'));
    expect(seen).toHaveLength(0); // asynchronous
    clock.runDue();
    client.patch('pods', 'default', 'web', { metadata: { labels: { app: 'other' } } }, 'merge');
    clock.runDue();
    expect(seen.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED web', 'DELETED web']);
  });

  it('strategic merge patch merges containers by name', () => {
    const { client } = setup();
    client.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'redis' }] } } },
    });
    const d = client.patch('deployments', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'a', image: 'nginx:1.28' }] } } } }, 'strategic');
    expect(d.spec.template.spec.containers.map((c: { image: string }) => c.image)).toEqual(['nginx:1.28', 'redis']);
    expect(d.metadata.generation).toBe(2);
  });

  it('allocates ClusterIPs from the service range and NodePorts from 30000-32767', () => {
    const { client } = setup();
    expect(client.get('services', 'default', 'kubernetes').spec.clusterIP).toBe('10.96.0.1');
    const s = client.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    expect(s.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(s.spec.ports[0].targetPort).toBe(80);
  });
});
