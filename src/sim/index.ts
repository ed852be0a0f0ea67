/**
 * The public API of the simulation, for src/components and the Node entry points.
 * (Walking skeleton: a real shell on a virtual clock; the composition root in src/sim/cluster will
 * add the cluster and register kubectl into this shell.)
 */
export type { ShellIO, ShellSession, Waiter, Completion, ReadonlyFiles, CommandFn, CommandContext } from './shell/types';
import { Clock } from './core/clock';
import { createShell, type Shell } from './shell/index';
import type { ReadonlyFiles, Waiter } from './shell/types';

export interface SimulationOptions {
  /** Named starting cluster; default `default`. */
  scenario?: string;
  /** Seed for all randomness. */
  seed?: number;
  /** Virtual start time (ms since epoch). */
  startTime?: number;
  /** How commands wait (`sleep`, `-w`); default: advance the virtual clock at once. */
  waiter?: Waiter;
  /** Read-only files under the shell's in-memory filesystem (the runner's `--mount DIR`). */
  files?: ReadonlyFiles;
  /** The shell's starting directory (absolute). */
  cwd?: string;
}

export interface Simulation {
  shell: Shell;
  /** Let virtual time pass (the page calls this as wall time passes). */
  advance(ms: number): void;
  now(): number;
}

export function createSimulation(opts: SimulationOptions = {}): Simulation {
  const clock = new Clock(opts.startTime ?? Date.UTC(2026, 0, 5, 8, 0, 0));
  const advance = (ms: number): void => clock.advance(ms);
  const waiter: Waiter = opts.waiter ?? {
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
      advance(ms);
      return Promise.resolve();
    },
  };
  const shell = createShell({
    hostname: 'controlplane',
    files: opts.files,
    cwd: opts.cwd,
    waiter,
    now: () => clock.now(),
    seed: opts.seed,
  });
  return { shell, advance, now: () => clock.now() };
}
