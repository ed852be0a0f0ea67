/**
 * EtcdStore: the etcd v3 KV, lease and watch API over the MVCC key space, with etcd's revision
 * rules (see /work/shared/reference/etcd/SEMANTICS.md): +1 per request that changed something,
 * one revision per txn / range delete / lease revoke or expiry, none for reads, no-ops and errors.
 * Every request is validated completely before anything is applied, so a rejected one changes nothing.
 */
import type { Clock } from '../core/clock';
import { compacted, EtcdError, emptyKey, futureRev, keyNotFound, leaseNotFound } from './errors';
import { cmpKeys } from './keys';
import { Lessor, toLeaseId } from './lease';
import { Mvcc, type WriteTxn } from './mvcc';
import { dumpMvcc, loadMvcc, type EtcdDump } from './snapshot';
import { applyCompare, checkTxnRequest } from './txn';
import {
  NO_LEASE,
  type CompactResponse,
  type DeleteOptions,
  type DeleteResponse,
  type LeaseGrantResponse,
  type LeaseKeepAliveResponse,
  type LeaseLeasesResponse,
  type LeaseRef,
  type LeaseRevokeResponse,
  type LeaseTimeToLiveResponse,
  type Op,
  type OpResponse,
  type PutOptions,
  type PutResponse,
  type RangeOptions,
  type RangeResponse,
  type TxnRequest,
  type TxnResponse,
  type WatchHandle,
  type WatchOptions,
  type WatchResponse,
} from './types';
import { WatcherHub } from './watch';
import type { LazyValue } from './lazy-value';

export interface EtcdStoreOptions {
  /** Seeds the member part of generated lease IDs. */
  leaseIdSeed?: number;
}

/**
 * The consensus layer in front of the state machine (src/sim/etcd/cluster): it may refuse a request
 * (no quorum: throws the etcd error) and counts committed raft entries. Absent = a healthy single member.
 */
export interface EtcdGate {
  /** Throws when a write (raft proposal) cannot commit now. */
  beforeWrite(): void;
  /** A write request was committed and applied (one raft entry). */
  afterWrite(): void;
  /** Throws when a read at this consistency cannot be served now. */
  beforeRead(serializable: boolean): void;
  /** False while lease expiry must wait (no leader: leases are not revoked). */
  canExpireLeases(): boolean;
}

export class EtcdStore {
  private m = new Mvcc();
  private lessor: Lessor;
  private readonly hub: WatcherHub;
  /** Quorum check and raft accounting (set by EtcdCluster). */
  gate?: EtcdGate;

  constructor(
    private readonly clock: Clock,
    private readonly opts: EtcdStoreOptions = {},
  ) {
    this.lessor = this.newLessor();
    // the hub reads through the store so an in-place restore (load) swaps what it sees
    const self = this;
    this.hub = new WatcherHub({
      get revision() {
        return self.m.revision;
      },
      get compactRevision() {
        return self.m.compactRevision;
      },
      eventsSince: (rev) => this.m.eventsSince(rev),
    });
  }

  private newLessor(): Lessor {
    return new Lessor(this.clock, this.opts.leaseIdSeed ?? 0, (id) => {
      if (this.gate && !this.gate.canExpireLeases()) this.lessor.postpone(id, 500);
      else this.revokeLease(id);
    });
  }

  /** The current store revision (1 on a fresh store). */
  get revision(): number {
    return this.m.revision;
  }

  /** The revision of the last compaction (0 = never compacted). */
  get compactRevision(): number {
    return this.m.compactRevision;
  }

  // ------------------------------------------------------------------ KV

  range(key: string, opts: RangeOptions = {}): RangeResponse {
    this.gate?.beforeRead(!!opts.serializable);
    if (!key) throw emptyKey();
    const rev = this.readRev(opts.revision, this.m.revision);
    return { header: { revision: this.m.revision }, ...this.m.read(key, opts, rev) };
  }

  put(key: string, value: string, opts: PutOptions = {}): PutResponse {
    if (!key) throw emptyKey(); // rejected before raft
    this.gate?.beforeWrite();
    let lease: string;
    let prevKv;
    try {
      // the remaining checks happen when the entry is applied: a failed put still used a raft entry
      lease = this.checkPut(key, value, opts);
      const w = this.m.begin();
      prevKv = this.applyPut(w, key, value, lease, opts);
      this.commit(w);
    } finally {
      this.gate?.afterWrite();
    }
    return opts.prevKv && prevKv ? { header: { revision: this.m.revision }, prevKv } : { header: { revision: this.m.revision } };
  }

  deleteRange(key: string, opts: DeleteOptions = {}): DeleteResponse {
    this.gate?.beforeWrite();
    if (!key) throw emptyKey();
    const w = this.m.begin();
    const prev = this.applyDelete(w, key, opts.rangeEnd);
    this.commit(w);
    this.gate?.afterWrite();
    return { header: { revision: this.m.revision }, deleted: prev.length, prevKvs: opts.prevKv ? prev : [] };
  }

  txn(req: TxnRequest): TxnResponse {
    const r = { compare: req.compare ?? [], success: req.success ?? [], failure: req.failure ?? [] };
    checkTxnRequest(r);
    // a txn with only reads is served as a read (no raft entry), as etcd's isTxnReadonly
    const readOnly = [...r.success, ...r.failure].every((op) => 'range' in op);
    if (readOnly) this.gate?.beforeRead(false);
    else this.gate?.beforeWrite();
    const cur = this.m.revision;
    const succeeded = r.compare.every((c) => applyCompare(c, this.m.read(c.key, { rangeEnd: c.rangeEnd }, cur).kvs));
    const ops = succeeded ? r.success : r.failure;
    for (const op of ops) {
      if ('range' in op) this.readRev(op.range.revision, cur);
      else if ('put' in op) this.checkPut(op.put.key, op.put.value, op.put);
    }
    const w = this.m.begin();
    const responses = ops.map((op) => this.applyOp(w, op));
    this.commit(w);
    if (!readOnly) this.gate?.afterWrite();
    return { header: { revision: this.m.revision }, succeeded, responses };
  }

  /** Drop history before revision (reads at revision itself still work). */
  compact(revision: number): CompactResponse {
    this.gate?.beforeWrite();
    try {
      if (revision <= this.m.compactRevision) throw compacted();
      if (revision > this.m.revision) throw futureRev();
      this.m.compact(revision);
    } finally {
      this.gate?.afterWrite(); // checked when applied: an entry either way
    }
    return { header: { revision: this.m.revision } };
  }

  // ------------------------------------------------------------------ watch

  /**
   * Watch [key, rangeEnd). Events from startRevision up to now are replayed synchronously (one
   * response) before this returns; later ones are delivered right after each write is applied.
   * A start revision older than the compaction yields one canceled response and no watch.
   */
  watch(key: string, opts: WatchOptions, onResponse: (r: WatchResponse) => void): WatchHandle {
    return this.hub.watch(key, opts ?? {}, onResponse);
  }

  /** Number of open watches. */
  get watchCount(): number {
    return this.hub.size;
  }

  // ------------------------------------------------------------------ leases

  /** Grant a lease: TTL = max(ttl, 2) seconds; does not change the revision. */
  leaseGrant(ttlSeconds: number, id?: LeaseRef): LeaseGrantResponse {
    this.gate?.beforeWrite();
    const l = this.lessor.grant(ttlSeconds, id);
    this.gate?.afterWrite();
    return { header: { revision: this.m.revision }, id: l.id, ttl: l.ttl };
  }

  /** Revoke: delete every attached key (one revision if there were any). */
  leaseRevoke(id: LeaseRef): LeaseRevokeResponse {
    const lid = toLeaseId(id);
    this.gate?.beforeWrite();
    if (!this.lessor.lookup(lid)) {
      this.gate?.afterWrite(); // not found when applied: still a raft entry
      throw leaseNotFound();
    }
    this.revokeLease(lid);
    return { header: { revision: this.m.revision } };
  }

  leaseTimeToLive(id: LeaseRef, keys = false): LeaseTimeToLiveResponse {
    this.gate?.beforeRead(false);
    const lid = toLeaseId(id);
    const l = this.lessor.lookup(lid);
    const header = { revision: this.m.revision };
    if (!l) return { header, id: lid, ttl: -1, grantedTtl: 0, keys: [] };
    return { header, id: lid, ttl: this.lessor.remaining(l), grantedTtl: l.ttl, keys: keys ? [...l.keys].sort(cmpKeys) : [] };
  }

  /** One keep-alive: the lease lives another full TTL from now. */
  leaseKeepAlive(id: LeaseRef): LeaseKeepAliveResponse {
    this.gate?.beforeRead(false); // served by the leader, not through raft
    const l = this.lessor.renew(toLeaseId(id));
    return { header: { revision: this.m.revision }, id: l.id, ttl: l.ttl };
  }

  leases(): LeaseLeasesResponse {
    return { header: { revision: this.m.revision }, leases: this.lessor.list().map((l) => ({ id: l.id })) };
  }

  // ------------------------------------------------------------------ snapshot

  /** A JSON-serialisable dump of the whole state (history, revisions, leases); watches are not included. */
  snapshot(): EtcdDump {
    return dumpMvcc(this.m, this.lessor.dump());
  }

  /** A store with the dumped state; lease expiries keep their remaining time on the given clock. */
  static restore(clock: Clock, dump: EtcdDump, opts: EtcdStoreOptions = {}): EtcdStore {
    const s = new EtcdStore(clock, opts);
    s.loadState(dump);
    return s;
  }

  /**
   * Replace the whole state in place with a dump (`etcdutl snapshot restore` + restarting etcd):
   * every open watch is canceled first (its client sees the stream end as after an etcd restart,
   * with compactRevision = the restored compact revision, so the apiserver answers 410 and
   * informers re-list). Old lease timers are dropped.
   */
  load(dump: EtcdDump): void {
    this.hub.cancelAll(dump.compactRevision);
    this.lessor.stopAll();
    this.m = new Mvcc();
    this.lessor = this.newLessor();
    this.loadState(dump);
  }

  private loadState(dump: EtcdDump): void {
    this.lessor.load(dump.lessor);
    loadMvcc(this.m, dump);
    for (const ki of this.m.index.values()) {
      const kv = ki.latest();
      if (kv) this.lessor.attach(kv.lease, kv.key);
    }
  }

  /** Number of keys with a live value (for `snapshot status` TOTAL KEYS and db size estimates). */
  get keyCount(): number {
    let n = 0;
    for (const ki of this.m.index.values()) if (ki.latest()) n++;
    return n;
  }

  // ------------------------------------------------------------------ internals

  /** The revision a read at `rev` (0/absent = current) uses, or the etcd error. */
  private readRev(rev: number | undefined, cur: number): number {
    if (rev && rev > cur) throw futureRev();
    const r = rev && rev > 0 ? rev : cur;
    if (r < this.m.compactRevision) throw compacted();
    return r;
  }

  private checkPut(key: string, value: string | LazyValue, o: PutOptions): string {
    if (!key) throw emptyKey();
    if (o.ignoreValue && value) throw new EtcdError('InvalidArgument', 'etcdserver: value is provided');
    const lease = toLeaseId(o.lease);
    if (o.ignoreLease && lease !== NO_LEASE) throw new EtcdError('InvalidArgument', 'etcdserver: lease is provided');
    if ((o.ignoreValue || o.ignoreLease) && !this.m.index.get(key)?.latest()) throw keyNotFound();
    if (lease !== NO_LEASE) this.lessor.mustGet(lease);
    return lease;
  }

  private applyPut(w: WriteTxn, key: string, value: string | LazyValue, lease: string, o: PutOptions) {
    const cur = this.m.index.get(key)?.latest();
    if (o.ignoreValue && cur) value = cur.value;
    if (o.ignoreLease && cur) lease = cur.lease;
    const { prev } = w.put(key, value, lease);
    if (prev) this.lessor.detach(prev.lease, key);
    this.lessor.attach(lease, key);
    return prev;
  }

  private applyDelete(w: WriteTxn, key: string, rangeEnd: string | undefined) {
    const prev = w.deleteRange(key, rangeEnd);
    for (const kv of prev) this.lessor.detach(kv.lease, kv.key);
    return prev;
  }

  private applyOp(w: WriteTxn, op: Op): OpResponse {
    if ('range' in op) {
      const { key, ...o } = op.range;
      const rev = w.rev;
      return { range: { header: { revision: rev }, ...this.m.read(key, o, o.revision && o.revision > 0 ? o.revision : rev) } };
    }
    if ('put' in op) {
      const { key, value, ...o } = op.put;
      const prevKv = this.applyPut(w, key, value, toLeaseId(o.lease), o);
      return { put: o.prevKv && prevKv ? { header: { revision: w.rev }, prevKv } : { header: { revision: w.rev } } };
    }
    const { key, rangeEnd, prevKv } = op.deleteRange;
    const prev = this.applyDelete(w, key, rangeEnd);
    return { deleteRange: { header: { revision: w.rev }, deleted: prev.length, prevKvs: prevKv ? prev : [] } };
  }

  private commit(w: WriteTxn): void {
    const changes = w.commit();
    if (changes.length) this.hub.notify(this.m.revision, changes);
  }

  /** Revoke (explicitly or on expiry): attached keys go in one revision, sorted as etcd does. */
  private revokeLease(id: string): void {
    const l = this.lessor.remove(id);
    const w = this.m.begin();
    for (const key of [...l.keys].sort(cmpKeys)) this.applyDelete(w, key, undefined);
    this.commit(w);
    this.gate?.afterWrite();
  }
}
