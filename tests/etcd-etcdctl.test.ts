/** etcdctl argument handling (src/sim/etcd/etcdctl-*.ts). */
import { describe, expect, it } from 'vitest';
import { Clock } from '../src/sim/core/clock';
import { EtcdStore } from '../src/sim/etcd';
import { argify, EtcdctlError } from '../src/sim/etcd/etcdctl-args';
import { execEtcdctl, parseEtcdctl } from '../src/sim/etcd/etcdctl-ops';
import { parseCompare } from '../src/sim/etcd/etcdctl-txn';

const run = (s: EtcdStore, line: string, stdin = '') => execEtcdctl(s, parseEtcdctl(line.split(' '), stdin).command);
const fails = (argv: string[], stdin = '') => {
  try {
    parseEtcdctl(argv, stdin);
  } catch (e) {
    if (e instanceof EtcdctlError) return [e.exitCode, e.message];
    throw e;
  }
  return undefined;
};

describe('etcdctl parsing', () => {
  it('global flags before or after the command, --f=v and --f v', () => {
    const a = parseEtcdctl(['-w', 'json', '--endpoints=127.0.0.1:1', 'get', '/p/', '--prefix', '--limit', '2', '--rev=5']);
    expect(a.writeOut).toBe('json');
    expect(a.endpoints).toEqual(['127.0.0.1:1']);
    expect(a.command).toMatchObject({ name: 'get', key: '/p/', opts: { rangeEnd: '/p0', limit: 2, revision: 5 } });
    expect(parseEtcdctl(['get', '/a', '-w', 'json']).writeOut).toBe('json');
  });

  it('get/del range forms and their errors', () => {
    expect(parseEtcdctl(['get', '/a', '/c']).command).toMatchObject({ key: '/a', opts: { rangeEnd: '/c' } });
    expect(parseEtcdctl(['get', '', '--prefix']).command).toMatchObject({ key: '\0', opts: { rangeEnd: '\0' } });
    expect(parseEtcdctl(['del', '/a', '--from-key', '--prev-kv']).command).toMatchObject({ name: 'del', key: '/a', opts: { rangeEnd: '\0', prevKv: true } });
    expect(fails(['get'])).toEqual([128, 'get command needs one argument as key and an optional argument as range_end']);
    expect(fails(['get', '/a', '--prefix', '--from-key'])).toEqual([128, '`--prefix` and `--from-key` cannot be set at the same time, choose one']);
    expect(fails(['get', '/a', '/b', '--prefix'])?.[1]).toMatch(/too many arguments/);
    expect(fails(['get', '/a', '--bogus'])).toEqual([1, 'unknown flag: --bogus']);
    expect(fails(['get', '/a', '--sort-by=SIZE'])).toEqual([4, 'bad sort target SIZE']);
  });

  it('sort flags map to the request like clientv3.WithSort', () => {
    expect(parseEtcdctl(['get', '/p', '--prefix', '--sort-by=MODIFY', '--order=DESCEND']).command).toMatchObject({ opts: { sortTarget: 'MODIFY', sortOrder: 'DESCEND' } });
    expect(parseEtcdctl(['get', '/p', '--order=ASCEND']).command).toMatchObject({ opts: { sortTarget: 'KEY', sortOrder: 'NONE' } });
  });

  it('put: hex lease, value from stdin, bad lease id', () => {
    expect(parseEtcdctl(['put', '/a', 'v', '--lease=2040a200dde9d635']).command).toMatchObject({ opts: { lease: '2040a200dde9d635' } });
    expect(parseEtcdctl(['put', '/a'], 'from stdin').command).toMatchObject({ value: 'from stdin' });
    expect(fails(['put', '/a', 'v', '--lease=xyz'])).toEqual([128, 'bad lease ID (strconv.ParseInt: parsing "xyz": invalid syntax), expecting ID in Hex']);
  });

  it('txn stdin: compares, success and failure ops', () => {
    const c = parseEtcdctl(['txn'], 'mod("/a") = "6"\nval("/b") != "x y"\n\nput /a "v 4"\nget /a --prefix\n\ndel /a\n\n').command;
    expect(c).toEqual({
      name: 'txn',
      request: {
        compare: [
          { key: '/a', target: 'MOD', result: 'EQUAL', value: 6 },
          { key: '/b', target: 'VALUE', result: 'NOT_EQUAL', value: 'x y' },
        ],
        success: [{ put: { key: '/a', value: 'v 4' } }, { range: { key: '/a', rangeEnd: '/b', sortTarget: 'KEY', sortOrder: 'NONE' } }],
        failure: [{ deleteRange: { key: '/a', rangeEnd: undefined, prevKv: false } }],
      },
    });
    expect(() => parseCompare('mod("/a") = 3')).toThrow('malformed comparison: mod("/a") = 3; got mod("/a") = ""');
    expect(fails(['txn'], 'mod("/a") = "3"\n\nput /a v\n')).toEqual([3, 'EOF']);
    // etcdctl 3.5 (what Kubernetes 1.32 ships) has get --count-only; 3.4 did not
    expect(parseEtcdctl(['get', '/a', '--count-only']).command).toMatchObject({ opts: { countOnly: true } });
    expect(() => parseCompare('size("/a") = "6"')).toThrow('unknown target size');
    expect(argify(`put /k "a \\"q\\"" 'single q'`)).toEqual(['put', '/k', 'a "q"', 'single q']);
  });

  it('exec: server errors become etcdctl texts and exit codes', () => {
    const s = new EtcdStore(new Clock(0));
    expect(run(s, 'put /x y --lease=abcdef')).toEqual({ ok: false, exitCode: 1, error: 'etcdserver: requested lease not found' });
    expect(run(s, 'lease revoke abcdef')).toEqual({ ok: false, exitCode: 1, error: 'failed to revoke lease (etcdserver: requested lease not found)' });
    expect(run(s, 'lease keep-alive --once abcdef')).toEqual({ ok: false, exitCode: 2, error: 'etcdserver: requested lease not found' });
    expect(run(s, 'compact 5')).toEqual({ ok: false, exitCode: 1, error: 'etcdserver: mvcc: required revision is a future revision' });
    const g = run(s, 'lease grant 1');
    expect(g).toMatchObject({ ok: true, name: 'lease grant', response: { ttl: 2 } });
    expect(run(s, 'txn', '\nput /a x\nput /a y\n\n\n')).toEqual({ ok: false, exitCode: 1, error: 'etcdserver: duplicate key given in txn request' });
  });
});
