/**
 * Messages between the page's terminal (<kube-terminal>) and the simulation worker (sim.worker.ts).
 *
 * Every request carries an `id` chosen by the page; every reply to it carries the same `id`.
 * A `run` request is answered by any number of `output` messages followed by exactly one `exit`.
 * `interrupt` (Ctrl-C) has no reply of its own: the running command ends with an `exit` (status 130).
 */
import type { Journal, JournalEntry } from './journal';

export type ToWorker =
  /**
   * Create the simulation; with `journal`, replay what the reader did before the page was reloaded
   * (`restoring` messages report progress). Replied with `ready` (or `fatal`).
   */
  | { type: 'init'; id: number; scenario?: string; seed?: number; journal?: Journal }
  /** Is `text` an unfinished command (open quote, heredoc body, trailing backslash)? Replied with `needsMore`. */
  | { type: 'needsMore'; id: number; text: string }
  /** Run a (possibly multi-line) command. Replied with `output`* then `exit`. */
  | { type: 'run'; id: number; text: string }
  /** Ctrl-C: abort the running command `id`. */
  | { type: 'interrupt'; id: number }
  /** Tab completion of `line` at `cursor`. Replied with `completion`. */
  | { type: 'complete'; id: number; line: string; cursor: number }
  /** Current prompt text. Replied with `prompt`. */
  | { type: 'prompt'; id: number };

export type FromWorker =
  | { type: 'ready'; id: number; prompt: string; restored: number }
  | { type: 'restoring'; id: number; done: number; total: number }
  /** A command or Ctrl-C reached the simulation: the page appends it to the stored journal. */
  | { type: 'journal'; entry: JournalEntry }
  /** How many pacer steps virtual time has taken (sent about once a second while it moves). */
  | { type: 'clock'; steps: number }
  | { type: 'needsMore'; id: number; value: boolean }
  | { type: 'output'; id: number; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'exit'; id: number; code: number; prompt: string }
  | { type: 'completion'; id: number; from: number; candidates: string[] }
  | { type: 'prompt'; id: number; prompt: string }
  /** The simulation could not be created or a request failed unexpectedly. */
  | { type: 'fatal'; id: number; message: string };
