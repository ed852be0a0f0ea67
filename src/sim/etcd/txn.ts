/**
 * Txn request checks and compare evaluation (etcd's v3rpc checkIntervals and applyCompare), plus
 * small builders for requests.
 */
import { duplicateKey, emptyKey, tooManyOps } from './errors';
import { cmpKeys, FROM_KEY } from './keys';
import { cmpIds, toLeaseId } from './lease';
import type { Compare, CompareResult, CompareTarget, DeleteOptions, KeyValue, Op, PutOptions, RangeOptions, TxnRequest } from './types';

/** etcd's default --max-txn-ops. */
export const MAX_TXN_OPS = 128;

/** Reject what the gRPC layer rejects before the request reaches raft. */
export function checkTxnRequest(req: TxnRequest): void {
  if (req.compare.length > MAX_TXN_OPS || req.success.length > MAX_TXN_OPS || req.failure.length > MAX_TXN_OPS) throw tooManyOps();
  for (const op of [...req.success, ...req.failure]) if (!opKey(op)) throw emptyKey();
  checkIntervals(req.success);
  checkIntervals(req.failure);
}

function opKey(op: Op): string {
  return 'range' in op ? op.range.key : 'put' in op ? op.put.key : op.deleteRange.key;
}

/** In one branch a key may be put at most once and not also be inside a deleted range. */
export function checkIntervals(ops: readonly Op[]): void {
  const dels: { key: string; end?: string }[] = [];
  for (const op of ops) if ('deleteRange' in op) dels.push({ key: op.deleteRange.key, end: op.deleteRange.rangeEnd || undefined });
  const puts = new Set<string>();
  for (const op of ops) {
    if (!('put' in op)) continue;
    const k = op.put.key;
    if (puts.has(k)) throw duplicateKey();
    for (const d of dels) {
      const hit = d.end === undefined ? d.key === k : cmpKeys(k, d.key) >= 0 && (d.end === FROM_KEY || cmpKeys(k, d.end) < 0);
      if (hit) throw duplicateKey();
    }
    puts.add(k);
  }
}

/** A missing key compares as create=mod=version=0, lease 0 — except VALUE compares, which then fail. */
export function applyCompare(c: Compare, kvs: readonly KeyValue[]): boolean {
  if (!kvs.length) return c.target === 'VALUE' ? false : compareKV(c, undefined);
  return kvs.every((kv) => compareKV(c, kv));
}

function compareKV(c: Compare, kv: KeyValue | undefined): boolean {
  let r: number;
  switch (c.target) {
    case 'VALUE':
      r = cmpKeys(kv?.value ?? '', String(c.value));
      break;
    case 'LEASE':
      r = cmpIds(kv?.lease ?? '0', toLeaseId(c.value as string | number | bigint));
      break;
    default: {
      const have = !kv ? 0 : c.target === 'VERSION' ? kv.version : c.target === 'CREATE' ? kv.createRevision : kv.modRevision;
      r = have - Number(c.value);
    }
  }
  switch (c.result) {
    case 'EQUAL':
      return r === 0;
    case 'NOT_EQUAL':
      return r !== 0;
    case 'GREATER':
      return r > 0;
    case 'LESS':
      return r < 0;
  }
}

const RESULTS: Record<string, CompareResult> = { '=': 'EQUAL', '==': 'EQUAL', '!=': 'NOT_EQUAL', '<': 'LESS', '>': 'GREATER' };

/** Builders: `txn({ compare: [cmp('/k', 'MOD', '=', 6)], success: [opPut('/k', 'v')], failure: [opGet('/k')] })`. */
export function cmp(key: string, target: CompareTarget, op: CompareResult | '=' | '!=' | '<' | '>', value: number | string | bigint): Compare {
  return { key, target, result: RESULTS[op] ?? (op as CompareResult), value };
}

export function opGet(key: string, opts: RangeOptions = {}): Op {
  return { range: { key, ...opts } };
}

export function opPut(key: string, value: string, opts: PutOptions = {}): Op {
  return { put: { key, value, ...opts } };
}

export function opDelete(key: string, opts: DeleteOptions = {}): Op {
  return { deleteRange: { key, ...opts } };
}
