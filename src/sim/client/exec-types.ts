/** The exec stream as API clients see it (kubectl exec): callbacks, and an interactive session. */

export interface ExecIO {
  stdin?: string;
  stdout(s: string): void;
  stderr(s: string): void;
  signal?: AbortSignal;
  sleep(ms: number): Promise<void>;
  /** Terminal attached (-t). */
  tty: boolean;
}

/** An interactive exec session (a shell with a terminal): the terminal feeds it lines. */
export interface ExecSession {
  prompt(): string;
  needsMore(text: string): boolean;
  run(text: string, io: { stdout(s: string): void; stderr(s: string): void }, signal?: AbortSignal): Promise<number>;
  complete(line: string, cursor: number): { from: number; candidates: string[] };
  /** Set once the shell exited (`exit`, Ctrl-D). */
  readonly exited: boolean;
}

