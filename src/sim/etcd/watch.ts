/**
 * Watchers: a watch replays the stored history from its start revision (synchronously, in one
 * response) and then receives one response per later revision that touched its range, delivered
 * right after the write is applied. Deliveries go through a FIFO so a callback that writes to the
 * store sees its own write's events after the current batch, never interleaved.
 */
import { ERR_COMPACTED } from './errors';
import { inRange } from './keys';
import type { EventType, KeyValue, WatchEvent, WatchHandle, WatchOptions, WatchResponse } from './types';

/** One change as kept in the store's event log; the revision is kv.modRevision. */
export interface LoggedEvent {
  readonly type: EventType;
  readonly kv: KeyValue;
  /** The key's previous state, if it existed. */
  readonly prev?: KeyValue;
}

/** What the hub needs from the store. */
export interface EventSource {
  readonly revision: number;
  readonly compactRevision: number;
  /** Logged events with revision >= rev, in (revision, sub) order. */
  eventsSince(rev: number): Iterable<LoggedEvent>;
}

interface Watcher {
  id: number;
  key: string;
  rangeEnd?: string;
  prevKv: boolean;
  noPut: boolean;
  noDelete: boolean;
  /** Next revision this watcher has not seen yet. */
  nextRev: number;
  onResponse: (r: WatchResponse) => void;
}

export class WatcherHub {
  private readonly watchers = new Map<number, Watcher>();
  private lastId = 0;
  private readonly queue: (() => void)[] = [];
  private draining = false;

  constructor(private readonly src: EventSource) {}

  get size(): number {
    return this.watchers.size;
  }

  watch(key: string, opts: WatchOptions, onResponse: (r: WatchResponse) => void): WatchHandle {
    const id = ++this.lastId;
    const handle: WatchHandle = { id, cancel: () => void this.watchers.delete(id) };
    const { revision, compactRevision } = this.src;
    const start = opts.startRevision && opts.startRevision > 0 ? opts.startRevision : revision + 1;
    if (start < compactRevision) {
      onResponse({ header: { revision: 0 }, watchId: id, events: [], compactRevision, canceled: true, cancelReason: ERR_COMPACTED });
      return { id, cancel: () => {} };
    }
    const w: Watcher = {
      id,
      key,
      rangeEnd: opts.rangeEnd,
      prevKv: !!opts.prevKv,
      noPut: !!opts.filters?.includes('NOPUT'),
      noDelete: !!opts.filters?.includes('NODELETE'),
      nextRev: start,
      onResponse,
    };
    if (start <= revision) {
      const events: WatchEvent[] = [];
      for (const e of this.src.eventsSince(start)) if (this.matches(w, e)) events.push(this.format(w, e));
      w.nextRev = revision + 1;
      if (events.length) onResponse({ header: { revision }, watchId: id, events, compactRevision: 0, canceled: false });
    }
    this.watchers.set(id, w);
    return handle;
  }

  /** End every watch (etcd restarted under them): one canceled response each. */
  cancelAll(compactRevision: number): void {
    const ws = [...this.watchers.values()];
    this.watchers.clear();
    for (const w of ws) w.onResponse({ header: { revision: 0 }, watchId: w.id, events: [], compactRevision, canceled: true, cancelReason: 'etcdserver: server stopped' });
  }

  /** The events of one applied revision (in sub order): deliver to every interested watcher. */
  notify(rev: number, events: readonly LoggedEvent[]): void {
    if (!events.length || !this.watchers.size) return;
    this.queue.push(() => this.deliver(rev, events));
    if (this.draining) return;
    this.draining = true;
    let err: unknown;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        try {
          job();
        } catch (e) {
          err ??= e;
        }
      }
    } finally {
      this.draining = false;
    }
    if (err !== undefined) throw err;
  }

  private deliver(rev: number, events: readonly LoggedEvent[]): void {
    for (const w of [...this.watchers.values()]) {
      if (w.nextRev > rev || !this.watchers.has(w.id)) continue;
      w.nextRev = rev + 1;
      const out: WatchEvent[] = [];
      for (const e of events) if (this.matches(w, e)) out.push(this.format(w, e));
      if (out.length) w.onResponse({ header: { revision: rev }, watchId: w.id, events: out, compactRevision: 0, canceled: false });
    }
  }

  private matches(w: Watcher, e: LoggedEvent): boolean {
    if (e.type === 'PUT' ? w.noPut : w.noDelete) return false;
    return inRange(e.kv.key, w.key, w.rangeEnd);
  }

  /** prev_kv is read at revision-1, so it is absent when that revision has been compacted. */
  private format(w: Watcher, e: LoggedEvent): WatchEvent {
    const ev: WatchEvent = { type: e.type, kv: e.kv };
    if (w.prevKv && e.prev && e.kv.modRevision - 1 >= this.src.compactRevision) ev.prevKv = e.prev;
    return ev;
  }
}
