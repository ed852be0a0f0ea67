/**
 * Watch: an etcd watch on the kind's prefix from resourceVersion+1, decoded into ADDED / MODIFIED /
 * DELETED, filtered by label and field selectors (an object leaving the selection is DELETED for
 * this watcher), delivered asynchronously on the clock. rv absent or "0" first replays the current
 * objects as ADDED. A compacted start yields one ERROR event (410 Expired).
 */
import type { Obj, WatchEvent } from '../client/types';
import type { WatchEvent as EtcdEvent } from '../etcd/types';
import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from '../api/selectors';
import { ApiError } from '../core/errors';
import type { ApiServer } from './server';
import type { ResourcePath } from './paths';
import type { ApiRequest } from './types';
import { listPrefix, prefixEnd } from './storage';
import { ownRows, wantsTable } from './read';
import { shared, thaw } from './decoded';
import { toTable, type IncludeObject } from '../api/table';
import { apiVersionOf } from '../api/kinds';

export interface WatchHandle {
  cancel(): void;
}

/** How often a watch with allowWatchBookmarks=true gets a BOOKMARK (the watch cache sends them about once a minute). */
export const BOOKMARK_INTERVAL_MS = 60_000;

export function startWatch(api: ApiServer, req: ApiRequest, t: ResourcePath, onEvent: (ev: WatchEvent) => void, onEnd?: () => void): WatchHandle {
  const q = req.query ?? {};
  const ls = parseLabelSelector(q.labelSelector);
  let fsText = q.fieldSelector;
  if (t.name) fsText = [fsText, `metadata.name=${t.name}`].filter(Boolean).join(',');
  const fs = parseFieldSelector(fsText, t.ki);
  const match = (o: Obj) => matchLabels(ls, o.metadata.labels) && matchFields(fs, o, t.ki.kind);
  const prefix = listPrefix(t.ki, t.namespace);
  let stopped = false;
  const asTable = wantsTable(req.accept);
  let first = true;
  const emit = (ev: WatchEvent) => {
    api.clock.after(0, () => {
      if (stopped) return;
      if (asTable && ev.type !== 'ERROR') {
        // watch as Table: one row per event; only the first carries the column definitions
        const table = ownRows(toTable(t.ki.kind, [ev.object], api.clock.now(), { includeObject: (q.includeObject as IncludeObject) ?? 'Metadata', noHeaders: !first, resourceVersion: ev.object.metadata.resourceVersion }));
        first = false;
        onEvent({ type: ev.type, object: table as unknown as Obj });
        return;
      }
      // events carry shared objects (decoded once for every watcher); each watcher gets its own
      // copy, unless it only reads them (req.readOnly)
      onEvent(ev.type === 'ERROR' || req.readOnly ? ev : { type: ev.type, object: thaw(ev.object) });
    });
  };

  let start: number;
  const rv = q.resourceVersion;
  if (!rv || rv === '0') {
    const list = api.listShared(t.ki, t.namespace, q.labelSelector, fsText);
    for (const o of list.items) emit({ type: 'ADDED', object: o });
    start = Number(list.resourceVersion) + 1;
  } else {
    const n = Number(rv);
    if (!Number.isInteger(n) || n < 0) throw new ApiError(400, 'BadRequest', `invalid resource version: ${rv}`);
    start = n + 1;
  }

  const handle = api.etcd.watch(prefix, { rangeEnd: prefixEnd(prefix), startRevision: start, prevKv: true }, (resp) => {
    if (resp.canceled) {
      emit({
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${start - 1} (${resp.compactRevision})`,
          reason: 'Expired',
          code: 410,
        } as unknown as Obj,
      });
      return;
    }
    for (const e of resp.events) {
      const ev = convert(e, match);
      if (ev) emit(ev);
    }
  });
  api.storage.onEtcd?.('watch', t.ki, t.namespace);
  const timers: Array<ReturnType<typeof api.clock.after>> = [];
  const stop = () => {
    stopped = true;
    handle.cancel();
    for (const id of timers) api.clock.cancel(id);
  };
  if (q.allowWatchBookmarks === 'true' && !asTable) {
    const bookmark = () => {
      if (stopped) return;
      onEvent({ type: 'BOOKMARK', object: { kind: t.ki.kind, apiVersion: apiVersionOf(t.ki), metadata: { resourceVersion: String(api.storage.revision) } } as Obj });
      timers[0] = api.clock.after(BOOKMARK_INTERVAL_MS, bookmark);
    };
    timers[0] = api.clock.after(BOOKMARK_INTERVAL_MS, bookmark);
  }
  const timeout = q.timeoutSeconds !== undefined ? Number(q.timeoutSeconds) : NaN;
  if (Number.isFinite(timeout) && timeout > 0) {
    // the server ends the stream after timeoutSeconds; the client sees a clean EOF
    timers[1] = api.clock.after(timeout * 1000, () => {
      if (stopped) return;
      stop();
      onEnd?.();
    });
  }
  return { cancel: stop };
}

/** An etcd event as a watch event for one watcher; the objects are shared (decoded.ts), read only. */
function convert(e: EtcdEvent, match: (o: Obj) => boolean): WatchEvent | undefined {
  const prev = e.prevKv ? shared(e.prevKv) : undefined;
  if (e.type === 'DELETE') {
    if (!prev) return undefined;
    const last = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(e.kv.modRevision) } };
    return match(last) ? { type: 'DELETED', object: last } : undefined;
  }
  const cur = shared(e.kv);
  const now = match(cur);
  const before = prev ? match(prev) : false;
  if (now && before) return { type: 'MODIFIED', object: cur };
  if (now) return { type: 'ADDED', object: cur };
  if (before) return { type: 'DELETED', object: cur };
  return undefined;
}
