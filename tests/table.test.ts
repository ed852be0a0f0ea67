/** Server-side Table conversion (src/sim/api/table) checked against reference/TABLES.md. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toTable } from '../src/sim/api/table';
import { formatLabelSelector } from '../src/sim/api/table/helpers';
import { canonicalQuantity } from '../src/sim/api/table/quantity';
import type { Obj } from '../src/sim/client/types';
import { humanDuration } from '../src/sim/core/duration';

const cluster = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/goldens/cluster.json'), 'utf8')).items as Obj[];
const NOW = Date.parse('2026-11-22T01:57:00Z');
const find = (kind: string, name: string) => cluster.find((o) => o.kind === kind && o.metadata.name === name)!;
const row = (kind: string, name: string, now = NOW) => toTable(kind, [find(kind, name)], now).rows[0];

describe('Table envelope', () => {
  it('has the meta.k8s.io/v1 shape, full column list and PartialObjectMetadata rows', () => {
    const pod = structuredClone(find('Pod', 'nginx'));
    pod.metadata.managedFields = [{ manager: 'kubectl' }];
    const t = toTable('Pod', [pod], NOW, { resourceVersion: '1007' });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '1007' });
    expect(t.columnDefinitions!.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
    expect(t.columnDefinitions![0].description).toMatch(/^Name must be unique within a namespace\./);
    expect(t.columnDefinitions!.every((c) => c.description.length > 0)).toBe(true);
    const obj = t.rows[0].object as { kind: string; apiVersion: string; metadata: Obj['metadata'] };
    expect(obj.kind).toBe('PartialObjectMetadata');
    expect(obj.apiVersion).toBe('meta.k8s.io/v1');
    expect(obj.metadata.name).toBe('nginx');
    expect(obj.metadata.managedFields).toBeUndefined();
    expect(Object.keys(t.rows[0])).toEqual(['cells', 'object']);
  });

  it('honours includeObject and noHeaders', () => {
    const pod = find('Pod', 'nginx');
    expect(toTable('Pod', [pod], NOW, { includeObject: 'None' }).rows[0].object).toBeUndefined();
    expect(toTable('Pod', [pod], NOW, { includeObject: 'Object' }).rows[0].object).toBe(pod);
    expect(toTable('Pod', [pod], NOW, { noHeaders: true }).columnDefinitions).toBeNull();
  });

  it('uses the default convertor (Name, Created At) for kinds without a printer', () => {
    const t = toTable('LimitRange', [find('LimitRange', 'dev-limits')], NOW);
    expect(t.columnDefinitions!.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Created At', 'date'],
    ]);
    expect(t.rows[0].cells).toEqual(['dev-limits', '2016-03-14T11:00:15Z']);
  });
});

describe('Pod cells', () => {
  it('running pod', () => {
    expect(row('Pod', 'nginx').cells).toEqual(['nginx', '1/1', 'Running', '0', '10y', '10.244.1.93', 'node01', '<none>', '<none>']);
  });
  it('crash loop: waiting reason and restarts with the last finishedAt', () => {
    const c = row('Pod', 'crashy').cells;
    expect(c.slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '5 (10y ago)']);
  });
  it('succeeded pod: Completed with a row condition', () => {
    const r = row('Pod', 'pi-x7b9q');
    expect(r.cells[2]).toBe('Completed');
    expect(r.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });
  it('container creating, no IP; pending, no node', () => {
    expect(row('Pod', 'redis').cells.slice(1, 6)).toEqual(['0/1', 'ContainerCreating', '0', '10y', '<none>']);
    expect(row('Pod', 'big-job').cells.slice(2, 7)).toEqual(['Pending', '0', '10y', '<none>', '<none>']);
  });
  it('terminating, init containers, sidecars and readiness gates', () => {
    const base: Obj = {
      metadata: { name: 'p', creationTimestamp: '2026-11-22T01:56:00Z' },
      spec: {
        initContainers: [{ name: 'init' }, { name: 'side', restartPolicy: 'Always' }],
        containers: [{ name: 'a' }, { name: 'b' }],
        readinessGates: [{ conditionType: 'x/ok' }],
      },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'x/ok', status: 'True' }],
        initContainerStatuses: [
          { name: 'init', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: '2026-11-22T01:56:30Z' } } },
          { name: 'side', restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
        ],
      },
    };
    const c = toTable('Pod', [base], NOW).rows[0].cells;
    expect(c.slice(1, 5)).toEqual(['0/3', 'Init:CrashLoopBackOff', '2 (30s ago)', '60s']);
    expect(c[8]).toBe('1/1');
    const running = structuredClone(base);
    running.status.initContainerStatuses = [
      { name: 'init', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'side', restartCount: 1, started: true, ready: true, state: { running: {} } },
    ];
    running.status.containerStatuses = [
      { name: 'a', ready: true, restartCount: 0, state: { running: {} } },
      { name: 'b', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
    ];
    running.metadata.deletionTimestamp = '2026-11-22T01:57:30Z';
    expect(toTable('Pod', [running], NOW).rows[0].cells.slice(1, 4)).toEqual(['2/3', 'Terminating', '1']);
    const init = structuredClone(base);
    init.status.initContainerStatuses = [{ name: 'init', restartCount: 0, state: { running: {} } }];
    expect(toTable('Pod', [init], NOW).rows[0].cells[2]).toBe('Init:0/2');
  });
});

describe('other kinds', () => {
  it('Node: status, roles, wide cells', () => {
    expect(row('Node', 'controlplane').cells.slice(0, 5)).toEqual(['controlplane', 'Ready', 'control-plane', '10y', 'v1.32.4']);
    const n = structuredClone(find('Node', 'node01'));
    n.spec = { ...n.spec, unschedulable: true };
    const c = toTable('Node', [n], NOW).rows[0].cells;
    expect(c.slice(1, 3)).toEqual(['Ready,SchedulingDisabled', '<none>']);
    expect(c[5]).toBe('172.30.2.2');
    expect(c[6]).toBe('<none>');
  });
  it('Deployment / ReplicaSet cells carry integers as numbers', () => {
    expect(row('Deployment', 'web').cells).toEqual(['web', '3/3', 2, 3, '10y', 'nginx', 'nginx:1.28', 'app=web']);
    expect(row('ReplicaSet', 'web-5b8d7c9f6d').cells.slice(0, 5)).toEqual(['web-5b8d7c9f6d', 2, 2, 1, '10y']);
    expect(row('ReplicaSet', 'web-5b8d7c9f6d').cells[7]).toBe('app=web,pod-template-hash=5b8d7c9f6d');
  });
  it('Service, Endpoints, EndpointSlice, Ingress', () => {
    expect(row('Service', 'web-nodeport').cells.slice(0, 5)).toEqual(['web-nodeport', 'NodePort', '10.103.45.200', '<none>', '80:30080/TCP']);
    expect(row('Endpoints', 'web').cells[1]).toBe('10.244.1.12:80,10.244.1.123:80,10.244.1.46:80');
    expect(row('EndpointSlice', 'web-8xk2d').cells.slice(1, 4)).toEqual(['IPv4', '80', '10.244.1.12,10.244.1.46,10.244.1.123 + 1 more...']);
    expect(row('Ingress', 'web').cells.slice(1, 5)).toEqual(['nginx', 'web.example.com', '172.30.2.2', '80, 443']);
  });
  it('Namespace, ConfigMap, Secret, ServiceAccount, Lease, Job, DaemonSet, ResourceQuota', () => {
    expect(row('Namespace', 'dev').cells).toEqual(['dev', 'Active', '10y']);
    expect(row('ConfigMap', 'app-config').cells[1]).toBe(2);
    expect(row('Secret', 'web-tls').cells.slice(1, 3)).toEqual(['kubernetes.io/tls', 2]);
    expect(row('ServiceAccount', 'default').cells[1]).toBe(0);
    expect(row('Lease', 'node01').cells.slice(0, 2)).toEqual(['node01', 'node01']);
    expect(row('Job', 'pi').cells.slice(0, 4)).toEqual(['pi', 'Complete', '1/1', '41s']);
    expect(row('DaemonSet', 'kube-proxy').cells.slice(1, 7)).toEqual([2, 2, 2, 2, 2, 'kubernetes.io/os=linux']);
    const q = toTable('ResourceQuota', [find('ResourceQuota', 'dev-quota')], NOW);
    expect(q.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'Age', 'Request', 'Limit']);
    expect(q.rows[0].cells.slice(2)).toEqual(['pods: 0/10, requests.cpu: 0/2, requests.memory: 0/2Gi', 'limits.memory: 0/4Gi']);
  });
  it('Event: series, eventTime and wide cells', () => {
    const ev = find('Event', 'big-job.21b209e16c65a134');
    const t = toTable('Event', [ev], Date.parse('2016-03-14T10:40:00Z'));
    expect(t.columnDefinitions!.map((c) => c.name + (c.priority ? '*' : ''))).toEqual([
      'Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', 'Name*',
    ]);
    expect(t.rows[0].cells.slice(0, 4)).toEqual(['5m', 'Warning', 'FailedScheduling', 'pod/big-job']);
    expect(t.rows[0].cells.slice(5)).toEqual([
      'default-scheduler, default-scheduler-controlplane', ev.message, '10m', 3, 'big-job.21b209e16c65a134',
    ]);
  });
});

describe('helpers', () => {
  it('FormatLabelSelector', () => {
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['y', 'x'] }, { key: 'aa', operator: 'Exists' }] })).toBe(
      'a=1,aa,b=2,c notin (x,y)',
    );
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBe('<error>');
  });
  it('Quantity canonical form', () => {
    expect(['1024Mi', '0.5Gi', '1536Mi', '1025', '100m', '0.1', '1500m', '2000m', '1e3', '1k', '128974848', '500Mi', '1.5Ki'].map(canonicalQuantity)).toEqual([
      '1Gi', '512Mi', '1536Mi', '1025', '100m', '100m', '1500m', '2', '1e3', '1k', '128974848', '500Mi', '1536',
    ]);
  });
  it('HumanDuration thresholds (TABLES.md §4)', () => {
    const s = 1000;
    const h = 3600 * s;
    const cases: [number, string][] = [
      [-2 * s, '<invalid>'], [-1500, '0s'], [0, '0s'], [119 * s, '119s'], [120 * s, '2m'], [125 * s, '2m5s'], [599 * s, '9m59s'],
      [600 * s, '10m'], [179 * 60 * s, '179m'], [3 * h, '3h'], [3 * h + 5 * 60 * s, '3h5m'], [8 * h, '8h'], [47 * h, '47h'],
      [48 * h, '2d'], [50 * h, '2d2h'], [191 * h, '7d23h'], [8 * 24 * h, '8d'], [729 * 24 * h, '729d'], [730 * 24 * h, '2y'],
      [731 * 24 * h, '2y1d'], [2920 * 24 * h, '8y'], [3660 * 24 * h, '10y'],
    ];
    for (const [d, want] of cases) expect(humanDuration(d), String(d)).toBe(want);
  });
});
