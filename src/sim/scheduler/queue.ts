/**
 * The scheduling queue (pkg/scheduler/backend/queue): activeQ ordered by PrioritySort (priority,
 * then time queued), backoffQ (1 s doubling to 10 s per attempt) and unschedulablePods, which
 * cluster events move back; pods left unschedulable for 5 minutes are retried anyway.
 */
import type { Clock, TimerId } from '../core/clock';
import type { Obj } from '../client/types';
import { keyOf } from '../client/informer';

export interface QueuedPodInfo {
  key: string;
  pod: Obj;
  /** When the pod was (re)added to the queue: PrioritySort's tie-breaker. */
  timestamp: number;
  initialAttemptTimestamp?: number;
  attempts: number;
  unschedulablePlugins: Set<string>;
  /** Set while in unschedulablePods. */
  unschedulableSince?: number;
}

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
const UNSCHEDULABLE_MAX_MS = 5 * 60_000;
const FLUSH_UNSCHEDULABLE_MS = 30_000;

export type QueueLocation = 'active' | 'backoff' | 'unschedulable' | 'in-flight';

export class SchedulingQueue {
  /** activeQ: a binary heap; entries whose pod left the active state are skipped when popped. */
  private active: { qp: QueuedPodInfo; seq: number }[] = [];
  private activeCount = 0;
  private readonly where = new Map<string, { qp: QueuedPodInfo; loc: QueueLocation; timer?: TimerId }>();
  private flushTimer?: TimerId;
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly onActive: () => void,
  ) {}

  start(): void {
    const tick = () => {
      this.flushUnschedulableLeftover();
      this.flushTimer = this.clock.after(FLUSH_UNSCHEDULABLE_MS, tick);
    };
    this.flushTimer = this.clock.after(FLUSH_UNSCHEDULABLE_MS, tick);
  }

  stop(): void {
    this.clock.cancel(this.flushTimer);
    for (const e of this.where.values()) this.clock.cancel(e.timer);
    this.where.clear();
    this.active = [];
    this.activeCount = 0;
  }

  /** A new pending pod. */
  add(pod: Obj): void {
    const key = keyOf(pod);
    const cur = this.where.get(key);
    if (cur) {
      cur.qp.pod = pod;
      return;
    }
    this.toActive({ key, pod, timestamp: this.clock.now(), attempts: 0, unschedulablePlugins: new Set() });
  }

  /** A pending pod changed: refresh it; a spec change gives an unschedulable pod another try. */
  update(pod: Obj, specChanged: boolean): void {
    const cur = this.where.get(keyOf(pod));
    if (!cur) return this.add(pod);
    cur.qp.pod = pod;
    if (specChanged && cur.loc === 'unschedulable') this.requeue(cur.qp);
  }

  delete(pod: Obj): void {
    const key = keyOf(pod);
    const cur = this.where.get(key);
    if (!cur) return;
    this.clock.cancel(cur.timer);
    this.where.delete(key);
    if (cur.loc === 'active') this.activeCount--;
  }

  /** Pop the most important active pod (it is then in flight until done/addUnschedulable). */
  pop(): QueuedPodInfo | undefined {
    while (this.active.length) {
      const { qp } = this.heapPop()!;
      const cur = this.where.get(qp.key);
      if (!cur || cur.loc !== 'active' || cur.qp !== qp) continue;
      this.activeCount--;
      qp.attempts++;
      qp.initialAttemptTimestamp ??= this.clock.now();
      this.where.set(qp.key, { qp, loc: 'in-flight' });
      return qp;
    }
    return undefined;
  }

  /** The pod was bound (or dropped): forget it. */
  done(key: string): void {
    const cur = this.where.get(key);
    if (cur?.loc === 'in-flight') this.where.delete(key);
  }

  /** After a failed attempt: unschedulable (waits for an event), or backoff for errors. */
  addUnschedulable(qp: QueuedPodInfo, backoffOnly = false): void {
    const cur = this.where.get(qp.key);
    if (!cur || cur.loc !== 'in-flight') return; // deleted meanwhile
    qp.timestamp = this.clock.now();
    if (backoffOnly) return this.toBackoff(qp);
    qp.unschedulableSince = this.clock.now();
    this.where.set(qp.key, { qp, loc: 'unschedulable' });
  }

  /** MoveAllToActiveOrBackoffQueue: a cluster event that may make unschedulable pods fit. */
  moveAllToActiveOrBackoff(filter: (qp: QueuedPodInfo) => boolean = () => true): void {
    for (const e of [...this.where.values()]) if (e.loc === 'unschedulable' && filter(e.qp)) this.requeue(e.qp);
  }

  location(key: string): QueueLocation | undefined {
    return this.where.get(key)?.loc;
  }

  pending(): { key: string; location: QueueLocation; attempts: number }[] {
    return [...this.where.values()].map((e) => ({ key: e.qp.key, location: e.loc, attempts: e.qp.attempts }));
  }

  get activeLength(): number {
    return this.activeCount;
  }

  backoffDuration(qp: QueuedPodInfo): number {
    let d = INITIAL_BACKOFF_MS;
    for (let i = 1; i < qp.attempts; i++) {
      d *= 2;
      if (d >= MAX_BACKOFF_MS) return MAX_BACKOFF_MS;
    }
    return d;
  }

  private requeue(qp: QueuedPodInfo): void {
    qp.unschedulableSince = undefined;
    const expiry = (qp.timestamp ?? 0) + this.backoffDuration(qp);
    if (qp.attempts > 0 && expiry > this.clock.now()) this.toBackoff(qp);
    else this.toActive(qp);
  }

  private toBackoff(qp: QueuedPodInfo): void {
    const expiry = qp.timestamp + this.backoffDuration(qp);
    const timer = this.clock.at(expiry, () => {
      const cur = this.where.get(qp.key);
      if (cur?.loc === 'backoff' && cur.qp === qp) this.toActive(qp);
    });
    this.where.set(qp.key, { qp, loc: 'backoff', timer });
  }

  private toActive(qp: QueuedPodInfo): void {
    const cur = this.where.get(qp.key);
    if (cur) this.clock.cancel(cur.timer);
    if (cur?.loc === 'active') this.activeCount--;
    this.heapPush({ qp, seq: this.seq++ });
    this.activeCount++;
    this.where.set(qp.key, { qp, loc: 'active' });
    this.onActive();
  }

  private flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    for (const e of [...this.where.values()]) {
      if (e.loc === 'unschedulable' && now - (e.qp.unschedulableSince ?? now) > UNSCHEDULABLE_MAX_MS) this.requeue(e.qp);
    }
  }

  /** PrioritySort: higher priority first, then earlier timestamp, then FIFO. */
  private less(a: { qp: QueuedPodInfo; seq: number }, b: { qp: QueuedPodInfo; seq: number }): boolean {
    const pa = a.qp.pod.spec?.priority ?? 0;
    const pb = b.qp.pod.spec?.priority ?? 0;
    if (pa !== pb) return pa > pb;
    if (a.qp.timestamp !== b.qp.timestamp) return a.qp.timestamp < b.qp.timestamp;
    return a.seq < b.seq;
  }

  private heapPush(e: { qp: QueuedPodInfo; seq: number }): void {
    const h = this.active;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  private heapPop(): { qp: QueuedPodInfo; seq: number } | undefined {
    const h = this.active;
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
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}
