/**
 * A tiny POSIX-sh subset for container commands (`sh -c "i=0; while true; do echo $i; sleep 1; done"`):
 * what a container prints, when, and with which exit code. It runs on the container's own time
 * line (ms since start) as a lazy generator, so `while true` loops cost nothing until read.
 * Supported: ; && || | newlines, if/while/until/for, { }, assignments, export, $VAR ${VAR}
 * $(cmd) $((arith)), [ … ] tests, and the builtins a busybox image offers for such scripts
 * (echo printf sleep exit true false date hostname env printenv cat seq tail expr trap set).
 */

export interface ProcEvent {
  /** ms since the process started */
  t: number;
  line?: string;
  exit?: number;
  /** A file the process created (touch: content undefined keeps an existing one) or removed (null). */
  file?: { path: string; content?: string | null };
}

export interface ScriptContext {
  env: Record<string, string>;
  /** Absolute start time (ms since epoch) — for `date`. */
  startMs: number;
  hostname: string;
  files: Record<string, string>;
}

type Part = { text: string; q: 'none' | 'single' | 'double' };
type Word = Part[];
type Node =
  | { k: 'simple'; words: Word[]; assigns: [string, Word][] }
  | { k: 'list'; items: { op: ';' | '&&' | '||'; node: Node }[] }
  | { k: 'pipe'; cmds: Node[] }
  | { k: 'while'; cond: Node; body: Node; until: boolean }
  | { k: 'for'; name: string; words: Word[]; body: Node }
  | { k: 'if'; branches: { cond: Node; body: Node }[]; else?: Node }
  | { k: 'group'; body: Node };

class ExitSignal {
  constructor(readonly code: number) {}
}
class ForeverSignal {}
class SyntaxErr extends Error {}

// ---------- tokenizer ----------
type Tok = { w: Word; op?: undefined } | { op: string; w?: undefined };

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let cur: Part[] | null = null;
  const push = (text: string, q: Part['q']) => {
    cur ??= [];
    cur.push({ text, q });
  };
  const end = () => {
    if (cur) toks.push({ w: cur });
    cur = null;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t') {
      end();
      i++;
    } else if (c === '#' && !cur) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '\n' || c === ';') {
      end();
      toks.push({ op: ';' });
      i++;
    } else if (c === '&' || c === '|') {
      end();
      if (src[i + 1] === c) {
        toks.push({ op: c + c });
        i += 2;
      } else {
        toks.push({ op: c === '|' ? '|' : ';' });
        i++;
      }
    } else if (c === '>' || c === '<') {
      // redirections: drop the operator and its target (2>&1, >/dev/null, >> file)
      end();
      i++;
      if (src[i] === '>' || src[i] === '&') i++;
      while (src[i] === ' ') i++;
      while (i < src.length && !/[\s;&|]/.test(src[i])) i++;
    } else if (c === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) throw new SyntaxErr("unterminated quoted string");
      push(src.slice(i + 1, j), 'single');
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && '"\\$`'.includes(src[j + 1])) {
          s += src[j + 1] === '$' ? '\\$' : src[j + 1];
          j += 2;
        } else if (src[j] === '$' && src[j + 1] === '(') {
          const k = matchParen(src, j + 1);
          s += src.slice(j, k + 1);
          j = k + 1;
        } else s += src[j++];
      }
      if (j >= src.length) throw new SyntaxErr('unterminated quoted string');
      push(s, 'double');
      i = j + 1;
    } else if (c === '$' && src[i + 1] === '(') {
      const k = matchParen(src, i + 1);
      push(src.slice(i, k + 1), 'none');
      i = k + 1;
    } else if (c === '\\') {
      push(src[i + 1] ?? '', 'single');
      i += 2;
    } else {
      let j = i;
      while (j < src.length && !/[\s;&|'"<>\\]/.test(src[j]) && !(src[j] === '$' && src[j + 1] === '(')) j++;
      push(src.slice(i, j), 'none');
      i = j;
    }
  }
  end();
  return toks;
}

function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  throw new SyntaxErr('unterminated $(');
}

// ---------- parser ----------
const plain = (w: Word | undefined) => (w && w.every((p) => p.q === 'none') ? w.map((p) => p.text).join('') : undefined);

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  parseAll(): Node {
    const n = this.list([]);
    if (this.i < this.toks.length) throw new SyntaxErr(`syntax error: unexpected "${this.peekWord() ?? this.toks[this.i].op}"`);
    return n;
  }

  private peekWord(): string | undefined {
    return plain(this.toks[this.i]?.w);
  }

  private isOp(op: string): boolean {
    return this.toks[this.i]?.op === op;
  }

  private skipSemis(): void {
    while (this.isOp(';')) this.i++;
  }

  private expectWord(w: string): void {
    this.skipSemis();
    if (this.peekWord() !== w) throw new SyntaxErr(`syntax error: expected "${w}"`);
    this.i++;
  }

  /** A list up to one of the terminator keywords. */
  private list(terms: string[]): Node {
    const items: { op: ';' | '&&' | '||'; node: Node }[] = [];
    let op: ';' | '&&' | '||' = ';';
    for (;;) {
      this.skipSemis();
      if (this.i >= this.toks.length) break;
      const w = this.peekWord();
      if (w !== undefined && terms.includes(w)) break;
      if (this.isOp('}') || (w === '}' && terms.includes('}'))) break;
      items.push({ op, node: this.pipeline(terms) });
      if (this.isOp('&&') || this.isOp('||')) {
        op = this.toks[this.i].op as '&&' | '||';
        this.i++;
      } else op = ';';
    }
    return { k: 'list', items };
  }

  private pipeline(terms: string[]): Node {
    const cmds = [this.command(terms)];
    while (this.isOp('|')) {
      this.i++;
      cmds.push(this.command(terms));
    }
    return cmds.length === 1 ? cmds[0] : { k: 'pipe', cmds };
  }

  private command(terms: string[]): Node {
    const w = this.peekWord();
    if (w === 'while' || w === 'until') {
      this.i++;
      const cond = this.list(['do']);
      this.expectWord('do');
      const body = this.list(['done']);
      this.expectWord('done');
      return { k: 'while', cond, body, until: w === 'until' };
    }
    if (w === 'for') {
      this.i++;
      const name = this.peekWord() ?? '';
      this.i++;
      const words: Word[] = [];
      if (this.peekWord() === 'in') {
        this.i++;
        while (this.i < this.toks.length && !this.isOp(';') && this.peekWord() !== 'do') words.push(this.toks[this.i++].w!);
      }
      this.expectWord('do');
      const body = this.list(['done']);
      this.expectWord('done');
      return { k: 'for', name, words, body };
    }
    if (w === 'if') {
      this.i++;
      const branches: { cond: Node; body: Node }[] = [];
      let cond = this.list(['then']);
      this.expectWord('then');
      let body = this.list(['elif', 'else', 'fi']);
      branches.push({ cond, body });
      let els: Node | undefined;
      for (;;) {
        this.skipSemis();
        const k = this.peekWord();
        this.i++;
        if (k === 'elif') {
          cond = this.list(['then']);
          this.expectWord('then');
          body = this.list(['elif', 'else', 'fi']);
          branches.push({ cond, body });
        } else if (k === 'else') {
          els = this.list(['fi']);
          this.expectWord('fi');
          break;
        } else if (k === 'fi') break;
        else throw new SyntaxErr('syntax error: expected "fi"');
      }
      return { k: 'if', branches, else: els };
    }
    if (w === '{') {
      this.i++;
      const body = this.list(['}']);
      this.expectWord('}');
      return { k: 'group', body };
    }
    const words: Word[] = [];
    const assigns: [string, Word][] = [];
    while (this.i < this.toks.length && this.toks[this.i].w) {
      const word = this.toks[this.i].w!;
      const p = plain(word);
      if (words.length === 0 && terms.includes(p ?? '')) break;
      const m = word[0]?.q === 'none' ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word[0].text) : null;
      if (words.length === 0 && m) {
        const rest: Word = [{ text: word[0].text.slice(m[0].length), q: 'none' }, ...word.slice(1)];
        assigns.push([m[1], rest]);
      } else words.push(word);
      this.i++;
    }
    return { k: 'simple', words, assigns };
  }
}

// ---------- interpreter ----------
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** `date` output in the C locale: `Mon Jan  5 08:10:05 UTC 2026`. */
export function cDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function dateFormat(ms: number, fmt: string): string {
  const d = new Date(ms);
  return fmt.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'Y':
        return String(d.getUTCFullYear());
      case 'm':
        return p2(d.getUTCMonth() + 1);
      case 'd':
        return p2(d.getUTCDate());
      case 'H':
        return p2(d.getUTCHours());
      case 'M':
        return p2(d.getUTCMinutes());
      case 'S':
        return p2(d.getUTCSeconds());
      case 's':
        return String(Math.floor(ms / 1000));
      case 'T':
        return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'F':
        return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'Z':
        return 'UTC';
      case '%':
        return '%';
      default:
        return `%${c}`;
    }
  });
}

/** `sleep` durations: 5, 0.5, 2m, 1h, infinity. */
function sleepMs(arg: string): number | 'forever' | undefined {
  if (arg === 'infinity' || arg === 'inf') return 'forever';
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
  return Math.round(Number(m[1]) * mult * 1000);
}

const STEP_LIMIT = 200_000;

export class ScriptRunner {
  t = 0;
  status = 0;
  private steps = 0;
  private readonly env: Record<string, string>;

  constructor(private readonly ctx: ScriptContext) {
    this.env = { ...ctx.env };
  }

  /** Run a script; yields output lines and finally an exit event (or stops yielding: runs forever). */
  *run(script: string, positional: string[] = []): Generator<ProcEvent> {
    let node: Node;
    try {
      node = new Parser(tokenize(script)).parseAll();
    } catch (e) {
      yield { t: 0, line: `sh: ${(e as Error).message}` };
      yield { t: 0, exit: 2 };
      return;
    }
    positional.forEach((v, i) => (this.env[String(i)] = v));
    try {
      yield* this.exec(node);
      yield { t: this.t, exit: this.status };
    } catch (e) {
      if (e instanceof ExitSignal) yield { t: this.t, exit: e.code };
      else if (e instanceof ForeverSignal) return;
      else throw e;
    }
  }

  /** Run one command given as argv (no shell). */
  *runArgv(argv: string[]): Generator<ProcEvent> {
    try {
      yield* this.simple(argv);
      yield { t: this.t, exit: this.status };
    } catch (e) {
      if (e instanceof ExitSignal) yield { t: this.t, exit: e.code };
      else if (e instanceof ForeverSignal) return;
      else throw e;
    }
  }

  private tick(): void {
    if (++this.steps > STEP_LIMIT) throw new ForeverSignal();
  }

  private *exec(n: Node): Generator<ProcEvent> {
    this.tick();
    switch (n.k) {
      case 'list':
        for (const it of n.items) {
          if (it.op === '&&' && this.status !== 0) continue;
          if (it.op === '||' && this.status === 0) continue;
          yield* this.exec(it.node);
        }
        return;
      case 'pipe': {
        // only the last command's output reaches the log; earlier ones still take their time
        for (let i = 0; i < n.cmds.length - 1; i++) for (const ev of this.exec(n.cmds[i])) void ev;
        yield* this.exec(n.cmds[n.cmds.length - 1]);
        return;
      }
      case 'group':
        yield* this.exec(n.body);
        return;
      case 'if':
        for (const b of n.branches) {
          yield* this.exec(b.cond);
          if (this.status === 0) {
            yield* this.exec(b.body);
            return;
          }
        }
        if (n.else) yield* this.exec(n.else);
        else this.status = 0;
        return;
      case 'while':
        for (;;) {
          this.tick();
          yield* this.exec(n.cond);
          const ok = n.until ? this.status !== 0 : this.status === 0;
          if (!ok) break;
          yield* this.exec(n.body);
        }
        this.status = 0;
        return;
      case 'for': {
        const vals = n.words.flatMap((w) => this.expandWord(w, true));
        for (const v of vals) {
          this.env[n.name] = v;
          yield* this.exec(n.body);
        }
        return;
      }
      case 'simple': {
        for (const [k, w] of n.assigns) this.env[k] = this.expandWord(w, false).join('');
        if (n.words.length === 0) {
          this.status = 0;
          return;
        }
        const argv = n.words.flatMap((w) => this.expandWord(w, true));
        yield* this.simple(argv);
        return;
      }
    }
  }

  private *simple(argv: string[]): Generator<ProcEvent> {
    const out = (line: string): ProcEvent => ({ t: this.t, line });
    const [cmd0, ...args] = argv;
    const cmd = (cmd0 ?? '').split('/').pop()!;
    this.status = 0;
    switch (cmd) {
      case '':
      case ':':
      case 'true':
      case 'trap':
      case 'set':
      case 'cd':
      case 'ulimit':
      case 'umask':
        return;
      case 'false':
        this.status = 1;
        return;
      case 'export':
        for (const a of args) {
          const i = a.indexOf('=');
          if (i > 0) this.env[a.slice(0, i)] = a.slice(i + 1);
        }
        return;
      case 'exit':
        throw new ExitSignal(args[0] !== undefined ? Number(args[0]) & 255 : this.status);
      case 'echo': {
        let a = args;
        let newline = true;
        let escapes = false;
        while (a[0] && /^-[neE]+$/.test(a[0])) {
          if (a[0].includes('n')) newline = false;
          if (a[0].includes('e')) escapes = true;
          a = a.slice(1);
        }
        let s = a.join(' ');
        if (escapes) s = s.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        for (const l of splitLines(s, newline)) yield out(l);
        return;
      }
      case 'printf': {
        const s = printf(args[0] ?? '', args.slice(1));
        for (const l of splitLines(s, false)) yield out(l);
        return;
      }
      case 'sleep': {
        const ms = sleepMs(args[0] ?? '');
        if (ms === undefined) {
          yield out(`sleep: invalid number '${args[0] ?? ''}'`);
          this.status = 1;
          return;
        }
        if (ms === 'forever') throw new ForeverSignal();
        this.t += ms;
        return;
      }
      case 'date':
        yield out(args[0]?.startsWith('+') ? dateFormat(this.ctx.startMs + this.t, args[0].slice(1)) : cDate(this.ctx.startMs + this.t));
        return;
      case 'hostname':
        yield out(this.ctx.hostname);
        return;
      case 'env':
      case 'printenv':
        if (cmd === 'printenv' && args.length) {
          for (const a of args) if (this.env[a] !== undefined) yield out(this.env[a]);
          return;
        }
        for (const [k, v] of Object.entries(this.env)) if (!/^\d+$/.test(k)) yield out(`${k}=${v}`);
        return;
      case 'cat':
        for (const f of args) {
          const c = this.ctx.files[f];
          if (c === undefined) {
            yield out(`cat: can't open '${f}': No such file or directory`);
            this.status = 1;
          } else for (const l of splitLines(c, false)) yield out(l);
        }
        return;
      case 'seq': {
        const nums = args.map(Number);
        const [a, b] = nums.length === 1 ? [1, nums[0]] : [nums[0], nums[1]];
        for (let i = a; i <= b; i++) yield out(String(i));
        return;
      }
      case 'tail':
        if (args.includes('-f')) throw new ForeverSignal();
        return;
      case 'expr': {
        const v = arith(args.join(' '), this.env);
        yield out(String(v));
        this.status = v === 0 ? 1 : 0;
        return;
      }
      case '[':
      case 'test':
        this.status = testExpr(cmd === '[' ? args.slice(0, -1) : args) ? 0 : 1;
        return;
      case 'sh':
      case 'bash':
      case 'ash': {
        const ci = args.indexOf('-c');
        if (ci >= 0) {
          const sub = new ScriptRunner({ ...this.ctx, env: this.env, startMs: this.ctx.startMs + this.t });
          for (const ev of sub.run(args[ci + 1] ?? '', args.slice(ci + 2))) {
            if (ev.exit !== undefined) {
              this.t += sub.t;
              this.status = ev.exit;
              return;
            }
            yield { ...ev, t: this.t + ev.t };
          }
          throw new ForeverSignal();
        }
        return;
      }
      case 'wget':
      case 'curl':
      case 'nslookup':
      case 'ping':
      case 'nc':
      case 'touch':
      case 'rm':
        // time-stamped file effects: exec probes (`cat /tmp/healthy`) see them at the right moment
        for (const f of args.filter((a) => !a.startsWith('-'))) {
          if (cmd === 'touch') this.ctx.files[f] ??= '';
          else delete this.ctx.files[f];
          yield { t: this.t, file: { path: f, content: cmd === 'touch' ? undefined : null } };
        }
        return;
      case 'ls':
      case 'mkdir':
      case 'tee':
      case 'grep':
      case 'head':
      case 'wc':
      case 'kill':
        // the simulated network and filesystem arrive later: these succeed quietly for now
        return;
      default:
        yield out(`sh: ${cmd0}: not found`);
        this.status = 127;
    }
  }

  /** Parameter, command and arithmetic expansion; unquoted results are field-split. */
  private expandWord(w: Word, split: boolean): string[] {
    let fields: string[] = [''];
    let quotedSeen = false;
    for (const p of w) {
      if (p.q === 'single') {
        fields[fields.length - 1] += p.text;
        quotedSeen = true;
        continue;
      }
      const s = this.expandText(p.text);
      if (p.q === 'double' || !split) {
        fields[fields.length - 1] += s.replace(/\\\$/g, '$');
        quotedSeen = true;
      } else {
        const parts = s.split(/[ \t\n]+/);
        fields[fields.length - 1] += parts[0];
        for (const x of parts.slice(1)) fields.push(x);
      }
    }
    if (split && !quotedSeen) fields = fields.filter((f) => f !== '');
    return fields;
  }

  private expandText(s: string): string {
    let out = '';
    let i = 0;
    while (i < s.length) {
      if (s[i] === '\\' && s[i + 1] === '$') {
        out += '\\$';
        i += 2;
      } else if (s.startsWith('$((', i)) {
        const end = s.indexOf('))', i);
        out += String(arith(s.slice(i + 3, end), this.env));
        i = end + 2;
      } else if (s.startsWith('$(', i)) {
        const k = matchParen(s, i + 1);
        out += this.capture(s.slice(i + 2, k));
        i = k + 1;
      } else if (s[i] === '$' && s[i + 1] === '{') {
        const end = s.indexOf('}', i);
        const inner = s.slice(i + 2, end);
        const [name, def] = inner.split(/:-/);
        out += this.env[name] ?? def ?? '';
        i = end + 1;
      } else if (s[i] === '$' && /[A-Za-z_0-9?]/.test(s[i + 1] ?? '')) {
        let j = i + 1;
        if (s[j] === '?' || /\d/.test(s[j])) j++;
        else while (j < s.length && /[A-Za-z0-9_]/.test(s[j])) j++;
        const name = s.slice(i + 1, j);
        out += name === '?' ? String(this.status) : (this.env[name] ?? '');
        i = j;
      } else out += s[i++];
    }
    return out;
  }

  /** $(cmd): run a sub-script at the current time and capture its output. */
  private capture(script: string): string {
    const sub = new ScriptRunner({ ...this.ctx, env: this.env, startMs: this.ctx.startMs + this.t });
    const lines: string[] = [];
    for (const ev of sub.run(script)) {
      if (ev.line !== undefined) lines.push(ev.line);
      if (ev.exit !== undefined) break;
      if (lines.length > 10_000) break;
    }
    return lines.join('\n');
  }
}

function splitLines(s: string, trailingNewline: boolean): string[] {
  if (s === '' && trailingNewline) return [''];
  const lines = s.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function printf(fmt: string, args: string[]): string {
  let i = 0;
  const f = fmt.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  return f.replace(/%([sd%])/g, (_, c: string) => (c === '%' ? '%' : c === 'd' ? String(Number(args[i++] ?? 0) | 0) : (args[i++] ?? '')));
}

/** Integer arithmetic for $(( )) and expr: + - * / % and comparisons, variables by name. */
function arith(expr: string, env: Record<string, string>): number {
  const src = expr.replace(/\$?([A-Za-z_][A-Za-z0-9_]*)/g, (_, n: string) => String(Number(env[n] ?? 0) || 0)).replace(/\\\*/g, '*');
  if (!/^[\d\s+\-*/%()<>=!]*$/.test(src)) return 0;
  const toks = src.match(/\d+|==|!=|<=|>=|[-+*/%()<>]/g) ?? [];
  let i = 0;
  const primary = (): number => {
    const t = toks[i++];
    if (t === '(') {
      const v = cmp();
      i++;
      return v;
    }
    if (t === '-') return -primary();
    return Number(t ?? 0);
  };
  const mul = (): number => {
    let v = primary();
    while (toks[i] === '*' || toks[i] === '/' || toks[i] === '%') {
      const op = toks[i++];
      const r = primary();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const add = (): number => {
    let v = mul();
    while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + mul() : v - mul();
    return v;
  };
  const cmp = (): number => {
    let v = add();
    while (['<', '>', '<=', '>=', '==', '!='].includes(toks[i] ?? '')) {
      const op = toks[i++];
      const r = add();
      v = Number(op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : op === '>=' ? v >= r : op === '==' ? v === r : v !== r);
    }
    return v;
  };
  return cmp();
}

function testExpr(a: string[]): boolean {
  if (a[0] === '!') return !testExpr(a.slice(1));
  if (a.length === 0) return false;
  if (a.length === 1) return a[0] !== '';
  if (a.length === 2) {
    if (a[0] === '-z') return a[1] === '';
    if (a[0] === '-n') return a[1] !== '';
    if (a[0] === '-f' || a[0] === '-e' || a[0] === '-d') return false;
    return false;
  }
  const [l, op, r] = a;
  const x = Number(l);
  const y = Number(r);
  switch (op) {
    case '=':
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '-eq':
      return x === y;
    case '-ne':
      return x !== y;
    case '-lt':
      return x < y;
    case '-le':
      return x <= y;
    case '-gt':
      return x > y;
    case '-ge':
      return x >= y;
  }
  return false;
}
