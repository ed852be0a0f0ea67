/**
 * JSON dump of the MVCC state and its reload. Per key, the kept history as tuples:
 *   put:       [main, sub, value, createRevision, version, lease]
 *   tombstone: [main, sub]
 * The watch log is not stored: it is rebuilt from the histories (every change at or after the
 * compact revision, ordered by (main, sub)).
 */
import { KeyIndex, type RevEntry } from './keyindex';
import type { LessorDump } from './lease';
import type { Mvcc } from './mvcc';
import type { KeyValue } from './types';
import type { LoggedEvent } from './watch';

export const DUMP_FORMAT = 'kube-anatomy/etcd-mvcc/v1';

export type DumpEntry = [number, number] | [number, number, string, number, number, string];

export interface EtcdDump {
  format: typeof DUMP_FORMAT;
  revision: number;
  compactRevision: number;
  /** Keys in byte order with their kept history, oldest first. */
  keys: { key: string; history: DumpEntry[] }[];
  lessor: LessorDump;
}

export function dumpMvcc(m: Mvcc, lessor: LessorDump): EtcdDump {
  const keys = m.keys.all().map((key) => ({
    key,
    history: m.index.get(key)!.entries.map((e): DumpEntry =>
      e.kv ? [e.main, e.sub, e.kv.value, e.kv.createRevision, e.kv.version, e.kv.lease] : [e.main, e.sub],
    ),
  }));
  return { format: DUMP_FORMAT, revision: m.revision, compactRevision: m.compactRevision, keys, lessor };
}

export function loadMvcc(m: Mvcc, d: EtcdDump): void {
  if (d.format !== DUMP_FORMAT) throw new Error(`etcd dump: unknown format ${String(d.format)}`);
  m.revision = d.revision;
  m.compactRevision = d.compactRevision;
  const changes: { main: number; sub: number; ev: LoggedEvent }[] = [];
  for (const { key, history } of d.keys) {
    const ki = new KeyIndex(key);
    for (const t of history) {
      const [main, sub] = t;
      let e: RevEntry;
      let ev: LoggedEvent;
      const prev = ki.latest();
      if (t.length === 2) {
        e = ki.tombstone(main, sub);
        const kv: KeyValue = Object.freeze({ key, value: '', createRevision: 0, modRevision: main, version: 0, lease: '0' });
        ev = prev ? { type: 'DELETE', kv, prev } : { type: 'DELETE', kv };
      } else {
        const kv: KeyValue = Object.freeze({ key, value: t[2], createRevision: t[3], modRevision: main, version: t[4], lease: t[5] });
        e = ki.put(main, sub, kv);
        ev = prev ? { type: 'PUT', kv, prev } : { type: 'PUT', kv };
      }
      if (e.main >= d.compactRevision) changes.push({ main, sub, ev });
    }
    m.index.set(key, ki);
    m.keys.insert(key);
  }
  changes.sort((a, b) => a.main - b.main || a.sub - b.sub);
  m.log = changes.map((c) => c.ev);
}
