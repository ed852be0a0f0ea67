/** Watches, leases, snapshot/restore and scale of the simulated etcd (SEMANTICS.md §6–§7). */
import { describe, expect, it } from 'vitest';
import { Clock } from '../src/sim/core/clock';
import { EtcdError, EtcdStore, opPut, prefixEnd, type WatchResponse } from '../src/sim/etcd';

const mk = (seed = 1) => {
  const clock = new Clock(Date.UTC(2026, 0, 1));
  return { clock, s: new EtcdStore(clock, { leaseIdSeed: seed }) };
};
const collect = () => {
  const got: WatchResponse[] = [];
  return { got, on: (r: WatchResponse) => void got.push(r) };
};
const flat = (rs: WatchResponse[]) => rs.flatMap((r) => r.events.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}${e.prevKv ? ` prev=${e.prevKv.value}` : ''}`));
function err(f: () => unknown): EtcdError {
  try {
    f();
  } catch (e) {
    if (e instanceof EtcdError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('watch', () => {
  it('from a revision: replays history synchronously in one response, then streams live', () => {
    const { s } = mk();
    s.put('/a', 'v1');
    s.put('/a', 'v2');
    s.deleteRange('/a');
    s.put('/a', 'v3');
    const { got, on } = collect();
    s.watch('/a', { startRevision: 2, prevKv: true }, on);
    expect(got).toHaveLength(1);
    expect(got[0].header.revision).toBe(5);
    expect(flat(got)).toEqual(['PUT /a@2', 'PUT /a@3 prev=v1', 'DELETE /a@4 prev=v2', 'PUT /a@5']);
    s.put('/a', 'v4');
    s.put('/other', 'x');
    expect(got).toHaveLength(2);
    expect(got[1].header.revision).toBe(6);
    expect(flat(got.slice(1))).toEqual(['PUT /a@6 prev=v3']);
  });

  it('DELETE events: mod = delete revision, create/version 0, empty value; a range delete is one response', () => {
    const { s } = mk();
    for (const k of ['/p/1', '/p/2']) s.put(k, k);
    const { got, on } = collect();
    s.watch('/p/', { rangeEnd: prefixEnd('/p/') }, on);
    s.deleteRange('/p/', { rangeEnd: prefixEnd('/p/') });
    expect(got).toHaveLength(1);
    expect(got[0].events.map((e) => [e.type, e.kv])).toEqual([
      ['DELETE', { key: '/p/1', value: '', createRevision: 0, modRevision: 4, version: 0, lease: '0' }],
      ['DELETE', { key: '/p/2', value: '', createRevision: 0, modRevision: 4, version: 0, lease: '0' }],
    ]);
    expect(got[0].events[0].prevKv).toBeUndefined();
  });

  it('without a start revision begins at current + 1; cancel stops delivery', () => {
    const { s } = mk();
    s.put('/a', 'old');
    const { got, on } = collect();
    const h = s.watch('/a', {}, on);
    expect(got).toEqual([]);
    s.put('/a', 'new');
    h.cancel();
    s.put('/a', 'newer');
    expect(flat(got)).toEqual(['PUT /a@3']);
    expect(s.watchCount).toBe(0);
  });

  it('a future start revision waits for it', () => {
    const { s } = mk();
    const { got, on } = collect();
    s.watch('/a', { startRevision: 4 }, on);
    s.put('/a', '2');
    s.put('/a', '3');
    s.put('/a', '4');
    expect(flat(got)).toEqual(['PUT /a@4']);
  });

  it('a start below the compaction is canceled at once; at the compact revision it works', () => {
    const { s } = mk();
    s.put('/a', '1'); // 2
    s.put('/c', '1'); // 3
    s.put('/a', '2'); // 4
    s.compact(3);
    const { got, on } = collect();
    const h = s.watch('/a', { startRevision: 2 }, on);
    expect(got).toEqual([
      { header: { revision: 0 }, watchId: h.id, events: [], compactRevision: 3, canceled: true, cancelReason: 'etcdserver: mvcc: required revision has been compacted' },
    ]);
    s.put('/a', '3');
    expect(got).toHaveLength(1);
    const c = collect();
    s.watch('/', { rangeEnd: prefixEnd('/'), startRevision: 3, prevKv: true }, c.on);
    // prev_kv is read at rev-1: unavailable for the event at the compact revision itself
    expect(flat(c.got)).toEqual(['PUT /c@3', 'PUT /a@4 prev=1', 'PUT /a@5 prev=2']);
  });

  it('filters drop PUT or DELETE events', () => {
    const { s } = mk();
    const { got, on } = collect();
    s.watch('/a', { filters: ['NOPUT'] }, on);
    s.put('/a', '1');
    s.deleteRange('/a');
    expect(flat(got)).toEqual(['DELETE /a@3']);
  });

  it('a write from inside a callback is delivered after the current batch, in revision order', () => {
    const { s } = mk();
    const seen: string[] = [];
    s.watch('/', { rangeEnd: prefixEnd('/') }, (r) => {
      seen.push(`A${r.header.revision}`);
      if (r.header.revision === 2) s.put('/echo', 'x');
    });
    s.watch('/', { rangeEnd: prefixEnd('/') }, (r) => void seen.push(`B${r.header.revision}`));
    s.put('/a', '1');
    expect(seen).toEqual(['A2', 'B2', 'A3', 'B3']);
  });
});

describe('leases', () => {
  it('grant: minimum TTL 2, no revision change, 16-hex-digit ids deterministic from the seed', () => {
    const { s } = mk(7);
    const a = s.leaseGrant(1);
    expect(a.ttl).toBe(2);
    expect(s.leaseGrant(5).ttl).toBe(5);
    expect(s.leaseGrant(60).ttl).toBe(60);
    expect(s.revision).toBe(1);
    expect(a.id).toMatch(/^[1-7][0-9a-f]{15}$/);
    expect(mk(7).s.leaseGrant(3).id).toBe(a.id);
    expect(mk(8).s.leaseGrant(3).id).not.toBe(a.id);
    expect(s.leases().leases.map((l) => l.id)).toEqual([a.id, expect.any(String), expect.any(String)]);
  });

  it('put attaches, a later put without lease detaches, delete detaches', () => {
    const { s } = mk();
    const { id } = s.leaseGrant(30);
    s.put('/l/1', 'a', { lease: id });
    s.put('/l/2', 'b', { lease: BigInt('0x' + id) });
    s.put('/l/3', 'c', { lease: id });
    expect(s.range('/l/1').kvs[0].lease).toBe(id);
    expect(s.leaseTimeToLive(id, true).keys).toEqual(['/l/1', '/l/2', '/l/3']);
    s.put('/l/1', 'a2');
    s.deleteRange('/l/3');
    expect(s.range('/l/1').kvs[0].lease).toBe('0');
    expect(s.leaseTimeToLive(id, true)).toMatchObject({ ttl: 30, grantedTtl: 30, keys: ['/l/2'] });
  });

  it('unknown lease: put, revoke and keep-alive fail; timetolive says -1', () => {
    const { s } = mk();
    const e = err(() => s.put('/x', 'y', { lease: 'abcdef' }));
    expect([e.message, e.code]).toEqual(['etcdserver: requested lease not found', 'NotFound']);
    expect(err(() => s.leaseRevoke('abcdef')).message).toBe('etcdserver: requested lease not found');
    expect(err(() => s.leaseKeepAlive('abcdef')).message).toBe('etcdserver: requested lease not found');
    expect(s.leaseTimeToLive('abcdef', true)).toEqual({ header: { revision: 1 }, id: 'abcdef', ttl: -1, grantedTtl: 0, keys: [] });
  });

  it('revoke deletes all attached keys in one revision (none: no revision)', () => {
    const { s } = mk();
    const empty = s.leaseGrant(10).id;
    s.leaseRevoke(empty);
    expect(s.revision).toBe(1);
    const { id } = s.leaseGrant(60);
    s.put('/r/2', 'b', { lease: id });
    s.put('/r/1', 'a', { lease: id });
    const { got, on } = collect();
    s.watch('/r/', { rangeEnd: prefixEnd('/r/') }, on);
    expect(s.leaseRevoke(id).header.revision).toBe(4);
    expect(flat(got)).toEqual(['DELETE /r/1@4', 'DELETE /r/2@4']);
    expect(s.leases().leases).toEqual([]);
  });

  it('expires at exactly grant time + TTL on the virtual clock; keep-alive restarts the TTL', () => {
    const { s, clock } = mk();
    const { id } = s.leaseGrant(5);
    s.put('/l/1', 'a', { lease: id });
    const { got, on } = collect();
    s.watch('/l/', { rangeEnd: prefixEnd('/l/') }, on);
    clock.advance(3000);
    expect(s.leaseTimeToLive(id).ttl).toBe(2);
    expect(s.leaseKeepAlive(id)).toMatchObject({ id, ttl: 5 });
    clock.advance(4999);
    expect(s.range('/l/1').count).toBe(1);
    expect(s.leaseTimeToLive(id).ttl).toBe(0);
    clock.advance(1);
    expect(s.range('/l/1').count).toBe(0);
    expect(flat(got)).toEqual(['DELETE /l/1@3']);
    expect(got[0].header.revision).toBe(3);
    expect(s.leaseTimeToLive(id, true)).toMatchObject({ ttl: -1, grantedTtl: 0, keys: [] });
  });

  it('an expired lease without keys does not change the revision', () => {
    const { s, clock } = mk();
    s.leaseGrant(2);
    clock.advance(10_000);
    expect(s.revision).toBe(1);
    expect(s.leases().leases).toEqual([]);
  });
});

describe('snapshot / restore', () => {
  it('round-trips through JSON: history, revisions, compaction, leases and their remaining time', () => {
    const { s, clock } = mk();
    const { id } = s.leaseGrant(10);
    s.put('/a', '1');
    s.put('/a', '2', { lease: id });
    s.put('/b', 'x');
    s.deleteRange('/b');
    s.txn({ compare: [], success: [opPut('/c', '1'), opPut('/d', '1')], failure: [] });
    s.compact(3);
    s.put('/a', '3', { lease: id });
    clock.advance(4000);
    const dump = JSON.parse(JSON.stringify(s.snapshot()));
    const clock2 = new Clock(Date.UTC(2030, 5, 1));
    const r = EtcdStore.restore(clock2, dump);
    expect([r.revision, r.compactRevision]).toEqual([s.revision, s.compactRevision]);
    for (const rev of [3, 4, 5, 6, 7]) expect(r.range('/', { rangeEnd: prefixEnd('/'), revision: rev })).toEqual(s.range('/', { rangeEnd: prefixEnd('/'), revision: rev }));
    const w1 = collect();
    const w2 = collect();
    s.watch('/', { rangeEnd: prefixEnd('/'), startRevision: 3, prevKv: true }, w1.on);
    r.watch('/', { rangeEnd: prefixEnd('/'), startRevision: 3, prevKv: true }, w2.on);
    expect(w2.got).toEqual(w1.got);
    expect(r.leaseTimeToLive(id, true)).toEqual(s.leaseTimeToLive(id, true));
    clock2.advance(5999);
    expect(r.range('/a').count).toBe(1);
    clock2.advance(1);
    expect(r.range('/a').count).toBe(0);
    expect(r.snapshot().keys.length).toBeGreaterThan(0);
    expect(r.leaseGrant(5).id).toBe(s.leaseGrant(5).id);
  });
});

describe('scale', () => {
  it('100k keys: prefix ranges and single gets do not scan everything', () => {
    const { s } = mk();
    for (let ns = 0; ns < 100; ns++) for (let i = 0; i < 1000; i++) s.put(`/registry/pods/ns${ns}/pod-${i}`, '{}');
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) {
      const p = `/registry/pods/ns${i % 100}/pod-99`;
      expect(s.range(p, { rangeEnd: prefixEnd(p) }).count).toBe(11);
      s.range(`/registry/pods/ns${i % 100}/pod-5`);
    }
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(s.range('/registry/pods/', { rangeEnd: prefixEnd('/registry/pods/'), countOnly: true }).count).toBe(100_000);
  });
});
