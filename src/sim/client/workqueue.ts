/** A rate-limited-enough work queue on the virtual clock: de-duplicated keys, delayed re-adds. */
import type { Clock, TimerId } from '../core/clock';

export type SyncResult = void | { requeueAfterMs?: number };

export class WorkQueue {
  private queued = new Set<string>();
  private delayed = new Map<string, { at: number; id: TimerId }>();
  private failures = new Map<string, number>();
  paused = false;

  constructor(
    private readonly clock: Clock,
    private readonly sync: (key: string) => SyncResult,
    /** Virtual processing latency for each item (ms). */
    private readonly latencyMs = 0,
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.clock.after(this.latencyMs, () => this.process(key));
  }

  addAfter(key: string, ms: number): void {
    const at = this.clock.now() + ms;
    const cur = this.delayed.get(key);
    if (cur && cur.at <= at) return;
    if (cur) this.clock.cancel(cur.id);
    const id = this.clock.after(ms, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { at, id });
  }

  /** Exponential backoff re-add (5 ms doubling, capped at 1000 s, as client-go's default). */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(5 * 2 ** n, 1_000_000));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  private process(key: string): void {
    this.queued.delete(key);
    if (this.paused) return;
    let r: SyncResult;
    try {
      r = this.sync(key);
      this.forget(key);
    } catch {
      this.addRateLimited(key);
      return;
    }
    if (r && r.requeueAfterMs !== undefined) this.addAfter(key, r.requeueAfterMs);
  }
}
