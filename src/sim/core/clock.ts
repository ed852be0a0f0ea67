/**
 * Virtual clock and event queue. All time in src/sim comes from here: nothing reads Date.now or
 * uses real timers. Events scheduled for the same instant run in the order they were scheduled.
 */
export type TimerId = number;

interface Entry {
  at: number;
  seq: number;
  id: TimerId;
  fn: () => void;
}

export class Clock {
  private t: number;
  private seq = 0;
  private nextId = 1;
  private heap: Entry[] = [];
  private cancelled = new Set<TimerId>();
  private running = false;

  constructor(startMs: number) {
    this.t = startMs;
  }

  /** Milliseconds since the Unix epoch, virtual. */
  now(): number {
    return this.t;
  }

  /** RFC 3339 timestamp with whole seconds, as the apiserver writes them. */
  isoNow(): string {
    return toRFC3339(this.t);
  }

  /** Run fn after delayMs of virtual time (0 = as soon as the current event finishes). */
  after(delayMs: number, fn: () => void): TimerId {
    return this.at(this.t + Math.max(0, delayMs), fn);
  }

  at(atMs: number, fn: () => void): TimerId {
    const e: Entry = { at: Math.max(atMs, this.t), seq: this.seq++, id: this.nextId++, fn };
    this.push(e);
    return e.id;
  }

  cancel(id: TimerId | undefined): void {
    if (id !== undefined) this.cancelled.add(id);
  }

  /** Number of pending (not cancelled) events. */
  pending(): number {
    return this.heap.filter((e) => !this.cancelled.has(e.id)).length;
  }

  /** Time of the next pending event, or undefined. */
  nextAt(): number | undefined {
    while (this.heap.length && this.cancelled.has(this.heap[0].id)) {
      this.cancelled.delete(this.heap[0].id);
      this.pop();
    }
    return this.heap[0]?.at;
  }

  /** Run every event due at or before the current time (including ones they schedule for now). */
  runDue(maxEvents = 1_000_000): void {
    this.advanceTo(this.t, maxEvents);
  }

  /** Advance virtual time by ms, running every event due on the way, in time order. */
  advance(ms: number, maxEvents = 1_000_000): void {
    this.advanceTo(this.t + Math.max(0, ms), maxEvents);
  }

  advanceTo(target: number, maxEvents = 1_000_000): void {
    if (this.running) {
      // re-entrant call (an event handler advancing time): just move the hand forward
      if (target > this.t) this.t = target;
      return;
    }
    this.running = true;
    try {
      let n = 0;
      for (;;) {
        const at = this.nextAt();
        if (at === undefined || at > target) break;
        const e = this.pop()!;
        if (this.cancelled.delete(e.id)) continue;
        if (e.at > this.t) this.t = e.at;
        e.fn();
        if (++n >= maxEvents) break;
      }
      if (target > this.t) this.t = target;
    } finally {
      this.running = false;
    }
  }

  /**
   * Advance until pred() is true or the timeout passes; checks after every event.
   * Returns true when the predicate held.
   */
  advanceUntil(pred: () => boolean, timeoutMs: number): boolean {
    const end = this.t + timeoutMs;
    this.runDue();
    if (pred()) return true;
    for (;;) {
      const at = this.nextAt();
      if (at === undefined || at > end) {
        this.advanceTo(end);
        return pred();
      }
      this.advanceTo(at);
      if (pred()) return true;
    }
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l], h[m])) m = l;
        if (r < h.length && less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

function less(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** 2016-03-14T09:00:00Z — whole seconds, UTC, as metav1.Time marshals. */
export function toRFC3339(ms: number): string {
  return secondPrefix(Math.floor(ms / 1000)) + 'Z';
}

/** RFC 3339 with microseconds, as metav1.MicroTime marshals (eventTime, lease renewTime). */
export function toRFC3339Micro(ms: number): string {
  const t = Math.trunc(ms); // a Date's time value drops the fraction toward zero
  const sec = Math.floor(t / 1000);
  const milli = t - sec * 1000;
  return `${secondPrefix(sec)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}000Z`;
}

// the apiserver stamps many objects within the same second: format each second once
let lastSecond = NaN;
let lastPrefix = '';

/** `2016-03-14T09:00:00` for a time in whole seconds since the epoch. */
function secondPrefix(sec: number): string {
  if (sec !== lastSecond) {
    lastSecond = sec;
    lastPrefix = new Date(sec * 1000).toISOString().slice(0, 19);
  }
  return lastPrefix;
}

export function parseTime(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  // tables parse the same few timestamps over and over (every row's AGE): remember recent ones
  let v = parsedTimes.get(s);
  if (v === undefined) {
    v = Date.parse(s);
    if (parsedTimes.size >= 4096) parsedTimes.clear();
    parsedTimes.set(s, v);
  }
  return Number.isNaN(v) ? undefined : v;
}

const parsedTimes = new Map<string, number>();
