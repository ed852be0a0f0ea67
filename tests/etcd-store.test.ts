/** Revision rules, ranges, txns and compaction of the simulated etcd (SEMANTICS.md §1–§6). */
import { describe, expect, it } from 'vitest';
import { Clock } from '../src/sim/core/clock';
import { cmp, EtcdError, EtcdStore, FROM_KEY, opDelete, opGet, opPut, prefixEnd, type KeyValue } from '../src/sim/etcd';

const mk = () => {
  const clock = new Clock(Date.UTC(2026, 0, 1));
  return { clock, s: new EtcdStore(clock, { leaseIdSeed: 1 }) };
};
const keys = (kvs: KeyValue[]) => kvs.map((k) => k.key);
function err(f: () => unknown): EtcdError {
  try {
    f();
  } catch (e) {
    if (e instanceof EtcdError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('revisions', () => {
  it('a fresh store is at revision 1; the first write makes 2', () => {
    const { s } = mk();
    expect(s.revision).toBe(1);
    expect(s.range('/a')).toEqual({ header: { revision: 1 }, kvs: [], count: 0, more: false });
    expect(s.put('/a', 'v1').header.revision).toBe(2);
  });

  it('each put is +1, an identical value too (revision and version)', () => {
    const { s } = mk();
    s.put('/a', 'x');
    s.put('/a', 'x');
    expect(s.revision).toBe(3);
    expect(s.range('/a').kvs[0]).toMatchObject({ createRevision: 2, modRevision: 3, version: 2 });
  });

  it('no bump for reads, a no-op delete, failed txns, a txn deleting nothing, compaction, errors', () => {
    const { s } = mk();
    s.put('/a', 'x');
    const r = s.revision;
    s.range('/a');
    expect(s.deleteRange('/missing')).toEqual({ header: { revision: r }, deleted: 0, prevKvs: [] });
    expect(s.txn({ compare: [cmp('/a', 'VALUE', '=', 'nope')], success: [opPut('/b', '1')], failure: [opGet('/a')] }).header.revision).toBe(r);
    expect(s.txn({ compare: [], success: [opDelete('/nope')], failure: [] })).toMatchObject({ header: { revision: r }, succeeded: true });
    s.compact(r);
    err(() => s.put('/x', 'y', { lease: 'abcdef' }));
    err(() => s.txn({ compare: [], success: [opPut('/a', '1'), opPut('/a', '2')], failure: [] }));
    err(() => s.range('/a', { revision: 99 }));
    expect(s.revision).toBe(r);
  });

  it('one revision per txn and per range delete; every touched key gets it', () => {
    const { s } = mk();
    s.put('/b', 'b');
    const t = s.txn({ compare: [], success: [opPut('/t1', '1'), opPut('/t2', '2'), opDelete('/b')], failure: [] });
    expect(t.header.revision).toBe(3);
    expect(t.responses.map((x) => ('put' in x ? x.put.header.revision : 'deleteRange' in x ? x.deleteRange.header.revision : 0))).toEqual([3, 3, 3]);
    expect(s.range('/t', { rangeEnd: prefixEnd('/t') }).kvs.map((k) => k.modRevision)).toEqual([3, 3]);
    for (const k of ['/p/1', '/p/2', '/p/3']) s.put(k, k);
    const d = s.deleteRange('/p/', { rangeEnd: prefixEnd('/p/'), prevKv: true });
    expect(d).toMatchObject({ header: { revision: 7 }, deleted: 3 });
    expect(keys(d.prevKvs)).toEqual(['/p/1', '/p/2', '/p/3']);
    expect(s.revision).toBe(7);
  });

  it('delete then re-put starts again at version 1 with a new create revision', () => {
    const { s } = mk();
    s.put('/a', '1');
    s.put('/a', '2');
    s.put('/a', '3');
    s.deleteRange('/a');
    s.put('/a', '4');
    expect(s.range('/a').kvs[0]).toMatchObject({ value: '4', createRevision: 6, modRevision: 6, version: 1 });
  });

  it('put returns prevKv only when asked and the key existed; ignoreValue keeps the value', () => {
    const { s } = mk();
    expect(s.put('/a', 'v1', { prevKv: true })).toEqual({ header: { revision: 2 } });
    expect(s.put('/a', 'v2', { prevKv: true }).prevKv).toMatchObject({ value: 'v1', modRevision: 2, version: 1 });
    s.put('/a', '', { ignoreValue: true });
    expect(s.range('/a').kvs[0]).toMatchObject({ value: 'v2', version: 3 });
    expect(err(() => s.put('/nope', '', { ignoreValue: true })).message).toBe('etcdserver: key not found');
    expect(err(() => s.put('', 'x')).message).toBe('etcdserver: key is not provided');
  });
});

describe('range', () => {
  const filled = () => {
    const { s } = mk();
    for (const [k, v] of [['/p/1', 'one'], ['/p/2', 'two'], ['/p/3', 'three'], ['/pz', 'zed'], ['/q', 'queue']]) s.put(k, v);
    return s;
  };

  it('prefix is a byte prefix; limit keeps count = total and sets more', () => {
    const s = filled();
    expect(keys(s.range('/p', { rangeEnd: prefixEnd('/p') }).kvs)).toEqual(['/p/1', '/p/2', '/p/3', '/pz']);
    const r = s.range('/p/', { rangeEnd: prefixEnd('/p/'), limit: 2 });
    expect([keys(r.kvs), r.count, r.more]).toEqual([['/p/1', '/p/2'], 3, true]);
    expect(s.range('/p/', { rangeEnd: prefixEnd('/p/'), limit: 3 }).more).toBe(false);
  });

  it('half-open [key, end), from-key, keys-only, count-only', () => {
    const s = filled();
    expect(keys(s.range('/p/1', { rangeEnd: '/p/3' }).kvs)).toEqual(['/p/1', '/p/2']);
    expect(keys(s.range('/p/3', { rangeEnd: FROM_KEY }).kvs)).toEqual(['/p/3', '/pz', '/q']);
    expect(s.range('/p/', { rangeEnd: prefixEnd('/p/'), keysOnly: true }).kvs[0]).toMatchObject({ key: '/p/1', value: '', version: 1, modRevision: 2 });
    expect(s.range('/p/', { rangeEnd: prefixEnd('/p/'), countOnly: true })).toEqual({ header: { revision: 6 }, kvs: [], count: 3, more: false });
    expect(s.range('/q', { rangeEnd: '/a' }).kvs).toEqual([]);
  });

  it('sorts: MODIFY DESCEND, non-key target defaults to ASCEND, KEY DESCEND, limit after sort', () => {
    const s = filled();
    s.put('/p/1', 'one again');
    const p = { rangeEnd: prefixEnd('/p/') };
    expect(keys(s.range('/p/', { ...p, sortTarget: 'MODIFY', sortOrder: 'DESCEND' }).kvs)).toEqual(['/p/1', '/p/3', '/p/2']);
    expect(keys(s.range('/p/', { ...p, sortTarget: 'VERSION' }).kvs)).toEqual(['/p/2', '/p/3', '/p/1']);
    expect(keys(s.range('/p/', { ...p, sortTarget: 'KEY', sortOrder: 'DESCEND' }).kvs)).toEqual(['/p/3', '/p/2', '/p/1']);
    expect(keys(s.range('/p/', { ...p, sortTarget: 'VALUE' }).kvs)).toEqual(['/p/1', '/p/3', '/p/2']);
    const lim = s.range('/p/', { ...p, sortTarget: 'MODIFY', sortOrder: 'DESCEND', limit: 1 });
    expect([keys(lim.kvs), lim.count, lim.more]).toEqual([['/p/1'], 3, true]);
  });

  it('historical reads: snapshot at rev, header stays current, deleted-at-rev is empty', () => {
    const { s } = mk();
    s.put('/a', 'v1'); // 2
    s.put('/a', 'v2'); // 3
    s.deleteRange('/a'); // 4
    s.put('/a', 'v3'); // 5
    expect(s.range('/a', { revision: 2 })).toMatchObject({ header: { revision: 5 }, kvs: [{ value: 'v1', version: 1 }] });
    expect(s.range('/a', { revision: 3 }).kvs[0]).toMatchObject({ value: 'v2', version: 2, createRevision: 2 });
    expect(s.range('/a', { revision: 4 }).kvs).toEqual([]);
    expect(s.range('/a', { revision: 1 }).kvs).toEqual([]);
    const e = err(() => s.range('/a', { revision: 6 }));
    expect([e.message, e.code]).toEqual(['etcdserver: mvcc: required revision is a future revision', 'OutOfRange']);
  });

  it('keys compare by UTF-8 bytes and prefixEnd increments the last character', () => {
    const { s } = mk();
    for (const k of ['/k/\u{1F600}', '/k/\uFFFD', '/k/z']) s.put(k, 'x');
    expect(keys(s.range('/k/', { rangeEnd: prefixEnd('/k/') }).kvs)).toEqual(['/k/z', '/k/\uFFFD', '/k/\u{1F600}']);
    expect(prefixEnd('/registry/pods/')).toBe('/registry/pods0');
    expect(prefixEnd('')).toBe(FROM_KEY);
  });
});

describe('txn', () => {
  it('CAS on mod revision: success sees its own writes; failure runs the else branch', () => {
    const { s } = mk();
    s.put('/a', 'v3'); // 2
    const ok = s.txn({ compare: [cmp('/a', 'MOD', '=', 2)], success: [opPut('/a', 'v4'), opPut('/b', 'b1'), opGet('/a')], failure: [opPut('/fail', 'x')] });
    expect(ok.succeeded).toBe(true);
    expect(ok.header.revision).toBe(3);
    expect(ok.responses[2]).toMatchObject({ range: { header: { revision: 3 }, kvs: [{ value: 'v4', modRevision: 3, version: 2 }], count: 1 } });
    const stale = s.txn({ compare: [cmp('/a', 'MOD', '=', 2)], success: [opPut('/a', 'v5')], failure: [opGet('/a')] });
    expect(stale).toMatchObject({ header: { revision: 3 }, succeeded: false, responses: [{ range: { kvs: [{ value: 'v4' }] } }] });
    expect(s.range('/fail').count).toBe(0);
  });

  it('inner response headers: the revision as seen at that op (range before the first write sees the old one)', () => {
    const { s } = mk();
    s.put('/a', '1');
    const t = s.txn({ compare: [], success: [opGet('/a'), opPut('/a', '2'), opGet('/a'), opPut('/b', '3')], failure: [] });
    const revs = t.responses.map((x) => ('range' in x ? x.range.header.revision : 'put' in x ? x.put.header.revision : 0));
    expect(revs).toEqual([2, 3, 3, 3]); // measured on etcd 3.4.23
    expect(t.header.revision).toBe(3);
  });

  it('a missing key compares as version/create/mod 0, but any VALUE compare on it fails', () => {
    const { s } = mk();
    const t = (c: ReturnType<typeof cmp>) => s.txn({ compare: [c], success: [], failure: [] }).succeeded;
    expect(t(cmp('/m', 'VERSION', '=', 0))).toBe(true);
    expect(t(cmp('/m', 'CREATE', '=', 0))).toBe(true);
    expect(t(cmp('/m', 'MOD', '<', 1))).toBe(true);
    expect(t(cmp('/m', 'VALUE', '!=', 'x'))).toBe(false);
    expect(t(cmp('/m', 'VALUE', '=', ''))).toBe(false);
    s.put('/m', 'b');
    expect(t(cmp('/m', 'VALUE', '>', 'a'))).toBe(true);
    expect(t(cmp('/m', 'VALUE', '<', 'a'))).toBe(false);
    expect(t(cmp('/m', 'VERSION', '>', 0))).toBe(true);
    expect(t(cmp('/m', 'LEASE', '=', 0))).toBe(true);
  });

  it('a compare over a range must hold for every key; empty compare list succeeds', () => {
    const { s } = mk();
    s.put('/r/1', 'x');
    s.put('/r/2', 'y');
    const all = (v: string) => s.txn({ compare: [{ key: '/r/', rangeEnd: prefixEnd('/r/'), target: 'VERSION', result: 'EQUAL', value: Number(v) }], success: [], failure: [] }).succeeded;
    expect(all('1')).toBe(true);
    s.put('/r/2', 'z');
    expect(all('1')).toBe(false);
    expect(s.txn({ compare: [], success: [], failure: [] })).toEqual({ header: { revision: 4 }, succeeded: true, responses: [] });
  });

  it('rejects a key put twice or put inside a deleted range, applying nothing', () => {
    const { s } = mk();
    const dup = (ops: ReturnType<typeof opPut>[]) => err(() => s.txn({ compare: [], success: ops, failure: [] }));
    const e = dup([opPut('/a', 'x'), opPut('/a', 'y')]);
    expect([e.message, e.code]).toEqual(['etcdserver: duplicate key given in txn request', 'InvalidArgument']);
    dup([opPut('/a', 'x'), opDelete('/a')]);
    dup([opDelete('/p/', { rangeEnd: prefixEnd('/p/') }), opPut('/p/x', 'x')]);
    // …also in the failure branch, even when it would not run
    err(() => s.txn({ compare: [], success: [], failure: [opPut('/a', 'x'), opPut('/a', 'y')] }));
    // put + get and two deletes of the same key are fine
    expect(s.txn({ compare: [], success: [opPut('/a', 'x'), opGet('/a'), opDelete('/b'), opDelete('/b')], failure: [] }).succeeded).toBe(true);
    expect(s.revision).toBe(2);
  });

  it('checks the executed branch before applying: unknown lease or future read rejects the whole txn', () => {
    const { s } = mk();
    expect(err(() => s.txn({ compare: [], success: [opPut('/a', '1'), opPut('/b', '2', { lease: 'abc' })], failure: [] })).message).toBe('etcdserver: requested lease not found');
    expect(err(() => s.txn({ compare: [], success: [opPut('/a', '1'), opGet('/a', { revision: 2 })], failure: [] })).message).toBe('etcdserver: mvcc: required revision is a future revision');
    expect(s.range('/a').count).toBe(0);
    expect(err(() => s.txn({ compare: [], success: Array.from({ length: 129 }, (_, i) => opGet(`/k${i}`)), failure: [] })).message).toBe('etcdserver: too many operations in txn request');
  });

  it('the apiserver create/update/delete pattern', () => {
    const { s } = mk();
    const key = '/registry/pods/default/p';
    const create = () => s.txn({ compare: [cmp(key, 'MOD', '=', 0)], success: [opPut(key, '{"v":1}')], failure: [] });
    expect(create()).toMatchObject({ succeeded: true, header: { revision: 2 } });
    expect(create()).toMatchObject({ succeeded: false, header: { revision: 2 } });
    const upd = s.txn({ compare: [cmp(key, 'MOD', '=', 2)], success: [opPut(key, '{"v":2}')], failure: [opGet(key)] });
    expect(upd.header.revision).toBe(3);
    const del = s.txn({ compare: [cmp(key, 'MOD', '=', 3)], success: [opDelete(key, { prevKv: true })], failure: [] });
    expect(del.responses[0]).toMatchObject({ deleteRange: { deleted: 1, prevKvs: [{ value: '{"v":2}' }] } });
  });
});

describe('compaction', () => {
  const history = () => {
    const { s, clock } = mk();
    s.put('/a', 'v1'); // 2
    s.put('/a', 'v2'); // 3
    s.put('/b', 'b'); // 4
    s.deleteRange('/b'); // 5
    s.put('/a', 'v3'); // 6
    s.put('/c', 'c'); // 7
    s.deleteRange('/c'); // 8
    return { s, clock };
  };

  it('keeps the newest version <= the compact revision; older reads fail, the revision stays', () => {
    const { s } = history();
    expect(s.compact(4)).toEqual({ header: { revision: 8 } });
    expect(s.revision).toBe(8);
    expect(s.compactRevision).toBe(4);
    expect(s.range('/a', { revision: 4 }).kvs[0]).toMatchObject({ value: 'v2', modRevision: 3 });
    expect(s.range('/b', { revision: 4 }).kvs[0]).toMatchObject({ value: 'b' });
    const e = err(() => s.range('/a', { revision: 3 }));
    expect([e.message, e.code]).toEqual(['etcdserver: mvcc: required revision has been compacted', 'OutOfRange']);
    expect(s.range('/a').kvs[0].value).toBe('v3');
  });

  it('compacting again at or below, or into the future, fails; to the current revision works', () => {
    const { s } = history();
    s.compact(4);
    expect(err(() => s.compact(4)).message).toBe('etcdserver: mvcc: required revision has been compacted');
    expect(err(() => s.compact(2)).message).toBe('etcdserver: mvcc: required revision has been compacted');
    expect(err(() => s.compact(99)).message).toBe('etcdserver: mvcc: required revision is a future revision');
    s.compact(8);
    expect(keys(s.range('/', { rangeEnd: FROM_KEY, revision: 8 }).kvs)).toEqual(['/a']);
  });

  it('drops generations whose delete is <= the compact revision', () => {
    const { s } = history();
    s.compact(5);
    const d = s.snapshot();
    expect(d.keys.map((k) => k.key)).toEqual(['/a', '/c']);
    expect(d.keys[0].history.map((h) => h[0])).toEqual([3, 6]);
  });
});
