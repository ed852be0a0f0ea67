/**
 * Public data shapes of the simulated etcd v3 store (names follow etcd's protobufs, camelCased).
 *
 * Lease IDs are strings of lowercase hex digits without leading zeros (etcdctl's `%x` form, also
 * what `--lease=<hex>` takes). Generated IDs are 64-bit with a non-zero top nibble, so they always
 * print as 16 hex digits (`2040a200dde9d635`). `NO_LEASE` ('0') means "no lease", as 0 does in etcd.
 */
import type { LazyValue } from './lazy-value';

export type LeaseId = string;
export const NO_LEASE: LeaseId = '0';

export interface KeyValue {
  readonly key: string;
  /** The stored bytes as a string ('' for keys-only results and DELETE events). */
  readonly value: string;
  /** Revision of the put that created the key (since its last delete); 0 in DELETE events. */
  readonly createRevision: number;
  /** Revision of the last change (the delete revision in DELETE events). */
  readonly modRevision: number;
  /** 1 on create, +1 per put; 0 in DELETE events. */
  readonly version: number;
  /** Attached lease, or NO_LEASE. */
  readonly lease: LeaseId;
}

export interface ResponseHeader {
  revision: number;
}

export type SortTarget = 'KEY' | 'VERSION' | 'CREATE' | 'MODIFY' | 'VALUE';
export type SortOrder = 'NONE' | 'ASCEND' | 'DESCEND';

export interface RangeOptions {
  /** Half-open end [key, rangeEnd); '\0' = every key >= key; prefixEnd(key) = prefix. Absent/'' = single key. */
  rangeEnd?: string;
  limit?: number;
  /** Read as of this revision (0/absent = current). */
  revision?: number;
  keysOnly?: boolean;
  countOnly?: boolean;
  sortTarget?: SortTarget;
  sortOrder?: SortOrder;
  /** Serve from the local member without a ReadIndex round (etcdctl --consistency=s). */
  serializable?: boolean;
}

export interface RangeResponse {
  header: ResponseHeader;
  kvs: KeyValue[];
  /** Total number of keys in the range (not the number returned when limited). */
  count: number;
  more: boolean;
}

/** A lease: hex string (as etcdctl takes it), or a bigint/number holding the numeric value. 0 = none. */
export type LeaseRef = string | bigint | number;

export interface PutOptions {
  lease?: LeaseRef;
  prevKv?: boolean;
  /** Keep the current value (error `key not found` if the key is absent). */
  ignoreValue?: boolean;
  /** Keep the current lease (error `key not found` if the key is absent). */
  ignoreLease?: boolean;
}

export interface PutResponse {
  header: ResponseHeader;
  prevKv?: KeyValue;
}

export interface DeleteOptions {
  rangeEnd?: string;
  prevKv?: boolean;
}

export interface DeleteResponse {
  header: ResponseHeader;
  deleted: number;
  prevKvs: KeyValue[];
}

export type CompareTarget = 'VERSION' | 'CREATE' | 'MOD' | 'VALUE' | 'LEASE';
export type CompareResult = 'EQUAL' | 'NOT_EQUAL' | 'LESS' | 'GREATER';

export interface Compare {
  key: string;
  /** Compare every key in [key, rangeEnd) (all must match). */
  rangeEnd?: string;
  target: CompareTarget;
  result: CompareResult;
  /** number for VERSION/CREATE/MOD, string for VALUE, LeaseRef for LEASE. */
  value: number | string | bigint;
}

export type Op =
  | { range: { key: string } & RangeOptions }
  | { put: { key: string; value: string | LazyValue } & PutOptions }
  | { deleteRange: { key: string } & DeleteOptions };

export type OpResponse = { range: RangeResponse } | { put: PutResponse } | { deleteRange: DeleteResponse };

export interface TxnRequest {
  compare: Compare[];
  success: Op[];
  failure: Op[];
}

export interface TxnResponse {
  header: ResponseHeader;
  succeeded: boolean;
  responses: OpResponse[];
}

export interface CompactResponse {
  header: ResponseHeader;
}

export type EventType = 'PUT' | 'DELETE';

export interface WatchEvent {
  type: EventType;
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface WatchOptions {
  rangeEnd?: string;
  /** First revision to deliver; absent/0 = current revision + 1 (only new events). */
  startRevision?: number;
  prevKv?: boolean;
  /** etcd's watch filters: drop PUT and/or DELETE events. */
  filters?: ('NOPUT' | 'NODELETE')[];
}

export interface WatchResponse {
  /** The revision of the write that produced the events (current revision for the replay; 0 when canceled for compaction). */
  header: ResponseHeader;
  watchId: number;
  events: WatchEvent[];
  /** Set with canceled when the start revision was compacted. */
  compactRevision: number;
  canceled: boolean;
  cancelReason?: string;
}

export interface WatchHandle {
  id: number;
  cancel(): void;
}

export interface LeaseGrantResponse {
  header: ResponseHeader;
  id: LeaseId;
  /** Granted TTL in seconds (after the minimum-TTL rule). */
  ttl: number;
}

export interface LeaseRevokeResponse {
  header: ResponseHeader;
}

export interface LeaseTimeToLiveResponse {
  header: ResponseHeader;
  id: LeaseId;
  /** Remaining whole seconds; -1 if the lease does not exist (expired, revoked, unknown). */
  ttl: number;
  /** 0 if the lease does not exist. */
  grantedTtl: number;
  /** Attached keys (sorted) when asked for, else []. */
  keys: string[];
}

export interface LeaseKeepAliveResponse {
  header: ResponseHeader;
  id: LeaseId;
  /** The granted TTL the lease was renewed to. */
  ttl: number;
}

export interface LeaseStatus {
  id: LeaseId;
}

export interface LeaseLeasesResponse {
  header: ResponseHeader;
  /** Sorted by expiry (as etcd's lessor lists them), ties by id. */
  leases: LeaseStatus[];
}
