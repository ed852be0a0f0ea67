/** The contract between the terminal (or the scripted runner) and the simulated shell. */

export interface ShellIO {
  /** Text for standard output; "\n" line ends (the terminal converts to CRLF). */
  stdout(text: string): void;
  /** Text for standard error (the terminal shows it like stdout; the runner interleaves both). */
  stderr(text: string): void;
}

/** How a command waits: the runner advances the virtual clock at once; a page waits in real time. */
export interface Waiter {
  /** Let ms of virtual time pass (rejects with AbortError-like reason when the signal aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Completion {
  /** Index in the line where the replaced word starts. */
  from: number;
  /** Full candidate words (the caller inserts the common prefix, or lists them). */
  candidates: string[];
}

export interface ShellSession {
  /** The prompt text, e.g. `controlplane:~$ ` (no colour codes). */
  prompt(): string;
  /** True when `text` is an unfinished command (open quote, heredoc body expected, trailing `\`). */
  needsMore(text: string): boolean;
  /**
   * Run one command line (it may span several lines: heredocs, continuations). Resolves to the exit
   * status. Aborting the signal (Ctrl-C) stops a running command (`-w`, `sleep`) with status 130.
   */
  run(text: string, io: ShellIO, signal?: AbortSignal): Promise<number>;
  /** Tab completion at the cursor. */
  complete(line: string, cursor: number): Completion;
}

// ---------------------------------------------------------------------------------------------
// Commands: what the composition root registers (kubectl, etcdctl, crictl …) and builtins use.

import type { Vfs } from './vfs';

/** A read-only file layer (paths absolute, "/"-separated). The Node runner reads a real directory. */
export interface ReadonlyFiles {
  /** File content, or undefined when `path` is not a file. */
  read(path: string): string | undefined;
  /** Entry names of a directory (no `.`/`..`), or undefined when `dir` is not a directory. */
  list(dir: string): string[] | undefined;
}

export interface CommandContext {
  /** Everything on standard input (reading it consumes it, as a real process would). */
  stdin: string;
  stdout(s: string): void;
  stderr(s: string): void;
  /** Exported variables (plus `A=b cmd` prefix assignments). */
  env: Record<string, string>;
  /** Absolute working directory. */
  cwd: string;
  fs: Vfs;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
  /** Let ms of virtual time pass; rejects when the signal aborts. */
  sleep(ms: number): Promise<void>;
  /** Virtual time, ms since the epoch. */
  now(): number;
  /** True when stdout goes straight to the terminal (not a pipe, file or `$(…)`). */
  isTTY: boolean;
}

/**
 * A command. `argv[0]` is the command name as typed (`kubectl`), `argv.slice(1)` its arguments.
 * Resolves to the exit status. Throwing is caught (`bash: kubectl: internal error: …`, status 1).
 */
export type CommandFn = (argv: string[], ctx: CommandContext) => Promise<number>;

/**
 * Tab completion for one command. `words` are the command's words before the one being completed,
 * starting with the command name (`kubectl get po|` → words `['kubectl', 'get']`, cur `'po'`).
 * Returns full candidate words for `cur`.
 */
export type Completer = (words: string[], cur: string) => string[];
