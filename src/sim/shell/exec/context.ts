/** What builtins get beyond the CommandContext every command gets: access to the shell itself. */
import type { CommandContext, CommandFn, Completer, Waiter } from '../types';
import type { ShellState } from '../state';
import type { Vfs } from '../vfs';

/**
 * How a command shows up in `type` / `which`:
 * - `special`: a bash builtin with no program file (cd, export, exit …) — `which` finds nothing;
 * - `builtin`: a bash builtin that also exists as /usr/bin/<name> (echo, printf, true …);
 * - `program`: a program in /usr/bin (cat, grep, kubectl …).
 */
export type CommandKind = 'special' | 'builtin' | 'program';

export interface CommandEntry {
  fn: BuiltinFn;
  kind: CommandKind;
  /** One line for `help`. */
  summary?: string;
  completer?: Completer;
}

export type BuiltinFn = (argv: string[], ctx: BuiltinContext) => Promise<number> | number;

export interface BuiltinContext extends CommandContext {
  sh: ShellApi;
}

/** The shell as builtins see it. */
export interface ShellApi {
  /** The state the command runs in (`cd`, `export`, `read` change it). */
  state: ShellState;
  /** Read one line of standard input: [line, ended-with-newline], or undefined at the end. */
  readLine(): [string, boolean] | undefined;
  /** Run a command (not a function lookup of the caller's choosing: functions, builtins, programs) with this command's IO. */
  exec(argv: string[], opts?: { stdin?: string; env?: Record<string, string> }): Promise<number>;
  /** Run shell text in a child shell (`sh -c`), with this command's IO. */
  runScript(text: string, opts?: { arg0?: string; args?: string[] }): Promise<number>;
  /** Evaluate text in the current shell (`eval`, `source`). */
  evalText(text: string): Promise<number>;
  /** Number of enclosing loops (for `break` / `continue`). */
  loopDepth(): number;
  /** Wait for background jobs. */
  waitJobs(): Promise<void>;
  core: ShellCore;
}

/** The long-lived shell (one per terminal or container). */
export interface ShellCore {
  fs: Vfs;
  waiter: Waiter;
  now(): number;
  commands: Map<string, CommandEntry>;
  history: string[];
  hostname: string;
  user: string;
  /** A fresh process id (deterministic counter). */
  nextPid(): number;
  /** This shell's process id (`$$`). */
  pid: number;
  /** Seeded pseudo-random 0..32767 (`$RANDOM`). */
  random(): number;
  /** Virtual time the shell started (`$SECONDS`). */
  startTime: number;
  /** Background jobs still running. */
  jobs: Set<Promise<number>>;
  /** `alias name=value`. */
  aliases: Map<string, string>;
  /** Per-command tab completers. */
  completers: Map<string, Completer>;
  /** Which shell this is, for its error wording (busybox ash, Debian dash; default bash). */
  dialect?: ShellDialect;
  /** A loop without waits gives up the CPU every `every` iterations for `ms` of virtual time. */
  loopYield?: { every: number; ms: number };
}

export type ShellDialect = 'bash' | 'ash' | 'dash';

/** `wget: not found` as each shell words it (bash -c says `line 1`, dash the line number). */
export function notFoundMessage(dialect: ShellDialect | undefined, interactive: boolean, name: string): string {
  if (dialect === 'ash') return `sh: ${name}: not found\n`;
  if (dialect === 'dash') return `sh: 1: ${name}: not found\n`;
  return interactive ? `bash: ${name}: command not found\n` : `bash: line 1: ${name}: command not found\n`;
}

/** Wrap a plain CommandFn (registered by the composition root) as a command entry. */
export function programEntry(fn: CommandFn, summary?: string): CommandEntry {
  return { fn: (argv, ctx) => fn(argv, ctx), kind: 'program', summary };
}
