/**
 * The interpreter: walks the syntax tree. One Interp per `run` (it holds that run's abort signal).
 * Pipelines buffer: each element runs to the end and its output feeds the next one; the last
 * element writes straight to the caller's sink, so `kubectl get -w` streams to the terminal.
 */
import { literalWord, plainText, type AndOr, type Assign, type Command, type FunctionDef, type List, type Pipeline, type SimpleCommand, type Word } from '../ast';
import { shellQuote } from '../builtins/lib/printf';
import { arith, expandPattern, expandString, expandWords, type ExpandHost } from '../expand/expand';
import { matchPattern } from '../expand/pattern';
import { BufferSink, Input, type StdIO } from '../io';
import { parse } from '../parse/parser';
import { AbandonLine, BreakSignal, ContinueSignal, ControlFlow, ExitSignal, ExpansionError, Interrupted, ReturnSignal } from '../signals';
import type { ShellState } from '../state';
import { basename, dirname } from '../vfs';
import { notFoundMessage, type BuiltinContext, type ShellApi, type ShellCore } from './context';
import { evalCond } from './cond';
import { applyRedirs } from './redirect';
import { TestError } from './test-expr';

/** How `set -x` shows a word: bare when safe, else in single quotes. */
function traceQuote(w: string): string {
  if (w !== '' && /^[A-Za-z0-9_@%+=:,./~^-]+$/.test(w)) return w;
  return `'${w.replace(/'/g, `'\\''`)}'`;
}

const DECLARATIONS = new Set(['local', 'declare', 'typeset', 'export', 'readonly']);
const BIN_DIRS = new Set(['/usr/bin', '/bin', '/usr/local/bin', '/usr/sbin', '/sbin', '/usr/local/sbin']);

export class Interp {
  private subStatus: number | undefined;
  private loops = 0;
  private aliasDepth = 0;
  /** Depth of if/while conditions being evaluated (set -e is off there). */
  private conditions = 0;
  /** Whether the last and-or list's status came from its final pipeline (set -e). */
  private lastWasFinal = true;
  private abortPromise: Promise<never> | undefined;

  constructor(
    readonly core: ShellCore,
    readonly signal: AbortSignal | undefined,
    /** Interactive shells print `[1] 1234` for background jobs. */
    readonly interactive: boolean,
  ) {}

  // --- lists and pipelines ---

  async list(l: List, st: ShellState, io: StdIO): Promise<number> {
    let status = st.lastStatus;
    for (const item of l.items) {
      this.checkAbort();
      if (item.background) {
        this.background(item.andOr, st, io);
        status = 0;
      } else {
        status = await this.andOr(item.andOr, st, io);
        // set -e: a failing command ends the shell, unless it was tested (if/while, && ||, !)
        if (status !== 0 && st.options.has('errexit') && !this.conditions && this.lastWasFinal) throw new ExitSignal(status);
      }
      st.lastStatus = status;
    }
    return status;
  }

  private background(a: AndOr, st: ShellState, io: StdIO): void {
    const pid = this.core.nextPid();
    if (this.interactive) io.stderr.write(`[${this.core.jobs.size + 1}] ${pid}\n`);
    const child = new Interp(this.core, this.signal, false);
    const job: Promise<number> = child
      .andOr(a, st.clone(), { ...io, stdin: new Input('') })
      .catch((e: unknown) => (e instanceof ExitSignal ? e.status : 1))
      .finally(() => this.core.jobs.delete(job));
    this.core.jobs.add(job);
  }

  async andOr(a: AndOr, st: ShellState, io: StdIO): Promise<number> {
    let status = await this.pipeline(a.first, st, io);
    let last = a.first;
    st.lastStatus = status;
    for (const r of a.rest) {
      if ((r.op === '&&') !== (status === 0)) continue;
      status = await this.pipeline(r.pipeline, st, io);
      last = r.pipeline;
      st.lastStatus = status;
    }
    this.lastWasFinal = last === (a.rest.length ? a.rest[a.rest.length - 1].pipeline : a.first) && !last.bang;
    return status;
  }

  private async pipeline(p: Pipeline, st: ShellState, io: StdIO): Promise<number> {
    let status: number;
    if (p.commands.length === 1) status = await this.command(p.commands[0], st, io);
    else {
      let stdin = io.stdin;
      status = 0;
      let failed = 0;
      for (let i = 0; i < p.commands.length; i++) {
        const last = i === p.commands.length - 1;
        const buf = new BufferSink();
        status = await this.subshell(st, (sub) => this.command(p.commands[i], sub, { stdin, stdout: last ? io.stdout : buf, stderr: io.stderr }));
        if (status !== 0) failed = status;
        stdin = new Input(buf.text);
      }
      if (st.options.has('pipefail')) status = failed;
    }
    return p.bang ? (status === 0 ? 1 : 0) : status;
  }

  /** Run fn in a copy of the state; `exit` inside only leaves the copy. */
  private async subshell(st: ShellState, fn: (sub: ShellState) => Promise<number>): Promise<number> {
    const sub = st.clone();
    try {
      return await fn(sub);
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof AbandonLine) return e.status;
      if (e instanceof BreakSignal || e instanceof ContinueSignal) return 0;
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    }
  }

  // --- commands ---

  async command(cmd: Command, st: ShellState, io: StdIO): Promise<number> {
    this.checkAbort();
    if (cmd.type === 'simple') return this.simple(cmd, st, io);
    if (cmd.type === 'function') {
      st.functions.set(cmd.name, cmd);
      return 0;
    }
    const h = this.host(st, io);
    let rio: StdIO | undefined;
    try {
      rio = await applyRedirs(cmd.redirs, io, h, this.core.dialect);
    } catch (e) {
      return this.expansionFailed(e, io);
    }
    if (!rio) return this.redirFailed();
    try {
      switch (cmd.type) {
        case 'group':
          return await this.list(cmd.body, st, rio);
        case 'subshell':
          return await this.subshell(st, (sub) => this.list(cmd.body, sub, rio));
        case 'if': {
          for (const b of cmd.branches) {
            if ((await this.condition(b.cond, st, rio)) === 0) return await this.list(b.body, st, rio);
          }
          return cmd.elseBody ? await this.list(cmd.elseBody, st, rio) : 0;
        }
        case 'for': {
          const items = cmd.items ? await expandWords(cmd.items, h) : [...st.positional];
          return await this.loop(async (iter) => {
            if (iter >= items.length) return undefined;
            st.set(cmd.name, items[iter]);
            return this.list(cmd.body, st, rio);
          });
        }
        case 'while':
          return await this.loop(async () => {
            const c = await this.condition(cmd.cond, st, rio);
            if ((c === 0) === cmd.until) return undefined;
            return this.list(cmd.body, st, rio);
          });
        case 'case': {
          const subject = await expandString(cmd.subject, h);
          for (const item of cmd.items) {
            for (const p of item.patterns) {
              if (matchPattern(await expandPattern(p, h), subject)) return await this.list(item.body, st, rio);
            }
          }
          return 0;
        }
        case 'cond':
          try {
            return (await evalCond(cmd.words, h)) ? 0 : 1;
          } catch (e) {
            if (e instanceof TestError) {
              rio.stderr.write(`bash: ${e.message}\n`);
              return 2;
            }
            throw e;
          }
        case 'arith':
          return arith(await expandString(cmd.expr, h), h) !== 0 ? 0 : 1;
        case 'forarith': {
          const has = (w: typeof cmd.init): boolean => w.parts.some((p) => p.kind !== 'lit' || p.text.trim() !== '');
          if (has(cmd.init)) arith(await expandString(cmd.init, h), h);
          return await this.loop(async () => {
            if (has(cmd.cond) && arith(await expandString(cmd.cond, h), h) === 0) return undefined;
            const status = await this.list(cmd.body, st, rio);
            if (has(cmd.step)) arith(await expandString(cmd.step, h), h);
            return status;
          });
        }
      }
    } catch (e) {
      return this.expansionFailed(e, rio);
    }
  }

  /** A tested list (if/while condition): `set -e` does not apply inside. */
  private async condition(l: List, st: ShellState, io: StdIO): Promise<number> {
    this.conditions++;
    try {
      return await this.list(l, st, io);
    } finally {
      this.conditions--;
    }
  }

  /** Run loop bodies until step returns undefined; handles break/continue and yields now and then. */
  private async loop(step: (iter: number) => Promise<number | undefined>): Promise<number> {
    let status = 0;
    this.loops++;
    try {
      for (let iter = 0; ; iter++) {
        const y = this.core.loopYield ?? { every: 10_000, ms: 1 };
        if (iter % y.every === y.every - 1) await this.core.waiter.sleep(y.ms, this.signal).catch(() => undefined);
        this.checkAbort();
        try {
          const s = await step(iter);
          if (s === undefined) break;
          status = s;
        } catch (e) {
          if (e instanceof BreakSignal) {
            if (e.levels > 1) throw new BreakSignal(e.levels - 1);
            break;
          }
          if (e instanceof ContinueSignal) {
            if (e.levels > 1) throw new ContinueSignal(e.levels - 1);
            continue;
          }
          throw e;
        }
      }
    } finally {
      this.loops--;
    }
    return status;
  }

  private async simple(cmd: SimpleCommand, st: ShellState, io: StdIO): Promise<number> {
    const h = this.host(st, io);
    this.subStatus = undefined;
    try {
      const words = await this.declarationArrays(cmd.words, st, h);
      let argv = await expandWords(words, h);
      const aliased = await this.expandAlias(cmd, argv, h);
      if (typeof aliased === 'string') return await this.evalText(aliased, st, io);
      argv = aliased;
      if (!argv.length) {
        for (const a of cmd.assigns) await this.assign(a, st, h);
        const rio = await applyRedirs(cmd.redirs, io, h, this.core.dialect);
        if (!rio) return this.redirFailed();
        return this.subStatus ?? 0;
      }
      const env: Record<string, string> = {};
      for (const a of cmd.assigns) {
        if (a.array || a.index) continue;
        const v = await expandString(a.value, h);
        env[a.name] = a.append ? (st.get(a.name) ?? '') + v : v;
      }
      const rio = await applyRedirs(cmd.redirs, io, h, this.core.dialect);
      if (!rio) return this.redirFailed();
      if (st.options.has('xtrace')) {
        for (const [k, v] of Object.entries(env)) io.stderr.write(`+ ${k}=${traceQuote(v)}\n`);
        io.stderr.write(`+ ${argv.map(traceQuote).join(' ')}\n`);
      }
      return await this.invoke(argv, st, rio, env);
    } catch (e) {
      return this.expansionFailed(e, io);
    }
  }

  /** `a=v`, `a+=v`, `a[i]=v`, `a=(x y)`, `a+=(z)`. */
  private async assign(a: Assign, st: ShellState, h: ExpandHost): Promise<void> {
    if (a.array) {
      const items = await expandWords(a.array, h);
      st.setArray(a.name, a.append ? [...(st.getArray(a.name) ?? []), ...items] : items);
      return;
    }
    const v = await expandString(a.value, h);
    if (a.index) {
      const i = arith(await expandString(a.index, h), h);
      st.setElement(a.name, i, a.append ? (st.element(a.name, i) ?? '') + v : v);
      return;
    }
    st.set(a.name, a.append ? (st.get(a.name) ?? '') + v : v);
  }

  /**
   * `local a=(x y)`, `declare -a b=(…)`, `export c=(…)`: set the arrays here (local first) and pass
   * the builtin just the names.
   */
  private async declarationArrays(words: Word[], st: ShellState, h: ExpandHost): Promise<Word[]> {
    const first = words[0] ? plainText(words[0]) : undefined;
    if (!first || !DECLARATIONS.has(first)) return words;
    const out: Word[] = [words[0]];
    for (const w of words.slice(1)) {
      const head = w.parts[0];
      const arr = w.parts[1];
      const m = w.parts.length === 2 && head.kind === 'lit' && arr.kind === 'array' ? /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=$/.exec(head.text) : null;
      if (!m || arr.kind !== 'array') {
        out.push(w);
        continue;
      }
      const items = await expandWords(arr.items, h);
      if (first === 'local' || ((first === 'declare' || first === 'typeset') && st.localFrames.length)) st.makeLocal(m[1]);
      st.setArray(m[1], m[2] ? [...(st.getArray(m[1]) ?? []), ...items] : items);
      out.push(literalWord(m[1]));
    }
    return out;
  }

  /** Alias expansion of the first word (when it was typed unquoted). A string: run it as text. */
  private async expandAlias(cmd: SimpleCommand, argv: string[], h: ExpandHost): Promise<string[] | string> {
    const first = cmd.words[0] ? plainText(cmd.words[0]) : undefined;
    const value = first !== undefined ? this.core.aliases.get(first) : undefined;
    if (value === undefined || this.aliasDepth > 8) return argv;
    let list: List;
    try {
      list = parse(value).list;
    } catch {
      return argv;
    }
    const only = list.items.length === 1 && !list.items[0].background && !list.items[0].andOr.rest.length ? list.items[0].andOr.first : undefined;
    const simple = only && !only.bang && only.commands.length === 1 && only.commands[0].type === 'simple' && !only.commands[0].assigns.length && !only.commands[0].redirs.length ? only.commands[0] : undefined;
    if (!simple) return `${value} ${argv.slice(1).map(shellQuote).join(' ')}`;
    this.aliasDepth++;
    try {
      const words = await expandWords(simple.words, h);
      const inner = words[0] !== first ? await this.expandAlias(simple, words, h) : words;
      if (typeof inner === 'string') return `${inner} ${argv.slice(1).map(shellQuote).join(' ')}`;
      return [...inner, ...argv.slice(1)];
    } finally {
      this.aliasDepth--;
    }
  }

  /** bash reports an expansion error and abandons the rest of the line (or leaves the subshell). */
  /** The status of a command whose redirection failed: dash exits 2 (checked with Debian's dash 0.5.12), bash 1. */
  private redirFailed(): number {
    return this.core.dialect === 'dash' ? 2 : 1;
  }

  private expansionFailed(e: unknown, io: StdIO): never {
    if (e instanceof ExpansionError) {
      io.stderr.write(`bash: ${e.message}\n`);
      throw new AbandonLine(e.unset && !this.interactive ? 127 : e.status);
    }
    throw e;
  }

  /** Find and run a command: function, builtin or registered program, else bash's errors. */
  async invoke(argv: string[], st: ShellState, io: StdIO, env: Record<string, string>): Promise<number> {
    this.checkAbort();
    const name = argv[0];
    const fn = st.functions.get(name);
    if (fn) return this.callFunction(fn, argv, st, io);
    let entry = this.core.commands.get(name);
    if (!entry && name.includes('/')) {
      const path = this.core.fs.resolve(st.cwd, name);
      if (BIN_DIRS.has(dirname(path)) && this.core.commands.get(basename(path))?.kind !== 'special') entry = this.core.commands.get(basename(path));
      if (!entry) {
        const stat = this.core.fs.stat(path);
        if (stat?.type === 'dir') io.stderr.write(`bash: ${name}: Is a directory\n`);
        else if (stat) io.stderr.write(`bash: ${name}: Permission denied\n`);
        else io.stderr.write(`bash: ${name}: No such file or directory\n`);
        return stat ? 126 : 127;
      }
    }
    if (!entry) {
      io.stderr.write(notFoundMessage(this.core.dialect, this.interactive || !this.core.dialect, name));
      return 127;
    }
    const ctx = this.context(argv, st, io, env);
    let status: number;
    // `IFS=: read …`: a builtin sees its prefix assignments as shell variables while it runs
    const saved = entry.kind !== 'program' ? Object.keys(env).map((k) => [k, st.vars.get(k)] as const) : [];
    for (const [k] of saved) st.set(k, env[k]);
    try {
      status = await this.race(Promise.resolve(entry.fn(argv, ctx)));
    } catch (e) {
      if (e instanceof ControlFlow) throw e;
      if (this.signal?.aborted) throw new Interrupted();
      const msg = e instanceof Error ? e.message : String(e);
      io.stderr.write(`bash: ${name}: internal error: ${msg}\n`);
      status = 1;
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) st.vars.delete(k);
        else st.vars.set(k, v);
      }
    }
    this.checkAbort();
    if (typeof status !== 'number' || !Number.isFinite(status)) return 0;
    return ((Math.trunc(status) % 256) + 256) % 256;
  }

  private async callFunction(fn: FunctionDef, argv: string[], st: ShellState, io: StdIO): Promise<number> {
    if (st.localFrames.length >= 1000) {
      io.stderr.write(`bash: ${argv[0]}: maximum function nesting level exceeded (1000)\n`);
      return 1;
    }
    const saved = st.positional;
    st.positional = argv.slice(1);
    const frame = new Map<string, string | undefined>();
    st.localFrames.push(frame);
    try {
      return await this.command(fn.body, st, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      for (const [k, v] of frame) {
        if (v === undefined) st.vars.delete(k);
        else st.vars.set(k, v);
      }
      st.localFrames.pop();
      st.positional = saved;
    }
  }

  private context(argv: string[], st: ShellState, io: StdIO, env: Record<string, string>): BuiltinContext {
    let stdin: string | undefined;
    const core = this.core;
    const signal = this.signal;
    const api: ShellApi = {
      state: st,
      core,
      readLine: () => io.stdin.readLine(),
      exec: (argv2, opts) => this.invoke(argv2, st, opts?.stdin !== undefined ? { ...io, stdin: new Input(opts.stdin) } : io, opts?.env ?? {}),
      runScript: (text, opts) => this.runScript(text, st, io, opts),
      evalText: (text) => this.evalText(text, st, io),
      loopDepth: () => this.loops,
      waitJobs: async () => {
        while (core.jobs.size) await Promise.all([...core.jobs]);
      },
    };
    return {
      get stdin() {
        return (stdin ??= io.stdin.readAll());
      },
      stdout: (s) => io.stdout.write(s),
      stderr: (s) => io.stderr.write(s),
      env: { ...st.env(), ...env },
      cwd: st.cwd,
      fs: core.fs,
      signal,
      sleep: (ms) => core.waiter.sleep(ms, signal),
      now: () => core.now(),
      isTTY: io.stdout.tty,
      sh: api,
    };
  }

  /** `sh -c TEXT`: a child shell (copy of the state, exported variables only matter to it). */
  private async runScript(text: string, st: ShellState, io: StdIO, opts?: { arg0?: string; args?: string[] }): Promise<number> {
    return this.subshell(st, async (sub) => {
      if (opts?.arg0 !== undefined) sub.arg0 = opts.arg0;
      if (opts?.args) sub.positional = opts.args;
      sub.functions = new Map();
      return this.evalText(text, sub, io, false);
    });
  }

  /** Parse and run text in the given state (`eval`, `source`, `sh -c`). */
  async evalText(text: string, st: ShellState, io: StdIO, interactive = this.interactive): Promise<number> {
    let list: List;
    try {
      const r = parse(text, { eofHeredocOk: true });
      for (const w of r.warnings) io.stderr.write(`bash: ${w}\n`);
      list = r.list;
    } catch (e) {
      io.stderr.write(`bash: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    const child = interactive === this.interactive ? this : new Interp(this.core, this.signal, interactive);
    return child.list(list, st, io);
  }

  // --- expansion host, abort ---

  host(st: ShellState, io: StdIO): ExpandHost {
    return {
      state: st,
      fs: this.core.fs,
      runCmdSub: async (body) => {
        const buf = new BufferSink();
        const status = await this.subshell(st, (sub) => this.list(body, sub, { stdin: new Input(''), stdout: buf, stderr: io.stderr }));
        this.subStatus = status;
        return buf.text;
      },
      procSub: async (body) => {
        const buf = new BufferSink();
        await this.subshell(st, (sub) => this.list(body, sub, { stdin: new Input(''), stdout: buf, stderr: io.stderr }));
        const fs = this.core.fs;
        if (!fs.isDir('/dev/fd')) fs.mkdir('/dev/fd', { parents: true });
        let n = 63;
        while (fs.exists(`/dev/fd/${n}`) && n > 10) n--;
        const path = `/dev/fd/${n}`;
        fs.writeFile(path, buf.text);
        return path;
      },
      dynamic: (name) => {
        switch (name) {
          case 'RANDOM':
            return String(this.core.random());
          case 'SECONDS':
            return String(Math.floor((this.core.now() - this.core.startTime) / 1000));
          case '$':
          case 'BASHPID':
            return String(this.core.pid);
          case 'LINENO':
            return '1';
          case 'EPOCHSECONDS':
            return String(Math.floor(this.core.now() / 1000));
        }
        return undefined;
      },
    };
  }

  checkAbort(): void {
    if (this.signal?.aborted) throw new Interrupted();
  }

  private race<T>(p: Promise<T>): Promise<T> {
    const signal = this.signal;
    if (!signal) return p;
    if (!this.abortPromise) {
      this.abortPromise = new Promise<never>((_, reject) => {
        if (signal.aborted) reject(new Interrupted());
        else signal.addEventListener('abort', () => reject(new Interrupted()), { once: true });
      });
      this.abortPromise.catch(() => undefined);
    }
    return Promise.race([p, this.abortPromise]);
  }
}

