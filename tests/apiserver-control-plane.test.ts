import { describe, expect, it } from 'vitest';
import { Clock } from '../src/sim/core/clock';
import { Rng } from '../src/sim/core/rng';
import { Trace } from '../src/sim/core/trace';
import { EtcdStore } from '../src/sim/etcd/store';
import { ApiServer } from '../src/sim/apiserver/server';
import { bootstrapApiServer } from '../src/sim/apiserver/bootstrap';
import { LocalClient } from '../src/sim/client/local';
import { ApiError } from '../src/sim/core/errors';
import type { Obj } from '../src/sim/client/types';
import type { ApiRequest } from '../src/sim/apiserver/types';
import { KUBEADM_ADMIN } from '../src/sim/api/rbac';

function setup() {
  const clock = new Clock(Date.UTC(2026, 0, 1));
  const etcd = new EtcdStore(clock);
  const trace = new Trace();
  const api = new ApiServer({ etcd, clock, rng: new Rng(7), trace, serviceCIDR: '10.96.0.0/12' });
  const client = new LocalClient(api, 'test');
  bootstrapApiServer(client, '10.96.0.0/12');
  return { clock, etcd, api, client, trace };
}

const pod = (name: string, resources?: Obj): Obj =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...(resources ? { resources } : {}) }] } }) as Obj;

function err(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const as = (api: ApiServer, req: Partial<ApiRequest> & { path: string }, user = 'jane', groups: string[] = []) =>
  api.handle({ method: 'GET', agent: 'kubectl', user, groups, ...req } as ApiRequest);

describe('discovery and kinds', () => {
  it('serves the control-plane kinds in the real group order, create-only reviews included', () => {
    const { api } = setup();
    const r = api.handle({ method: 'GET', path: '/apis', accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' });
    const names = (r.body as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name);
    expect(names).toEqual([
      'apps',
      'authentication.k8s.io',
      'authorization.k8s.io',
      'autoscaling',
      'batch',
      'networking.k8s.io',
      'policy',
      'rbac.authorization.k8s.io',
      'storage.k8s.io',
      'scheduling.k8s.io',
      'coordination.k8s.io',
      'discovery.k8s.io',
    ]);
    const core = api.handle({ method: 'GET', path: '/api/v1' }).body as { resources: { name: string; verbs: string[] }[] };
    expect(core.resources.find((x) => x.name === 'pods/eviction')!.verbs).toEqual(['create']);
    expect(core.resources.find((x) => x.name === 'serviceaccounts/token')).toBeTruthy();
  });

  it('keeps objects at the upstream etcd prefixes', () => {
    const { client, etcd } = setup();
    client.create('ingresses', 'default', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { defaultBackend: { service: { name: 's', port: { number: 80 } } } } } as Obj);
    expect(etcd.range('/registry/ingress/default/i').kvs).toHaveLength(1);
    expect(etcd.range('/registry/clusterroles/cluster-admin').kvs).toHaveLength(1);
    expect(etcd.range('/registry/priorityclasses/system-node-critical').kvs).toHaveLength(1);
  });

  it('answers GET on a create-only review with 405', () => {
    const { api } = setup();
    expect(api.handle({ method: 'GET', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' }).code).toBe(405);
  });
});

describe('RBAC', () => {
  it('lets the kubeadm admin do anything through kubeadm:cluster-admins', () => {
    const { api } = setup();
    expect(as(api, { path: '/api/v1/namespaces/default/pods' }, KUBEADM_ADMIN.name, KUBEADM_ADMIN.groups).code).toBe(200);
  });

  it('forbids with the upstream message: list, get, cluster scope', () => {
    const { api } = setup();
    const list = as(api, { path: '/api/v1/namespaces/default/pods' });
    expect(list.code).toBe(403);
    expect((list.body as { message: string }).message).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    const get = as(api, { path: '/apis/apps/v1/namespaces/default/deployments/web' });
    expect((get.body as { message: string }).message).toBe('deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"');
    const nodes = as(api, { path: '/api/v1/nodes' });
    expect((nodes.body as { message: string }).message).toBe('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
    const log = as(api, { path: '/api/v1/namespaces/default/pods/web/log' });
    expect((log.body as { message: string }).message).toBe('pods "web" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"');
  });

  it('grants through a RoleBinding to a ClusterRole (view) and via groups', () => {
    const { api, client } = setup();
    client.create('rolebindings', 'default', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'jane-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }],
    } as unknown as Obj);
    expect(as(api, { path: '/api/v1/namespaces/default/pods' }).code).toBe(200);
    expect(as(api, { path: '/api/v1/namespaces/kube-system/pods' }).code).toBe(403);
    expect(as(api, { method: 'DELETE', path: '/api/v1/namespaces/default/pods/x' }).code).toBe(403);
    expect(as(api, { path: '/api/v1/namespaces/default/secrets' }).code).toBe(403);
    expect(as(api, { path: '/api/v1/namespaces/default/pods' }, 'bob', ['system:masters']).code).toBe(200);
  });

  it('impersonates (kubectl --as) and checks the impersonation right', () => {
    const { api } = setup();
    const r = api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods', user: KUBEADM_ADMIN.name, groups: KUBEADM_ADMIN.groups, impersonate: { user: 'jane' } });
    expect(r.code).toBe(403);
    expect((r.body as { message: string }).message).toContain('User "jane" cannot list');
    const denied = api.handle({ method: 'GET', path: '/api/v1/pods', user: 'jane', impersonate: { user: 'admin' } });
    expect((denied.body as { message: string }).message).toBe('users "admin" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope');
  });

  it('answers SelfSubjectAccessReview (kubectl auth can-i) with the RBAC reason', () => {
    const { api } = setup();
    const body = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } } };
    const yes = api.handle({ method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body, user: KUBEADM_ADMIN.name, groups: KUBEADM_ADMIN.groups });
    expect(yes.code).toBe(201);
    expect((yes.body as { status: unknown }).status).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
    });
    const no = api.handle({ method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body, user: 'jane' });
    expect((no.body as { status: unknown }).status).toEqual({ allowed: false });
  });

  it('aggregates admin ⊇ edit ⊇ view', () => {
    const { client } = setup();
    const rules = (n: string) => JSON.stringify(client.get('clusterroles', undefined, n).rules);
    expect(rules('view')).toContain('pods/log');
    expect(rules('edit')).toContain('pods/log');
    expect(rules('admin')).toContain('localsubjectaccessreviews');
    expect(rules('view')).not.toContain('secrets');
  });
});

describe('admission', () => {
  it('Priority: resolves PriorityClasses, globalDefault, and rejects unknown names', () => {
    const { client } = setup();
    expect(client.create('pods', 'default', { ...pod('a'), spec: { ...pod('a').spec, priorityClassName: 'system-node-critical' } } as Obj).spec.priority).toBe(2000001000);
    const e = err(() => client.create('pods', 'default', { ...pod('b'), spec: { ...pod('b').spec, priorityClassName: 'nope' } } as Obj));
    expect(e.code).toBe(403);
    expect(e.message).toBe('pods "b" is forbidden: no PriorityClass with name nope was found');
    client.create('priorityclasses', undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, globalDefault: true } as unknown as Obj);
    const c = client.create('pods', 'default', pod('c'));
    expect(c.spec.priorityClassName).toBe('high');
    expect(c.spec.priority).toBe(1000);
  });

  it('LimitRanger: defaults, annotation, and max with the upstream message', () => {
    const { client } = setup();
    client.create('limitranges', 'default', {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'lr' },
      spec: { limits: [{ type: 'Container', max: { cpu: '1' }, default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }] },
    } as unknown as Obj);
    const p = client.create('pods', 'default', pod('d'));
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(p.metadata.annotations!['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web');
    const e = err(() => client.create('pods', 'default', pod('big', { limits: { cpu: '2' } })));
    expect(e.message).toBe('pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });

  it('ResourceQuota: status.used tracks counts and requests; exceeding is forbidden with the exact text', () => {
    const { client } = setup();
    client.create('resourcequotas', 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '2', 'requests.cpu': '1' } } } as unknown as Obj);
    expect(client.get('resourcequotas', 'default', 'q').status).toEqual({ hard: { pods: '2', 'requests.cpu': '1' }, used: { pods: '0', 'requests.cpu': '0' } });
    const missing = err(() => client.create('pods', 'default', pod('x')));
    expect(missing.message).toBe('pods "x" is forbidden: failed quota: q: must specify requests.cpu for: web');
    client.create('pods', 'default', pod('p1', { requests: { cpu: '600m' } }));
    expect(client.get('resourcequotas', 'default', 'q').status.used).toEqual({ pods: '1', 'requests.cpu': '600m' });
    const over = err(() => client.create('pods', 'default', pod('p2', { requests: { cpu: '500m' } })));
    expect(over.code).toBe(403);
    expect(over.message).toBe('pods "p2" is forbidden: exceeded quota: q, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1');
    client.delete('pods', 'default', 'p1');
    expect(client.get('resourcequotas', 'default', 'q').status.used).toEqual({ pods: '0', 'requests.cpu': '0' });
  });

  it('DefaultStorageClass fills storageClassName', () => {
    const { client } = setup();
    client.create('storageclasses', undefined, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
    } as unknown as Obj);
    const pvc = client.create('persistentvolumeclaims', 'default', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    } as unknown as Obj);
    expect(pvc.spec.storageClassName).toBe('local');
  });
});

describe('tracing', () => {
  it('records the apiserver → etcd hop of each request', () => {
    const { client, trace } = setup();
    trace.clear();
    client.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } } as unknown as Obj);
    client.get('configmaps', 'default', 'c');
    const hops = trace.recent().map((e) => `${e.from}>${e.to} ${e.verb} ${e.resource}`);
    expect(hops).toEqual(['kube-apiserver>etcd txn configmaps', 'test>kube-apiserver create configmaps', 'kube-apiserver>etcd range configmaps', 'test>kube-apiserver get configmaps']);
  });
});

describe('eviction', () => {
  const running = (client: LocalClient, name: string) => {
    const p = client.create('pods', 'default', { ...pod(name), metadata: { name, labels: { app: 'web' } } } as Obj);
    const st = { ...p, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } };
    return client.request({ method: 'PUT', path: `/api/v1/namespaces/default/pods/${name}/status`, body: st }).body as Obj;
  };
  const evictReq = (name: string) => ({ method: 'POST' as const, path: `/api/v1/namespaces/default/pods/${name}/eviction`, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } } });

  it('evicts when the PDB allows a disruption and refuses with 429 when it does not', () => {
    const { api, client } = setup();
    running(client, 'w1');
    running(client, 'w2');
    client.create('poddisruptionbudgets', 'default', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } } as unknown as Obj);
    expect(api.handle(evictReq('w1')).code).toBe(201);
    const r = api.handle(evictReq('w2'));
    expect(r.code).toBe(429);
    expect(r.body).toMatchObject({ reason: 'TooManyRequests', message: "Cannot evict pod as it would violate the pod's disruption budget.", details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget pdb needs 1 healthy pods and has 2 currently' }] } });
  });

  it('deletes pods no budget covers', () => {
    const { api, client } = setup();
    running(client, 'solo');
    expect(api.handle(evictReq('solo')).code).toBe(201);
    expect(api.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods/nope/eviction', body: {} }).code).toBe(404);
  });
});

describe('server-side apply and managedFields', () => {
  const deploy = (replicas: number) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'demo' },
    spec: { replicas, selector: { matchLabels: { app: 'demo' } }, template: { metadata: { labels: { app: 'demo' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  });
  const path = '/apis/apps/v1/namespaces/default/deployments';

  it('records Update entries, conflicts on fields another manager set, and force takes them over', () => {
    const { api } = setup();
    expect(api.handle({ method: 'POST', path, query: { fieldManager: 'kubectl-client-side-apply' }, body: deploy(1), agent: 'kubectl' }).code).toBe(201);
    const created = api.handle({ method: 'GET', path: `${path}/demo` }).body as Obj;
    const mf = created.metadata.managedFields as Array<{ manager: string; operation: string; fieldsV1: Record<string, unknown> }>;
    expect(mf.map((e) => `${e.manager}/${e.operation}`)).toEqual(['kubectl-client-side-apply/Update']);
    expect(JSON.stringify(mf[0].fieldsV1)).toContain('"k:{\\"name\\":\\"web\\"}":{".":{}');
    const ssa = (replicas: number, force = false) =>
      api.handle({ method: 'PATCH', path: `${path}/demo`, contentType: 'application/apply-patch+yaml', query: { fieldManager: 'kubectl', ...(force ? { force: 'true' } : {}) }, body: JSON.stringify(deploy(replicas)) });
    const c = ssa(3);
    expect(c.code).toBe(409);
    expect(c.body).toMatchObject({
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
    });
    const f = ssa(3, true);
    expect(f.code).toBe(200);
    expect((f.body as Obj).spec.replicas).toBe(3);
    const entries = (f.body as Obj).metadata.managedFields as Array<{ manager: string; fieldsV1: Record<string, Record<string, unknown>> }>;
    expect(entries.find((e) => e.manager === 'kubectl-client-side-apply')!.fieldsV1['f:spec']['f:replicas']).toBeUndefined();
    expect(entries.find((e) => e.manager === 'kubectl')!.fieldsV1['f:spec']['f:replicas']).toEqual({});
  });

  it('creates on apply and removes fields the manager stops applying', () => {
    const { api } = setup();
    const cm = (data: Record<string, string>) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });
    const p = (data: Record<string, string>) => api.handle({ method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/c', contentType: 'application/apply-patch+yaml', query: { fieldManager: 'me' }, body: cm(data) });
    expect(p({ a: '1', b: '2' }).code).toBe(201);
    const r = p({ a: '1' });
    expect((r.body as Obj).data).toEqual({ a: '1' });
    expect(api.handle({ method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/c', contentType: 'application/apply-patch+yaml', query: {}, body: cm({}) }).code).toBe(422);
  });
});

describe('watch details, compaction, event TTL', () => {
  it('sends BOOKMARKs with allowWatchBookmarks and ends the stream after timeoutSeconds', () => {
    const { api, clock } = setup();
    const events: string[] = [];
    let ended = false;
    api.watch({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: { watch: 'true', allowWatchBookmarks: 'true', timeoutSeconds: '150', resourceVersion: String(api.storage.revision) } }, (e) => events.push(e.type), () => (ended = true));
    clock.advance(130_000);
    expect(events).toEqual(['BOOKMARK', 'BOOKMARK']);
    expect(ended).toBe(false);
    clock.advance(30_000);
    expect(ended).toBe(true);
    clock.advance(120_000);
    expect(events).toHaveLength(2);
  });

  it('compacts every 5 minutes through compact_rev_key; an old resourceVersion then gets 410 Expired', () => {
    const { api, clock, etcd, client } = setup();
    const rv0 = String(etcd.revision - 1);
    clock.advance(5 * 60_000);
    expect(etcd.range('compact_rev_key').kvs[0].value).toBe('0');
    expect(etcd.compactRevision).toBe(0);
    const seen = etcd.revision;
    client.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } as unknown as Obj);
    clock.advance(5 * 60_000);
    expect(etcd.compactRevision).toBe(seen);
    expect(etcd.range('compact_rev_key').kvs[0].version).toBe(2);
    const got: Obj[] = [];
    api.watch({ method: 'GET', path: '/api/v1/namespaces/default/configmaps', query: { watch: 'true', resourceVersion: rv0 } }, (e) => got.push(e.object));
    clock.advance(1);
    expect(got[0]).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
  });

  it('writes events with a shared lease (event-ttl 1h) so they expire', () => {
    const { client, etcd, clock } = setup();
    const ev = (name: string) =>
      ({ apiVersion: 'v1', kind: 'Event', metadata: { name }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'Test', message: 'm', type: 'Normal' }) as unknown as Obj;
    client.create('events', 'default', ev('e1'));
    client.create('events', 'default', ev('e2'));
    const l1 = etcd.range('/registry/events/default/e1').kvs[0].lease;
    expect(l1).not.toBe('0');
    expect(etcd.range('/registry/events/default/e2').kvs[0].lease).toBe(l1);
    expect(etcd.leaseTimeToLive(l1).grantedTtl).toBe(3660);
    clock.advance(3661_000);
    expect(etcd.range('/registry/events/default/e1').kvs).toHaveLength(0);
  });
});

describe('update validation', () => {
  it('spec.selector of a Deployment is immutable (Go %#v value)', () => {
    const { client } = setup();
    client.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', v: '2' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    } as unknown as Obj);
    const e = err(() => client.patch('deployments', 'default', 'web', { spec: { selector: { matchLabels: { app: 'web', v: '2' } } } }, 'merge'));
    expect(e.code).toBe(422);
    expect(e.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('pod spec updates are limited to the mutable fields', () => {
    const { client } = setup();
    client.create('pods', 'default', pod('p'));
    expect(client.patch('pods', 'default', 'p', { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } }, 'strategic').spec.containers[0].image).toBe('nginx:1.28');
    const e = err(() => client.patch('pods', 'default', 'p', { spec: { containers: [{ name: 'web', command: ['sh'] }] } }, 'strategic'));
    expect(e.message).toMatch(/^Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
  });
});
