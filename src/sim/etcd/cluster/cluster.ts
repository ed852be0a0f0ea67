/**
 * EtcdCluster: N etcd members in front of one replicated state machine (the EtcdStore), with a
 * raft-style quorum on the virtual clock. Modelled, not ported:
 *
 * - Member IDs and the cluster ID are etcd's: sha1(peer URLs + initial-cluster-token)[:8] and
 *   sha1(sorted member IDs)[:8] (verified against etcd 3.4: `8e9e05c52164694d` for
 *   http://localhost:2380 + etcd-cluster).
 * - Boot: every member at term 2 with the first member as leader, raft index 2N+2 (N conf changes,
 *   the leader's empty entry, N attribute publishes, the cluster version), as a fresh etcd shows.
 * - Every committed write request (put, delete, write txn, compaction, lease grant/revoke/expiry) is
 *   one raft entry: the index and the applied index of every member in contact with the leader move.
 * - Stopping the leader: after the election timeout (1000 ms + 150 ms × the candidate's position in
 *   the member list, deterministic) the most up-to-date survivor wins: term + 1 (pre-vote, etcd 3.5's
 *   default, so failed elections do not bump the term), one empty entry.
 * - Fewer than a quorum up: the leader steps down after one election timeout (CheckQuorum); writes
 *   and linearizable reads fail with `etcdserver: request timed out` (what the server returns after
 *   its 7 s request timeout); serializable reads still work; leases do not expire.
 * - A stopped member keeps its term/index/applied revision; when it starts again it catches up one
 *   heartbeat (100 ms) after it can reach a leader.
 * Writes while a quorum is up but the election is still running are accepted at once (a real client
 * would wait ~1 s for the new leader and then succeed).
 */
import type { Clock, TimerId } from '../../core/clock';
import { EtcdError } from '../errors';
import type { EtcdGate, EtcdStore } from '../store';
import { idFromDigest, sha1, utf8 } from './sha1';

export const ELECTION_TIMEOUT_MS = 1000;
export const HEARTBEAT_MS = 100;
/** etcd's server-side request timeout: 5 s + 2 × election timeout. */
export const REQUEST_TIMEOUT_MS = 5000 + 2 * ELECTION_TIMEOUT_MS;
export const ERR_TIMEOUT = 'etcdserver: request timed out';
export const ERR_NO_LEADER = 'etcdserver: no leader';
export const DEFAULT_TOKEN = 'etcd-cluster';

export interface EtcdMemberSpec {
  name: string;
  /** Advertised peer URL, e.g. https://172.30.1.2:2380. */
  peerURL: string;
  /** Advertised client URL, e.g. https://172.30.1.2:2379. */
  clientURL: string;
  /** Other addresses the member listens on for clients (kubeadm: https://127.0.0.1:2379). */
  listenClientURLs?: string[];
  /** The host the member runs on (for `127.0.0.1` endpoints). */
  host?: string;
}

export interface EtcdClusterOptions {
  members: EtcdMemberSpec[];
  /** --initial-cluster-token (kubeadm leaves etcd's default, `etcd-cluster`). */
  token?: string;
}

export interface RaftEvent {
  t: number;
  member: string;
  msg: string;
}

export class EtcdMember {
  readonly id: string;
  up = true;
  /** The term this member knows. */
  term = 2;
  /** The leader this member follows (its ID), or undefined (none known). */
  lead?: string;
  /** Raft index this member has (committed) and applied. */
  raftIndex = 0;
  appliedIndex = 0;
  /** Store revision at its applied index. */
  revision = 1;
  readonly isLearner = false;

  constructor(readonly spec: EtcdMemberSpec, token: string) {
    this.id = idFromDigest(sha1(utf8(spec.peerURL + token)));
  }

  get name(): string {
    return this.spec.name;
  }
  get peerURLs(): string[] {
    return [this.spec.peerURL];
  }
  get clientURLs(): string[] {
    return [this.spec.clientURL];
  }
}

export interface MemberStatus {
  member: EtcdMember;
  version: string;
  dbSize: number;
  dbSizeInUse: number;
  leader: string;
  isLeader: boolean;
  raftTerm: number;
  raftIndex: number;
  raftAppliedIndex: number;
  revision: number;
  errors: string[];
}

export const ETCD_SERVER_VERSION = '3.5.16';

export class EtcdCluster implements EtcdGate {
  readonly members: EtcdMember[];
  readonly clusterId: string;
  /** Latest term any leader had. */
  term = 2;
  /** Committed raft index. */
  index: number;
  leader?: EtcdMember;
  /** What happened, for tests and the page (became leader, lost leader, caught up …). */
  readonly events: RaftEvent[] = [];
  private electionTimer?: TimerId;
  private stepDownTimer?: TimerId;

  constructor(
    private readonly clock: Clock,
    readonly store: EtcdStore,
    opts: EtcdClusterOptions,
  ) {
    if (!opts.members.length) throw new Error('etcd cluster: no members');
    const token = opts.token ?? DEFAULT_TOKEN;
    this.members = opts.members.map((m) => new EtcdMember(m, token));
    const ids = this.members.map((m) => BigInt('0x' + m.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const b = new Uint8Array(8 * ids.length);
    const dv = new DataView(b.buffer);
    ids.forEach((id, i) => dv.setBigUint64(8 * i, id));
    this.clusterId = idFromDigest(sha1(b));
    this.index = 2 * this.members.length + 2;
    this.leader = this.members[0];
    for (const m of this.members) this.sync(m);
    store.gate = this;
  }

  /** Members needed to commit: ⌊N/2⌋ + 1. */
  get quorum(): number {
    return Math.floor(this.members.length / 2) + 1;
  }

  get upCount(): number {
    return this.members.filter((m) => m.up).length;
  }

  hasQuorum(): boolean {
    return this.upCount >= this.quorum;
  }

  member(name: string): EtcdMember | undefined {
    return this.members.find((m) => m.name === name);
  }

  /** The member serving a client URL (`https://127.0.0.1:2379` means the member on `host`). */
  memberAt(endpoint: string, host?: string): EtcdMember | undefined {
    const hp = endpointHostPort(endpoint);
    return this.members.find((m) => {
      const urls = [m.spec.clientURL, ...(m.spec.listenClientURLs ?? [])].map(endpointHostPort);
      if (urls.includes(hp)) return !hp.startsWith('127.0.0.1:') && !hp.startsWith('localhost:') ? true : m.spec.host === host;
      return false;
    });
  }

  // ------------------------------------------------------------------ failures

  /** `systemctl stop etcd` / the static pod gone: the member stops answering. */
  stopMember(name: string): void {
    const m = this.mustMember(name);
    if (!m.up) return;
    m.up = false;
    this.log(m, 'stopped');
    if (this.leader === m) {
      this.leader = undefined;
      for (const o of this.members) if (o.up) o.lead = undefined;
      for (const o of this.members) if (o.up) this.log(o, `lost leader ${m.id} at term ${o.term}`);
      this.scheduleElection();
    } else if (this.leader && !this.hasQuorum()) {
      // CheckQuorum: the leader steps down after an election timeout without a quorum of followers
      const leader = this.leader;
      this.clock.cancel(this.stepDownTimer);
      this.stepDownTimer = this.clock.after(ELECTION_TIMEOUT_MS, () => {
        this.stepDownTimer = undefined;
        if (this.leader !== leader || this.hasQuorum()) return;
        this.leader = undefined;
        for (const o of this.members) if (o.up) o.lead = undefined;
        this.log(leader, `stepped down to follower since quorum is not active; lost leader at term ${leader.term}`);
      });
    }
  }

  /** `etcdctl member remove`: the member leaves the cluster, so the quorum is counted without it. */
  removeMember(id: string): boolean {
    const i = this.members.findIndex((m) => BigInt('0x' + m.id) === BigInt('0x' + id));
    if (i < 0) return false;
    const [m] = this.members.splice(i, 1);
    this.log(m, 'removed from the cluster');
    if (this.leader === m) {
      this.leader = undefined;
      for (const o of this.members) if (o.up) o.lead = undefined;
      this.scheduleElection();
    }
    return true;
  }

  /** The member starts again with the state it had; it catches up from the leader. */
  startMember(name: string): void {
    const m = this.mustMember(name);
    if (m.up) return;
    m.up = true;
    m.lead = undefined;
    this.log(m, `started (applied index ${m.appliedIndex}, term ${m.term})`);
    if (this.leader) this.scheduleCatchUp(m);
    else this.scheduleElection();
  }

  /** etcd restarted on a restored data dir: a fresh raft log (term 2, index 2N+2), first up member leads. */
  restarted(): void {
    this.clock.cancel(this.electionTimer);
    this.clock.cancel(this.stepDownTimer);
    this.electionTimer = this.stepDownTimer = undefined;
    this.term = 2;
    this.index = 2 * this.members.length + 2;
    this.leader = this.hasQuorum() ? this.members.find((m) => m.up) : undefined;
    for (const m of this.members) this.sync(m);
    this.log(this.leader ?? this.members[0], `restored from a snapshot: a fresh raft log (term ${this.term}, index ${this.index})`);
    if (this.leader) this.log(this.leader, `became leader at term ${this.term}`);
    else this.scheduleElection();
  }

  // ------------------------------------------------------------------ EtcdGate

  beforeWrite(): void {
    if (!this.hasQuorum()) throw new EtcdError('Unavailable', ERR_TIMEOUT);
  }

  afterWrite(): void {
    this.index++;
    for (const m of this.members) if (m.up && m.lead && this.leader) this.sync(m);
  }

  beforeRead(serializable: boolean): void {
    if (!serializable && !this.hasQuorum()) throw new EtcdError('Unavailable', ERR_TIMEOUT);
  }

  canExpireLeases(): boolean {
    return !!this.leader && this.hasQuorum();
  }

  // ------------------------------------------------------------------ status

  /** What `etcdctl endpoint status` reports for a member (it must be up). */
  status(m: EtcdMember): MemberStatus {
    const dbSize = dbSizeOf(this.store);
    return {
      member: m,
      version: ETCD_SERVER_VERSION,
      dbSize,
      dbSizeInUse: Math.max(16384, dbSize - 4096),
      leader: m.lead ?? '0',
      isLeader: this.leader === m,
      raftTerm: m.term,
      raftIndex: m.raftIndex,
      raftAppliedIndex: m.appliedIndex,
      revision: m.up && m.lead ? this.store.revision : m.revision,
      errors: m.lead ? [] : [ERR_NO_LEADER],
    };
  }

  // ------------------------------------------------------------------ internals

  private scheduleElection(): void {
    if (this.leader || this.electionTimer !== undefined || !this.hasQuorum()) return;
    const candidates = this.upToDate();
    // the first to time out wins; deterministic stand-in for raft's randomized timeout in [1 s, 2 s)
    const rank = this.members.indexOf(candidates[0]);
    this.electionTimer = this.clock.after(ELECTION_TIMEOUT_MS + 150 * rank, () => {
      this.electionTimer = undefined;
      if (this.leader || !this.hasQuorum()) return;
      const c = this.upToDate()[0] ?? candidates[0];
      this.term++;
      this.leader = c;
      this.log(c, `became leader at term ${this.term}`);
      this.index++; // the new leader's empty entry
      for (const m of this.members) {
        if (!m.up) continue;
        if (m !== c && m.appliedIndex < c.appliedIndex) {
          // a lagging voter follows the new leader and catches up on the next heartbeat
          m.term = this.term;
          m.lead = c.id;
          this.scheduleCatchUp(m);
        } else this.sync(m);
        if (m !== c) this.log(m, `elected leader ${c.id} at term ${this.term}`);
      }
    });
  }

  /** Up members, most up-to-date log first (ties: member order). */
  private upToDate(): EtcdMember[] {
    return this.members.filter((m) => m.up).sort((a, b) => b.appliedIndex - a.appliedIndex);
  }

  private scheduleCatchUp(m: EtcdMember): void {
    this.clock.after(HEARTBEAT_MS, () => {
      if (!m.up || !this.leader) return;
      const from = m.appliedIndex;
      this.sync(m);
      if (from !== m.appliedIndex) this.log(m, `caught up: applied index ${from} → ${m.appliedIndex}`);
    });
  }

  private sync(m: EtcdMember): void {
    m.term = this.term;
    m.lead = this.leader?.id;
    m.raftIndex = this.index;
    m.appliedIndex = this.index;
    m.revision = this.store.revision;
  }

  private mustMember(name: string): EtcdMember {
    const m = this.member(name);
    if (!m) throw new Error(`etcd cluster: no member named "${name}" (members: ${this.members.map((x) => x.name).join(', ')})`);
    return m;
  }

  private log(m: EtcdMember, msg: string): void {
    this.events.push({ t: this.clock.now(), member: m.name, msg });
  }
}

/** host:port of an endpoint (`https://127.0.0.1:2379`, `127.0.0.1:2379`, `localhost:2379`). */
export function endpointHostPort(ep: string): string {
  let s = ep.replace(/^[a-z]+:\/\//, '');
  s = s.replace(/\/.*$/, '');
  if (!/:\d+$/.test(s)) s += ':2379';
  return s;
}

/**
 * A plausible bbolt file size: etcd's db grows in pages; a fresh member is 20 kB and it grows with
 * the stored bytes (values and history). Deterministic for a given store state.
 */
export function dbSizeOf(store: EtcdStore): number {
  const d = store.snapshot();
  let bytes = 0;
  for (const k of d.keys) for (const e of k.history) bytes += k.key.length + 48 + (e.length > 2 ? String(e[2]).length : 0);
  return 20480 + Math.floor(bytes / 4096) * 8192;
}
