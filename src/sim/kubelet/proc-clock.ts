/**
 * Container processes on the virtual clock. A container's command runs on the shared shell as
 * ordinary async code; its waits (`sleep`, a loop giving up the CPU, a client's timeout) are
 * timers on the cluster's clock, so a `while true; do …; sleep 1; done` costs one small step per
 * iteration and never blocks the page.
 *
 * Each process keeps its own time line: it wakes at exactly the instant its sleep ends, stamps its
 * output and its exit with that instant, and — when the clock jumped past several of its wake-ups
 * in one synchronous advance — catches up without waiting. `advanceSettled` moves the clock event
 * by event and lets every woken process run before the next event, so what a process does
 * (a file it removes, a request it sends) happens at its own moment for the rest of the cluster.
 */
import type { Clock } from '../core/clock';

interface Table {
  /** Processes running now (not waiting for the clock). */
  runnable: number;
}

const tables = new WeakMap<Clock, Table>();

function table(clock: Clock): Table {
  let t = tables.get(clock);
  if (!t) tables.set(clock, (t = { runnable: 0 }));
  return t;
}

/** Microtask turns a settle may take before the clock moves on anyway (a process that never waits). */
const SETTLE_LIMIT = 500_000;

/** Let every runnable process run until it waits for the clock or ends. */
export async function settle(clock: Clock): Promise<void> {
  const t = table(clock);
  for (let i = 0; t.runnable > 0 && i < SETTLE_LIMIT; i++) await Promise.resolve();
}

/** Advance the clock by ms, letting woken processes run at each instant before the next event. */
export async function advanceSettled(clock: Clock, ms: number): Promise<void> {
  const t = table(clock);
  const end = clock.now() + Math.max(0, ms);
  await settle(clock);
  for (;;) {
    const next = clock.nextAt();
    if (next === undefined || next > end) break;
    clock.advanceTo(next);
    if (t.runnable > 0) await settle(clock);
  }
  clock.advanceTo(end);
}

function abortError(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const e = new Error('aborted');
  e.name = 'AbortError';
  return e;
}

/** One process's time line: its `now`, its sleeps on the clock, and whether it still runs. */
export class ProcessClock {
  private local: number;
  private ended = false;
  private readonly table: Table;

  constructor(
    private readonly clock: Clock,
    start = clock.now(),
  ) {
    this.local = start;
    this.table = table(clock);
    this.table.runnable++;
  }

  /** The process's own time (ms since epoch): never ahead of the clock. */
  now(): number {
    return this.local;
  }

  /** Wait ms of virtual time from the process's own now. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const target = this.local + Math.max(0, ms);
    if (target <= this.clock.now() || this.ended) {
      // behind the clock (woken late by a long advance): catch up at once
      this.local = Math.max(this.local, Math.min(target, this.clock.now()));
      return Promise.resolve();
    }
    this.table.runnable--;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.clock.cancel(id);
        this.table.runnable++;
        reject(abortError(signal!));
      };
      const id = this.clock.at(target, () => {
        signal?.removeEventListener('abort', onAbort);
        this.table.runnable++;
        this.local = target;
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The process ended (exited or was killed): it no longer counts as runnable. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.table.runnable--;
  }
}

/** Advance until pred() holds (checked after every instant, once woken processes ran) or the timeout passes. */
export async function advanceUntilSettled(clock: Clock, pred: () => boolean, timeoutMs: number): Promise<boolean> {
  const t = table(clock);
  const end = clock.now() + timeoutMs;
  await settle(clock);
  if (pred()) return true;
  for (;;) {
    const next = clock.nextAt();
    if (next === undefined || next > end) {
      clock.advanceTo(end);
      await settle(clock);
      return pred();
    }
    clock.advanceTo(next);
    if (t.runnable > 0) await settle(clock);
    if (pred()) return true;
  }
}
