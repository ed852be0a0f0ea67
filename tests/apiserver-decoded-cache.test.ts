import { describe, expect, it } from 'vitest';
import { Clock } from '../src/sim/core/clock';
import { Rng } from '../src/sim/core/rng';
import { Trace } from '../src/sim/core/trace';
import { EtcdStore } from '../src/sim/etcd/store';
import { ApiServer } from '../src/sim/apiserver/server';
import { bootstrapApiServer } from '../src/sim/apiserver/bootstrap';
import { LocalClient } from '../src/sim/client/local';
import { kindByResource } from '../src/sim/api/kinds';
import { shared, thaw } from '../src/sim/apiserver/decoded';
import { TabWriter, KUBECTL_TABLE_OPTS } from '../src/sim/kubectl/printers/tabwriter';
import type { KeyValue } from '../src/sim/etcd/types';
import type { Obj, WatchEvent } from '../src/sim/client/types';

function setup() {
  const clock = new Clock(Date.UTC(2026, 0, 1));
  const etcd = new EtcdStore(clock);
  const api = new ApiServer({ etcd, clock, rng: new Rng(7), trace: new Trace(), serviceCIDR: '10.96.0.0/12' });
  const client = new LocalClient(api, 'test');
  bootstrapApiServer(client, '10.96.0.0/12');
  return { clock, etcd, api, client };
}

const pod = (name: string): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
const PODS = kindByResource('pods')!;

describe('decoded-object cache', () => {
  it('decodes each stored revision once and shares it frozen; a write makes a new one', () => {
    const { api, client } = setup();
    client.create('pods', 'default', pod('a'));
    const [a1] = api.storage.list(PODS, 'default').items;
    const [a2] = api.storage.list(PODS, 'default').items;
    expect(a2).toBe(a1);
    expect(Object.isFrozen(a1) && Object.isFrozen(a1.metadata.labels) && Object.isFrozen(a1.spec.containers[0])).toBe(true);
    expect(() => {
      (a1.metadata.labels as Record<string, string>).app = 'x';
    }).toThrow(TypeError);
    client.patch('pods', 'default', 'a', { metadata: { labels: { app: 'b' } } }, 'merge');
    const [a3] = api.storage.list(PODS, 'default').items;
    expect(a3).not.toBe(a1);
    expect(a3.metadata.labels).toEqual({ app: 'b' });
    expect(a3.metadata.resourceVersion).toBe(String(api.storage.revision));
  });

  it('hands every client its own mutable copy (get, list, watch)', () => {
    const { api, clock, client } = setup();
    client.create('pods', 'default', pod('a'));
    const l1 = client.list('pods', 'default').items[0];
    l1.metadata.labels!.app = 'mutated';
    l1.spec.containers[0].image = 'changed';
    expect(client.list('pods', 'default').items[0].metadata.labels).toEqual({ app: 'a' });
    const g = client.get('pods', 'default', 'a');
    g.spec.containers.push({ name: 'x' });
    expect(client.get('pods', 'default', 'a').spec.containers).toHaveLength(1);
    expect(api.list(PODS, 'default').items[0].spec.containers[0].image).toBe('nginx:1.27');

    const seen: WatchEvent[][] = [[], []];
    for (const s of seen) client.watch('pods', 'default', { resourceVersion: String(api.storage.revision) }, (ev) => s.push(ev));
    client.patch('pods', 'default', 'a', { metadata: { labels: { app: 'b' } } }, 'merge');
    clock.runDue();
    const [e1, e2] = [seen[0][0], seen[1][0]];
    expect(e1.type).toBe('MODIFIED');
    expect(e1.object).toEqual(e2.object);
    expect(e1.object).not.toBe(e2.object);
    e1.object.metadata.labels!.app = 'mine';
    expect(e2.object.metadata.labels).toEqual({ app: 'b' });
    expect(Object.isFrozen(e1.object)).toBe(false);
  });

  it('lists as Table from the shared objects without changing them; includeObject=Object rows are copies', () => {
    const { api, client } = setup();
    client.create('pods', 'default', pod('a'));
    const res = api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods', accept: 'application/json;as=Table;v=v1;g=meta.k8s.io', query: { includeObject: 'Object' } });
    const row = (res.body as { rows: { cells: unknown[]; object: Obj }[] }).rows[0];
    expect(row.cells[0]).toBe('a');
    expect(Object.isFrozen(row.object)).toBe(false);
    row.object.metadata.labels!.app = 'x';
    expect(api.storage.list(PODS, 'default').items[0].metadata.labels).toEqual({ app: 'a' });
  });

  it('thaw copies plain JSON deeply and keeps a "__proto__" key an own property', () => {
    const kv: KeyValue = Object.freeze({ key: '/registry/configmaps/default/c', value: '{"metadata":{"name":"c"},"data":{"__proto__":"v","k":["x",{"y":null}]}}', createRevision: 5, modRevision: 5, version: 1, lease: '0' });
    const s = shared(kv);
    expect(shared(kv)).toBe(s);
    expect(s.metadata.resourceVersion).toBe('5');
    const t = thaw(s);
    expect(t).toEqual(s);
    expect(Object.getPrototypeOf(t.data)).toBe(Object.prototype);
    expect(Object.keys(t.data)).toEqual(['__proto__', 'k']);
    t.data.k[1].y = 1;
    expect(s.data.k[1].y).toBeNull();
  });
});

describe('objects written by the apiserver (etcd/lazy-value.ts)', () => {
  it("etcd holds exactly the JSON of what was stored, without resourceVersion; readers share that object", () => {
    const { api, etcd, client } = setup();
    const created = client.create('pods', 'default', pod('a'));
    const kv = etcd.range('/registry/pods/default/a').kvs[0];
    const { resourceVersion, ...meta } = created.metadata;
    expect(resourceVersion).toBe(String(kv.modRevision));
    expect(JSON.parse(kv.value)).toEqual({ ...created, metadata: meta });
    expect(kv.value).toBe(JSON.stringify({ ...created, metadata: meta }));
    const [listed] = api.storage.list(PODS, 'default').items;
    expect(shared(kv)).toBe(listed);
    expect(Object.isFrozen(listed.spec.containers[0])).toBe(true);
    // the creator's copy is its own
    created.spec.containers[0].image = 'changed';
    expect(listed.spec.containers[0].image).toBe('nginx:1.27');
  });

  it('drops undefined members as a JSON round trip would', () => {
    const { api, etcd } = setup();
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { k: 'v' } } as Obj;
    api.storage.create(kindByResource('configmaps')!, { ...cm, extra: undefined, data: { k: 'v', gone: undefined } } as unknown as Obj);
    const kv = etcd.range('/registry/configmaps/default/c').kvs[0];
    expect(Object.keys(shared(kv).data)).toEqual(['k']);
    expect('extra' in shared(kv)).toBe(false);
    expect(JSON.parse(kv.value).data).toEqual({ k: 'v' });
  });

  it('a read-only watcher (a shared informer) gets the shared frozen objects, others their own copies', () => {
    const { api, clock, client } = setup();
    client.create('pods', 'default', pod('a'));
    const got: Obj[][] = [[], []];
    const rv = String(api.storage.revision);
    client.watch('pods', 'default', { resourceVersion: rv, readOnly: true }, (ev) => got[0].push(ev.object));
    client.watch('pods', 'default', { resourceVersion: rv }, (ev) => got[1].push(ev.object));
    client.patch('pods', 'default', 'a', { metadata: { labels: { app: 'b' } } }, 'merge');
    clock.runDue();
    const [stored] = api.storage.list(PODS, 'default').items;
    expect(got[0][0]).toBe(stored);
    expect(got[1][0]).not.toBe(stored);
    expect(got[1][0]).toEqual(stored);
    expect(Object.isFrozen(got[1][0])).toBe(false);
    expect(client.list('pods', 'default', { readOnly: true }).items[0]).toBe(stored);
  });
});

describe('pods/binding', () => {
  it('replaces an Unschedulable PodScheduled condition whole, as podutil.UpdatePodCondition does', () => {
    const { clock, client } = setup();
    client.create('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } } as Obj);
    client.create('pods', 'default', pod('a'));
    const t0 = clock.isoNow();
    client.patch('pods', 'default', 'a', { status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available', lastProbeTime: null, lastTransitionTime: t0 }] } }, 'strategic', 'status');
    clock.advance(5000);
    client.create('pods', 'default', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'a' }, target: { apiVersion: 'v1', kind: 'Node', name: 'n1' } } as Obj, 'binding');
    const p = client.get('pods', 'default', 'a');
    expect(p.spec.nodeName).toBe('n1');
    expect(p.status.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: clock.isoNow() }]);
  });
});

describe('TabWriter.writeRow', () => {
  it('prints exactly what write(cells joined by tabs + newline) prints', () => {
    const rows = [['NAME', 'READY', 'STATUS'], ['a', '1/1', 'Running'], ['long-name-here', '0/1', 'Pending'], ['only'], ['x\ty', 'z'], ['v\vw', ''], [], ['ü', '日本', 'e']];
    const a = new TabWriter(KUBECTL_TABLE_OPTS);
    const b = new TabWriter(KUBECTL_TABLE_OPTS);
    for (const r of rows) {
      a.writeRow(r);
      b.write(r.join('\t') + '\n');
    }
    a.flush();
    b.flush();
    expect(a.take()).toBe(b.take());
  });
});
