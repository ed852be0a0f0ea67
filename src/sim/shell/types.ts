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
