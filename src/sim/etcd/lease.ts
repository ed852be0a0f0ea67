/**
 * The lessor: leases with a TTL on the virtual clock, the keys attached to each, deterministic IDs.
 *
 * IDs follow etcd's idutil generator: 16 bits of member ID, then 40 bits of the (virtual) start time
 * in ms, then an 8-bit counter, incremented per grant. The member ID comes from the seed and is kept in
 * 0x1000–0x7fff so IDs are positive int64s that print as 16 hex digits.
 * A lease expires at exactly grant (or last keep-alive) time + TTL; the store revokes it then.
 */
import type { Clock, TimerId } from '../core/clock';
import { EtcdError, leaseExists, leaseNotFound, leaseTtlTooLarge } from './errors';
import { NO_LEASE, type LeaseId, type LeaseRef } from './types';

/** Minimum TTL: ⌈1.5 × election timeout (1 s)⌉ with etcd's default heartbeat/election settings. */
export const MIN_LEASE_TTL = 2;
export const MAX_LEASE_TTL = 9_000_000_000;
const MAX_ID = (1n << 63n) - 1n;

export interface Lease {
  readonly id: LeaseId;
  /** Granted TTL, seconds. */
  readonly ttl: number;
  /** Virtual ms at which it expires. */
  expiresAt: number;
  readonly keys: Set<string>;
  timer?: TimerId;
}

export interface LessorDump {
  nextId: string;
  leases: { id: LeaseId; ttl: number; remainingMs: number }[];
}

let lastRef: string | undefined;
let lastId: LeaseId = NO_LEASE;

/** Normalise a lease reference: strings are hex, numbers/bigints numeric; 0/'' → NO_LEASE. */
export function toLeaseId(ref: LeaseRef | undefined): LeaseId {
  if (ref === undefined || ref === '' || ref === 0 || ref === 0n) return NO_LEASE;
  // the apiserver writes every Event with the same lease for a while: parse it once
  if (typeof ref === 'string' && ref === lastRef) return lastId;
  const id = parseLeaseId(ref);
  if (typeof ref === 'string') {
    lastRef = ref;
    lastId = id;
  }
  return id;
}

function parseLeaseId(ref: LeaseRef): LeaseId {
  let n: bigint;
  if (typeof ref === 'string') {
    if (!/^[0-9a-fA-F]{1,16}$/.test(ref)) throw new EtcdError('InvalidArgument', `bad lease ID "${ref}", expecting ID in hex`);
    n = BigInt('0x' + ref);
  } else if (typeof ref === 'number') {
    if (!Number.isSafeInteger(ref) || ref < 0) throw new EtcdError('InvalidArgument', `bad lease ID ${ref}`);
    n = BigInt(ref);
  } else n = ref;
  if (n < 0n || n > MAX_ID) throw new EtcdError('InvalidArgument', `bad lease ID ${ref}`);
  return n.toString(16);
}

/** The seed's member ID, 0x1000–0x7fff. */
function memberPrefix(seed: number): bigint {
  let h = (seed ^ 0x2040a200) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return BigInt(0x1000 + (h % 0x7000));
}

export class Lessor {
  private readonly leases = new Map<LeaseId, Lease>();
  private next: bigint;

  constructor(
    private readonly clock: Clock,
    seed: number,
    /** Called when a lease's time is up; the store revokes it (deleting its keys). */
    private readonly onExpire: (id: LeaseId) => void,
  ) {
    const ts = BigInt(Math.max(0, Math.floor(clock.now()))) & 0xff_ffff_ffffn;
    this.next = (memberPrefix(seed) << 48n) | (ts << 8n);
  }

  lookup(id: LeaseId): Lease | undefined {
    return this.leases.get(id);
  }

  mustGet(id: LeaseId): Lease {
    const l = this.leases.get(id);
    if (!l) throw leaseNotFound();
    return l;
  }

  grant(ttlSeconds: number, id?: LeaseRef): Lease {
    if (ttlSeconds > MAX_LEASE_TTL) throw leaseTtlTooLarge();
    let lid = toLeaseId(id);
    if (lid === NO_LEASE) lid = this.nextId();
    if (this.leases.has(lid)) throw leaseExists();
    const ttl = Math.max(Math.floor(ttlSeconds), MIN_LEASE_TTL);
    const l: Lease = { id: lid, ttl, expiresAt: 0, keys: new Set() };
    this.leases.set(lid, l);
    this.schedule(l, ttl * 1000);
    return l;
  }

  /** Forget the lease (the caller deletes its keys). */
  remove(id: LeaseId): Lease {
    const l = this.mustGet(id);
    this.clock.cancel(l.timer);
    this.leases.delete(id);
    return l;
  }

  /** Keep-alive: the lease lives another full TTL from now. */
  renew(id: LeaseId): Lease {
    const l = this.mustGet(id);
    this.schedule(l, l.ttl * 1000);
    return l;
  }

  /** Expiry must wait (no leader): try again after ms; the lease keeps its TTL. */
  postpone(id: LeaseId, ms: number): void {
    const l = this.leases.get(id);
    if (l) this.schedule(l, ms);
  }

  /** Cancel every expiry timer (the lessor is being replaced). */
  stopAll(): void {
    for (const l of this.leases.values()) this.clock.cancel(l.timer);
  }

  /** Whole seconds left (truncated, as etcd reports them). */
  remaining(l: Lease): number {
    return Math.max(0, Math.trunc((l.expiresAt - this.clock.now()) / 1000));
  }

  attach(id: LeaseId, key: string): void {
    if (id !== NO_LEASE) this.leases.get(id)?.keys.add(key);
  }

  detach(id: LeaseId, key: string): void {
    if (id !== NO_LEASE) this.leases.get(id)?.keys.delete(key);
  }

  /** Live leases, soonest expiry first (ties by id). */
  list(): Lease[] {
    return [...this.leases.values()].sort((a, b) => a.expiresAt - b.expiresAt || cmpIds(a.id, b.id));
  }

  dump(): LessorDump {
    const now = this.clock.now();
    return {
      nextId: this.next.toString(16),
      leases: this.list().map((l) => ({ id: l.id, ttl: l.ttl, remainingMs: l.expiresAt - now })),
    };
  }

  /** Re-create leases from a dump; remaining time is kept relative to the new clock. */
  load(d: LessorDump): void {
    this.next = BigInt('0x' + d.nextId);
    for (const x of d.leases) {
      const l: Lease = { id: x.id, ttl: x.ttl, expiresAt: 0, keys: new Set() };
      this.leases.set(x.id, l);
      this.schedule(l, Math.max(0, x.remainingMs));
    }
  }

  private nextId(): LeaseId {
    for (;;) {
      this.next = (this.next & ~0xffff_ffff_ffffn) | ((this.next + 1n) & 0xffff_ffff_ffffn);
      const id = this.next.toString(16);
      if (!this.leases.has(id)) return id;
    }
  }

  private schedule(l: Lease, ms: number): void {
    this.clock.cancel(l.timer);
    l.expiresAt = this.clock.now() + ms;
    l.timer = this.clock.after(ms, () => {
      l.timer = undefined;
      if (this.leases.get(l.id) === l) this.onExpire(l.id);
    });
  }
}

export function cmpIds(a: LeaseId, b: LeaseId): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
