/**
 * Replays the etcdctl steps of etcd-ops.expected.jsonl against the simulated store and prints each
 * result in the normalized shape of etcd-ops.sh's norm.py (SEMANTICS.md §8), byte for byte like
 * Python's json.dumps, so lines can be compared as strings.
 *
 * Input: each step's `cmd` is parsed as a bash line (tests/etcd/bash-words.ts); for txn steps the
 * exact stdin comes from etcd-ops.sh, because the `<<< $'…'` shown in cmd lost the trailing blank
 * lines that etcdctl needs (it answers `Error: EOF` without them).
 * Time: steps are instantaneous on the virtual clock; a watch step observes for the number of seconds
 * its `watch_for NAME SECONDS` line in etcd-ops.sh gives (the clock advances that much, which is how
 * the 5 s lease expires inside the 8 s `watch-lease-expiry` window).
 */
import { Clock } from '../../src/sim/core/clock';
import { EtcdStore } from '../../src/sim/etcd/store';
import { execEtcdctl, parseEtcdctl, startWatch, type EtcdctlResult } from '../../src/sim/etcd/etcdctl-ops';
import { EtcdctlError, EXIT_INTERRUPTED } from '../../src/sim/etcd/etcdctl-args';
import type { KeyValue, RangeResponse, WatchResponse } from '../../src/sim/etcd/types';
import { bashWords } from './bash-words';

export interface Step {
  step: number;
  name: string;
  cmd: string;
  rc: number;
  result: unknown;
}

type J = null | boolean | number | string | J[] | { [k: string]: J };

/** Python's json.dumps(obj) with default separators (ASCII input). */
export function pyJson(v: J): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '[' + v.map(pyJson).join(', ') + ']';
  if (typeof v === 'object') return '{' + Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`).join(', ') + '}';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

/** What the `cmd` lines lose and etcd-ops.sh has: watch windows and the exact txn stdin. */
export interface ScriptInfo {
  /** `watch_for NAME SECONDS …` → seconds per step name. */
  windows: Map<string, number>;
  /** `txn NAME 'TEXT'` → printf '%b' TEXT (the cmd's here-string lost the trailing newlines). */
  txnStdin: Map<string, string>;
}

export function scriptInfo(sh: string): ScriptInfo {
  const windows = new Map<string, number>();
  for (const x of sh.matchAll(/^watch_for\s+(\S+)\s+(\d+)\s/gm)) windows.set(x[1], Number(x[2]));
  const txnStdin = new Map<string, string>();
  const esc: Record<string, string> = { n: '\n', t: '\t', '\\': '\\' };
  for (const x of sh.matchAll(/^txn\s+(\S+)\s+'([^']*)'/gm)) txnStdin.set(x[1], x[2].replace(/\\([nt\\])/g, (_, c: string) => esc[c]));
  return { windows, txnStdin };
}

export class Replayer {
  readonly clock = new Clock(Date.UTC(2026, 0, 1));
  readonly store = new EtcdStore(this.clock, { leaseIdSeed: 7 });
  /** hex lease id → L<n>, by first appearance (as norm.py). */
  private readonly names = new Map<string, string>();

  constructor(private readonly script: ScriptInfo) {}

  run(step: Step): string {
    // L<n> in the command → the real (hex) lease id
    const cmd = step.cmd.replace(/\bL(\d+)\b/g, (m) => [...this.names].find(([, n]) => n === m)?.[0] ?? m);
    const { argv, stdin: hereString } = bashWords(cmd);
    let stdin = hereString;
    const exact = this.script.txnStdin.get(step.name);
    if (exact !== undefined) {
      if (exact.replace(/\n+$/, '') + '\n' !== hereString) throw new Error(`step ${step.step}: etcd-ops.sh txn input differs from cmd`);
      stdin = exact;
    }
    let rc = 0;
    let result: J;
    try {
      const inv = parseEtcdctl(argv.slice(1), stdin ?? '');
      if (inv.command.name === 'watch') [rc, result] = this.watch(inv.command, this.script.windows.get(step.name) ?? 2);
      else [rc, result] = this.normalize(execEtcdctl(this.store, inv.command));
    } catch (e) {
      if (!(e instanceof EtcdctlError)) throw e;
      [rc, result] = [e.exitCode, { error: e.message }];
    }
    let line = pyJson({ step: step.step, name: step.name, cmd: step.cmd, rc, result });
    for (const [hex, n] of this.names) line = line.split(hex).join(n);
    return line;
  }

  private lease(id: string): string {
    if (!this.names.has(id)) this.names.set(id, `L${this.names.size + 1}`);
    return this.names.get(id)!;
  }

  private kv(k: KeyValue): J {
    const o: { [k: string]: J } = { key: k.key, value: k.value, create_revision: k.createRevision, mod_revision: k.modRevision, version: k.version };
    if (k.lease !== '0') o.lease = this.lease(k.lease);
    return o;
  }

  private rng(r: RangeResponse): J {
    return { header_rev: r.header.revision, kvs: r.kvs.map((x) => this.kv(x)), count: r.count, more: r.more };
  }

  private normalize(r: EtcdctlResult): [number, J] {
    if (!r.ok) return [r.exitCode, { error: r.error }];
    switch (r.name) {
      case 'endpoint status':
        return [0, { header_rev: r.response.header.revision }];
      case 'get':
        return [0, this.rng(r.response)];
      case 'put': {
        const o: { [k: string]: J } = { header_rev: r.response.header.revision };
        if (r.response.prevKv) o.prev_kv = this.kv(r.response.prevKv);
        return [0, o];
      }
      case 'del': {
        const o: { [k: string]: J } = { header_rev: r.response.header.revision, deleted: r.response.deleted };
        if (r.response.prevKvs.length) o.prev_kvs = r.response.prevKvs.map((x) => this.kv(x));
        return [0, o];
      }
      case 'txn': {
        const rs = r.response.responses.map((x): J => {
          if ('put' in x) return { put: { header_rev: x.put.header.revision } };
          if ('range' in x) return { range: this.rng(x.range) };
          return { delete: { header_rev: x.deleteRange.header.revision, deleted: x.deleteRange.deleted } };
        });
        return [0, { header_rev: r.response.header.revision, succeeded: r.response.succeeded, responses: rs }];
      }
      case 'lease grant':
        return [0, { header_rev: r.response.header.revision, id: this.lease(r.response.id), ttl: r.response.ttl }];
      case 'lease timetolive': {
        const t = r.response.ttl;
        const ttl: J = t === -1 ? 'expired(-1)' : t > 0 ? '>0' : t;
        const keys = [...r.response.keys].sort();
        return [0, { header_rev: r.response.header.revision, id: this.lease(r.response.id), ttl, granted_ttl: r.response.grantedTtl, keys }];
      }
      case 'lease list':
        return [0, { header_rev: r.response.header.revision, leases: r.response.leases.map((l) => this.lease(l.id)).sort() }];
      case 'compact':
        return [0, { stdout: `compacted revision ${r.revision}` }];
      case 'lease revoke':
        return [0, { stdout: `lease ${r.id.padStart(16, '0')} revoked` }];
      case 'lease keep-alive':
        return [0, { stdout: `lease ${r.response.id.padStart(16, '0')} keepalived with TTL(${r.response.ttl})` }];
      case 'version':
        return [0, { stdout: `etcdctl version: ${r.response.etcdctlVersion}\nAPI version: ${r.response.apiVersion}` }];
    }
  }

  /** Observe a watch for `secs` seconds of virtual time, then stop it (as `timeout secs etcdctl watch`). */
  private watch(c: Parameters<typeof startWatch>[1], secs: number): [number, J] {
    const got: WatchResponse[] = [];
    const h = startWatch(this.store, c, (r) => got.push(r));
    if (!got.some((r) => r.canceled)) this.clock.advance(secs * 1000);
    h.cancel();
    const responses = got.map(
      (r): J => ({
        header_rev: r.header.revision,
        events: r.events.map((e) => {
          const o: { [k: string]: J } = { type: e.type, kv: this.kv(e.kv) };
          if (e.prevKv) o.prev_kv = this.kv(e.prevKv);
          return o;
        }),
        compact_revision: r.compactRevision,
        canceled: r.canceled,
      }),
    );
    const canceled = got.find((r) => r.canceled);
    if (!canceled) return [0, { responses }];
    return [EXIT_INTERRUPTED, { responses, cancel_reason: `watch was canceled (${canceled.cancelReason})` }];
  }
}
