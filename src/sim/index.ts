/**
 * The public API of the simulation, for src/components and the Node entry points.
 * (Walking-skeleton stub: the real composition root lands in src/sim/cluster.)
 */
export type { ShellIO, ShellSession, Waiter, Completion } from './shell/types';
import type { ShellSession, Waiter } from './shell/types';

export interface SimulationOptions {
  /** Named starting cluster; default `default`. */
  scenario?: string;
  /** Seed for all randomness. */
  seed?: number;
  /** Virtual start time (ms since epoch). */
  startTime?: number;
  /** How commands wait (`sleep`, `-w`); default: advance the virtual clock at once. */
  waiter?: Waiter;
}

export interface Simulation {
  shell: ShellSession;
  /** Let virtual time pass (the page calls this as wall time passes). */
  advance(ms: number): void;
  now(): number;
}

export function createSimulation(_opts: SimulationOptions = {}): Simulation {
  let t = _opts.startTime ?? Date.UTC(2026, 0, 1);
  const shell: ShellSession = {
    prompt: () => 'controlplane:~$ ',
    needsMore: (text) => /\\$/.test(text),
    async run(text, io) {
      io.stdout(`stub: ${text}\n`);
      return 0;
    },
    complete: (line, cursor) => ({ from: cursor, candidates: [] }),
  };
  return { shell, advance: (ms) => void (t += ms), now: () => t };
}
