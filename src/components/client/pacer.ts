/**
 * The pacer moves the simulation's virtual clock in the worker, and makes a page's cluster
 * reproducible from the commands typed into it (./journal.ts).
 *
 * Virtual time only ever moves in steps of STEP_MS, each step followed by a macrotask boundary (so every
 * promise the step resolved settles before anything else happens). Commands arrive between steps. The
 * cluster's state is then a function of (scenario, seed, which command arrived after which step), and a
 * journal of those arrivals replayed into a fresh simulation gives the same cluster: same objects, same
 * generated names, same events.
 */
import type { Simulation, Waiter } from '../../sim/index';

export const STEP_MS = 250;

let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

/** Resolves after the current macrotask, with every pending microtask settled (no 4 ms timer clamp). */
export function macrotask(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // a Node MessagePort would keep the process alive: tests and scripts must be able to exit
    (channel.port1 as unknown as { unref?: () => void }).unref?.();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(0);
  });
}

interface Sleeper {
  until: number;
  resolve: () => void;
}

function abortReason(signal?: AbortSignal): unknown {
  return signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export class Pacer {
  /** Steps taken since the simulation was created. */
  steps = 0;
  private sim?: Simulation;
  private readonly sleepers = new Set<Sleeper>();

  /** How commands wait (`sleep`, `kubectl get -w`): until the pacer's steps reach the moment. */
  readonly waiter: Waiter = {
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(abortReason(signal));
        if (ms <= 0 || !this.sim) return resolve();
        const s: Sleeper = {
          until: this.sim.now() + ms,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          this.sleepers.delete(s);
          reject(abortReason(signal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.sleepers.add(s);
      }),
  };

  attach(sim: Simulation): void {
    this.sim = sim;
    this.steps = 0;
  }

  /** One step of virtual time, then the sleepers it woke, then a macrotask boundary. */
  async step(): Promise<void> {
    const sim = this.sim;
    if (!sim) return;
    try {
      // event by event, container processes woken on the way running at their own instant
      await sim.advanceSettled(STEP_MS);
    } catch (e) {
      console.error('[sim] advance failed', e);
    }
    this.steps++;
    const t = sim.now();
    for (const s of this.sleepers) {
      if (s.until <= t) {
        this.sleepers.delete(s);
        s.resolve();
      }
    }
    await macrotask();
  }

  /** Take steps until `steps` have been taken in all (reports progress every 1,000 steps). */
  async stepTo(steps: number, progress?: (done: number) => void): Promise<void> {
    while (this.steps < steps) {
      await this.step();
      if (progress && this.steps % 1000 === 0) progress(this.steps);
    }
  }
}

/**
 * Live pacing: virtual time follows wall time. Every `tick` the steps owed since the start are taken,
 * one macrotask each; a tab that was hidden for long catches up at most `maxLagMs` of virtual time.
 */
export class LiveClock {
  private base = 0;
  private owedFrom = 0;
  private running = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly pacer: Pacer,
    private readonly wallNow: () => number,
    private readonly maxLagMs = 5 * 60_000,
  ) {}

  start(): void {
    this.stop();
    this.base = this.wallNow();
    this.owedFrom = this.pacer.steps;
    this.timer = setInterval(() => void this.catchUp(), STEP_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async catchUp(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      let target = this.owedFrom + Math.floor((this.wallNow() - this.base) / STEP_MS);
      const maxLag = Math.floor(this.maxLagMs / STEP_MS);
      if (target - this.pacer.steps > maxLag) {
        // skip wall time beyond the cap: it never happened in the cluster
        this.owedFrom -= target - this.pacer.steps - maxLag;
        target = this.pacer.steps + maxLag;
      }
      await this.pacer.stepTo(target);
    } finally {
      this.running = false;
    }
  }
}
