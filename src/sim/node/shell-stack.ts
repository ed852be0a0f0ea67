/**
 * The session's shell stack: the reader's terminal talks to the shell on top. `ssh node01` pushes
 * node01's shell; `exit` there pops it (printing `logout` and `Connection to node01 closed.`).
 * The stack itself is a Shell, so the terminal and the scripted runner need no changes; other
 * nested sessions (a container shell for `kubectl exec -it … -- sh`) can be pushed the same way.
 */
import type { Shell } from '../shell/index';
import type { Completion, ShellIO } from '../shell/types';

export interface StackEntry {
  shell: Shell;
  /** Printed (stderr) when `exit` leaves this shell. */
  farewell?: string;
  onPop?: () => void;
}

export class ShellStack {
  private readonly entries: StackEntry[];
  /** Shells whose `exit` ran (set from their onExit callback). */
  private readonly exited = new Set<Shell>();
  readonly facade: Shell;

  constructor(base: Shell) {
    this.entries = [{ shell: base }];
    this.facade = this.makeFacade();
  }

  get top(): Shell {
    return this.entries[this.entries.length - 1].shell;
  }

  get base(): Shell {
    return this.entries[0].shell;
  }

  get depth(): number {
    return this.entries.length;
  }

  push(e: StackEntry): void {
    this.exited.delete(e.shell);
    this.entries.push(e);
  }

  /** Call from a pushed shell's onExit: the stack pops it once its command line is done. */
  markExited(shell: Shell): void {
    if (this.entries.length > 1 && this.entries.some((e) => e.shell === shell)) this.exited.add(shell);
  }

  private settle(io: ShellIO): void {
    while (this.entries.length > 1 && this.exited.has(this.top)) {
      const e = this.entries.pop()!;
      this.exited.delete(e.shell);
      if (e.farewell) io.stderr(e.farewell);
      e.onPop?.();
    }
  }

  private makeFacade(): Shell {
    const stack = this;
    const facade: Shell = {
      prompt: () => stack.top.prompt(),
      needsMore: (text) => stack.top.needsMore(text),
      async run(text: string, io: ShellIO, signal?: AbortSignal): Promise<number> {
        const code = await stack.top.run(text, io, signal);
        stack.settle(io);
        return code;
      },
      complete: (line: string, cursor: number): Completion => stack.top.complete(line, cursor),
      registerCommand: (name, fn, summary) => stack.top.registerCommand(name, fn, summary),
      registerCompleter: (name, c) => stack.top.registerCompleter(name, c),
      setHostname: (name) => stack.top.setHostname(name),
      get hostname() {
        return stack.top.hostname;
      },
      get fs() {
        return stack.top.fs;
      },
      get cwd() {
        return stack.top.cwd;
      },
      set cwd(dir: string) {
        stack.top.cwd = dir;
      },
      get env() {
        return stack.top.env;
      },
      setEnv: (n, v) => stack.top.setEnv(n, v),
      getVar: (n) => stack.top.getVar(n),
      get lastStatus() {
        return stack.top.lastStatus;
      },
      get history() {
        return stack.top.history;
      },
      async exec(argv, io, signal) {
        const code = await stack.top.exec(argv, io, signal);
        stack.settle(io);
        return code;
      },
      commandNames: () => stack.top.commandNames(),
      alias: (n, v) => stack.top.alias(n, v),
    };
    return facade;
  }
}
