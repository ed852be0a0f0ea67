/** The simulated etcd v3 server: MVCC key space, txns, compaction, watches, leases. */
export { EtcdStore, type EtcdStoreOptions } from './store';
export * from './types';
export * from './errors';
export { prefixEnd, cmpKeys, FROM_KEY } from './keys';
export { toLeaseId, MIN_LEASE_TTL, MAX_LEASE_TTL } from './lease';
export { cmp, opGet, opPut, opDelete, MAX_TXN_OPS } from './txn';
export type { EtcdDump } from './snapshot';
export { EtcdCluster, EtcdMember, ELECTION_TIMEOUT_MS, HEARTBEAT_MS, ERR_TIMEOUT, ERR_NO_LEADER, type EtcdMemberSpec, type EtcdClusterOptions, type MemberStatus, type RaftEvent } from './cluster/cluster';
export type { EtcdGate } from './store';
