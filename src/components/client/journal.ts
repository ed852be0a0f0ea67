/**
 * What a reader did to a page's cluster, kept so that the cluster survives a reload: every command and
 * every Ctrl-C, with the pacer step (./pacer.ts) at which it reached the simulation, and how far virtual
 * time had got. Replaying the journal into a fresh simulation of the same scenario and seed rebuilds the
 * same cluster, because the simulation is deterministic.
 */
import type { Simulation, ShellIO } from '../../sim/index';
import type { Pacer } from './pacer';
import { macrotask, STEP_MS } from './pacer';

export type JournalEntry =
  /** The command `text` (request `id`) started after `step` steps. */
  | { step: number; run: string; id: number }
  /** Ctrl-C on the command of request `id`; -1: the page was reloaded, every running command ended. */
  | { step: number; interrupt: number };

export const RELOADED = -1;

export interface Journal {
  v: 1;
  scenario?: string;
  seed?: number;
  entries: JournalEntry[];
  /** Steps taken when last saved. */
  steps: number;
}

/**
 * Replay restores at most this much idle virtual time after the last command (a tab left open all day
 * would otherwise take minutes to restore): 10 minutes, enough for what the reader started to settle.
 */
export const MAX_IDLE_STEPS = (10 * 60_000) / STEP_MS;
/** Beyond this many commands a journal is no longer kept (and the cluster starts fresh on reload). */
export const MAX_ENTRIES = 2000;

const silent: ShellIO = { stdout: () => undefined, stderr: () => undefined };

export function isJournal(v: unknown): v is Journal {
  if (!v || typeof v !== 'object') return false;
  const j = v as Journal;
  return j.v === 1 && Array.isArray(j.entries) && typeof j.steps === 'number' && j.entries.length <= MAX_ENTRIES;
}

/**
 * Replays `journal` into `sim` (freshly created, its pacer attached). Commands still running at the end
 * (a `kubectl get -w` left open) are stopped, as closing the tab stopped them.
 */
export async function replay(
  sim: Simulation,
  pacer: Pacer,
  journal: Journal,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const running = new Map<number, { ac: AbortController; done: Promise<unknown> }>();
  const last = journal.entries.length ? journal.entries[journal.entries.length - 1].step : 0;
  const until = Math.min(journal.steps, last + MAX_IDLE_STEPS);
  const report = progress ? (done: number) => progress(done, until) : undefined;
  for (const e of journal.entries) {
    await pacer.stepTo(e.step, report);
    if ('run' in e) {
      const ac = new AbortController();
      const done = sim.shell.run(e.run, silent, ac.signal).catch(() => 130);
      const r = { ac, done };
      running.set(e.id, r);
      void done.then(() => running.get(e.id) === r && running.delete(e.id));
    } else if (e.interrupt === RELOADED) {
      for (const r of running.values()) r.ac.abort(new DOMException('Interrupted', 'AbortError'));
      running.clear();
    } else {
      running.get(e.interrupt)?.ac.abort(new DOMException('Interrupted', 'AbortError'));
    }
    await macrotask();
  }
  await pacer.stepTo(until, report);
  for (const r of running.values()) r.ac.abort(new DOMException('Interrupted', 'AbortError'));
  await Promise.all([...running.values()].map((r) => r.done));
}
