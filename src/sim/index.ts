/**
 * The public API of the simulation, for src/components and the Node entry points: a simulated
 * cluster and the shell of its control-plane node, on one virtual clock.
 */
export type { ShellIO, ShellSession, Waiter, Completion, ReadonlyFiles, CommandFn, CommandContext } from './shell/types';
import { createSession } from './cluster/session';
import { advanceSettled } from './kubelet/proc-clock';
import type { Shell } from './shell/index';
import type { Cluster } from './cluster/cluster';
import type { ReadonlyFiles, Waiter } from './shell/types';
export type { TraceEvent } from './core/trace';

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
  /** Scripted runs: bound `kubectl get -w` / `logs -f` to this much virtual time. */
  watchLimitMs?: number;
}

export interface Simulation {
  shell: Shell;
  cluster: Cluster;
  /** Let virtual time pass (the page calls this as wall time passes). */
  advance(ms: number): void;
  /** Let virtual time pass, letting container processes run at each moment they wake (scripted runs). */
  advanceSettled(ms: number): Promise<void>;
  now(): number;
}

export function createSimulation(opts: SimulationOptions = {}): Simulation {
  const { cluster, shell } = createSession(opts);
  return { shell, cluster, advance: (ms) => cluster.clock.advance(ms), advanceSettled: (ms) => advanceSettled(cluster.clock, ms), now: () => cluster.clock.now() };
}
