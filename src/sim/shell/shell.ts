/**
 * createShell: a bash-like session over a virtual filesystem. It implements ShellSession for the
 * terminal and the scripted runner; the composition root registers kubectl, etcdctl … into it.
 */
import { Rng } from '../core/rng';
import type { List } from './ast';
import { builtinTable } from './builtins/index';
import { complete } from './complete';
import { programEntry, type CommandEntry, type ShellCore, type ShellDialect } from './exec/context';
import { Interp } from './exec/interp';
import { GatedSink, Input, type StdIO } from './io';
import { BadSubstitution } from './parse/words';
import { IncompleteError, ShellSyntaxError } from './parse/errors';
import { parse } from './parse/parser';
import { AbandonLine, BreakSignal, ContinueSignal, ExitSignal, Interrupted, ReturnSignal } from './signals';
import { ShellState } from './state';
import type { CommandFn, Completer, Completion, ReadonlyFiles, ShellIO, ShellSession, Waiter } from './types';
import { Vfs } from './vfs';

export interface ShellOptions {
  hostname: string;
  /** Default root (home /root); others get /home/<user>. */
  user?: string;
  /** Read-only files below the in-memory tree (ignored when `fs` is given). */
  files?: ReadonlyFiles;
  /** Starting directory (default: home). */
  cwd?: string;
  /** Extra exported variables. */
  env?: Record<string, string>;
  waiter: Waiter;
  now: () => number;
  commands?: Record<string, CommandFn>;
  /** Share a filesystem between shells (several sessions on one machine). */
  fs?: Vfs;
  /** Seed for $RANDOM. */
  seed?: number;
  /** Process id shown as `$$` (default 1). */
  pid?: number;
  /** Called when `exit` ends the session. */
  onExit?: (status: number) => void;
  /** The shell it stands for (error wording): bash (default), busybox ash, Debian dash. */
  dialect?: ShellDialect;
  /** A process environment (a container's), not a login shell's: no LANG, LOGNAME, SHELL, SHLVL, TERM, USER. */
  bareEnv?: boolean;
  /** Builtins this machine lacks (a container image without them): typing one finds nothing. */
  omit?: string[];
  /** How often a loop without waits yields, and for how much virtual time (default 10,000 / 1 ms). */
  loopYield?: { every: number; ms: number };
}

export interface Shell extends ShellSession {
  /** Add or replace an external command (`kubectl`, `etcdctl` …); `which` shows /usr/bin/<name>. */
  registerCommand(name: string, fn: CommandFn, summary?: string): void;
  /** Tab completion for a command's arguments. */
  registerCompleter(name: string, completer: Completer): void;
  setHostname(name: string): void;
  readonly hostname: string;
  readonly fs: Vfs;
  /** Working directory (absolute). */
  cwd: string;
  /** Exported variables (a copy). */
  readonly env: Record<string, string>;
  /** Set (and export) a variable. */
  setEnv(name: string, value: string): void;
  getVar(name: string): string | undefined;
  /** Status of the last command line. */
  readonly lastStatus: number;
  readonly history: readonly string[];
  /** Run one command without parsing (container exec): argv[0] looked up like a typed command. */
  exec(argv: string[], io: ShellIO & { stdin?: string }, signal?: AbortSignal): Promise<number>;
  /** Names of every command (builtins and registered). */
  commandNames(): string[];
  /** Define an alias (`alias k=kubectl`) without running a command line. */
  alias(name: string, value: string): void;
}

export function createShell(opts: ShellOptions): Shell {
  const user = opts.user ?? 'root';
  const home = user === 'root' ? '/root' : `/home/${user}`;
  const fs = opts.fs ?? new Vfs({ files: opts.files, now: opts.now });
  if (!fs.exists(home)) fs.mkdir(home, { parents: true });
  const rng = new Rng(opts.seed ?? 1);
  let pidCounter = (opts.pid ?? 1) + 100;
  const core: ShellCore = {
    fs,
    waiter: opts.waiter,
    now: opts.now,
    commands: builtinTable(),
    history: [],
    hostname: opts.hostname,
    user,
    pid: opts.pid ?? 1,
    nextPid: () => ++pidCounter,
    random: () => rng.int(32768),
    startTime: opts.now(),
    jobs: new Set(),
    aliases: new Map(),
    completers: new Map(),
    dialect: opts.dialect,
    loopYield: opts.loopYield,
  };
  for (const name of opts.omit ?? []) core.commands.delete(name);
  for (const [name, fn] of Object.entries(opts.commands ?? {})) core.commands.set(name, programEntry(fn));

  const st = new ShellState();
  const initial: Record<string, string> = {
    HOME: home,
    HOSTNAME: opts.hostname,
    LANG: 'C.UTF-8',
    LOGNAME: user,
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    SHELL: '/bin/bash',
    SHLVL: '1',
    TERM: 'xterm-256color',
    USER: user,
    ...(opts.env ?? {}),
  };
  if (opts.bareEnv) for (const k of ['LANG', 'LOGNAME', 'SHELL', 'SHLVL', 'TERM', 'USER']) if (!opts.env?.[k]) delete initial[k];
  for (const [k, v] of Object.entries(initial)) st.export(k, v);
  st.set('IFS', ' \t\n');
  st.set('PS1', '\\h:\\w\\$ ');
  const startDir = opts.cwd ? fs.resolve('/', opts.cwd) : home;
  st.cwd = fs.isDir(startDir) ? startDir : home;
  st.export('PWD', st.cwd);
  st.arg0 = 'bash';

  const promptPath = (): string => {
    const h = st.get('HOME') ?? home;
    if (st.cwd === h) return '~';
    if (h !== '/' && st.cwd.startsWith(h + '/')) return '~' + st.cwd.slice(h.length);
    return st.cwd;
  };

  /** Parse for running: syntax errors become bash's messages. */
  const parseForRun = (text: string, err: (s: string) => void): List | number => {
    try {
      const r = parse(text, { eofHeredocOk: true });
      for (const w of r.warnings) err(`bash: ${w}\n`);
      return r.list;
    } catch (e) {
      if (e instanceof IncompleteError && e.kind === 'backslash') return parseForRun(text.replace(/\\$/, ''), err);
      if (e instanceof ShellSyntaxError || e instanceof IncompleteError) {
        err(`bash: ${e.message}\n`);
        return 2;
      }
      if (e instanceof BadSubstitution) {
        err(`bash: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  };

  /** Run with gated output, map control flow to statuses, never throw. */
  const guarded = async (io: ShellIO, signal: AbortSignal | undefined, stdin: string, body: (interp: Interp, stdio: StdIO) => Promise<number>): Promise<number> => {
    const out = new GatedSink((s) => io.stdout(s), true);
    const err = new GatedSink((s) => io.stderr(s), true);
    const stdio: StdIO = { stdin: new Input(stdin), stdout: out, stderr: err };
    const interp = new Interp(core, signal, true);
    let status: number;
    try {
      status = await body(interp, stdio);
      if (signal?.aborted) status = 130;
    } catch (e) {
      if (e instanceof Interrupted) status = 130;
      else if (e instanceof ExitSignal) {
        status = e.status;
        opts.onExit?.(status);
      } else if (e instanceof ReturnSignal || e instanceof AbandonLine) status = e.status;
      else if (e instanceof BreakSignal || e instanceof ContinueSignal) status = 0;
      else if (signal?.aborted) status = 130;
      else {
        err.write(`bash: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        status = 1;
      }
    } finally {
      out.open = false;
      err.open = false;
      // the files `<(…)` made stand in for pipes: gone when the line is done
      if (!core.jobs.size && fs.isDir('/dev/fd')) fs.remove('/dev/fd', { recursive: true });
    }
    st.lastStatus = status;
    return status;
  };

  const shell: Shell = {
    prompt: () => `${core.hostname}:${promptPath()}$ `,

    needsMore(text: string): boolean {
      try {
        parse(text);
        return false;
      } catch (e) {
        return e instanceof IncompleteError;
      }
    },

    async run(text: string, io: ShellIO, signal?: AbortSignal): Promise<number> {
      const entry = text.replace(/\n+$/, '');
      if (entry.trim()) core.history.push(entry);
      return guarded(io, signal, '', async (interp, stdio) => {
        const list = parseForRun(text, (s) => stdio.stderr.write(s));
        if (typeof list === 'number') return list;
        return interp.list(list, st, stdio);
      });
    },

    complete(line: string, cursor: number): Completion {
      try {
        return complete(core, st, line, cursor);
      } catch {
        return { from: cursor, candidates: [] };
      }
    },

    registerCommand(name, fn, summary) {
      const entry: CommandEntry = programEntry(fn, summary);
      const old = core.commands.get(name);
      if (old?.completer) entry.completer = old.completer;
      core.commands.set(name, entry);
    },
    registerCompleter(name, completer) {
      core.completers.set(name, completer);
    },
    setHostname(name) {
      core.hostname = name;
      st.set('HOSTNAME', name);
    },
    get hostname() {
      return core.hostname;
    },
    fs,
    get cwd() {
      return st.cwd;
    },
    set cwd(dir: string) {
      const abs = fs.resolve(st.cwd, dir);
      if (!fs.isDir(abs)) fs.mkdir(abs, { parents: true });
      st.cwd = abs;
      st.set('PWD', abs);
    },
    get env() {
      return st.env();
    },
    setEnv(name, value) {
      st.export(name, value);
    },
    getVar: (name) => st.get(name),
    get lastStatus() {
      return st.lastStatus;
    },
    history: core.history,
    exec(argv, io, signal) {
      return guarded(io, signal, io.stdin ?? '', (interp, stdio) => (argv.length ? interp.invoke(argv, st.clone(), stdio, {}) : Promise.resolve(0)));
    },
    commandNames: () => [...core.commands.keys()].sort(),
    alias(name, value) {
      core.aliases.set(name, value);
    },
  };
  return shell;
}
