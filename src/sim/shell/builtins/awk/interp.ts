/** Runs a parsed awk program over input texts. Synchronous, with a step budget (never a frozen tab). */
import { toJsSource } from '../lib/regex';
import type { Expr, Func, Item, Program, Stmt } from './parser';
import { sprintf } from './sprintf';
import { compare, Sn, toNum, toStr, truthy, UNINIT, type Val } from './values';

export class AwkRuntimeError extends Error {}
class NextSignal {}
class ExitSignal {
  constructor(readonly code: number) {}
}
class ReturnSignal {
  constructor(readonly v: Val) {}
}
class BreakSignal {}
class ContinueSignal {}

type Cell = Val | Map<string, Val>;

export interface AwkHost {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Write to a file (`print > "f"`); append false truncates on first use. */
  writeFile(name: string, data: string, append: boolean): void;
  env: Record<string, string>;
}

export interface AwkInput {
  name: string;
  text: string;
}

const MAX_STEPS = 20_000_000;

export class AwkRuntime {
  private globals = new Map<string, Cell>();
  private frames: Map<string, Cell>[] = [];
  private fields: string[] = [''];
  private nf = 0;
  private reCache = new Map<string, RegExp>();
  private opened = new Set<string>();
  private steps = 0;
  private seed = 0;
  private randState = 0;
  private records: string[] = [];
  private recIdx = 0;
  private exitCode = 0;

  constructor(
    private prog: Program,
    private host: AwkHost,
  ) {
    const g = this.globals;
    for (const [k, v] of Object.entries({ FS: ' ', OFS: ' ', ORS: '\n', RS: '\n', NR: 0, FNR: 0, SUBSEP: '\x1c', CONVFMT: '%.6g', OFMT: '%.6g', FILENAME: '', RSTART: 0, RLENGTH: -1 })) g.set(k, v);
    const env = new Map<string, Val>();
    for (const [k, v] of Object.entries(host.env)) env.set(k, new Sn(v));
    g.set('ENVIRON', env);
  }

  setVar(name: string, value: string): void {
    this.globals.set(name, new Sn(unescapeAssign(value)));
  }

  /** Run BEGIN, the records of each input (lazily produced), END. Returns the exit status. */
  run(inputs: () => AwkInput[], assignsBetween?: Map<number, [string, string][]>): number {
    const items = this.prog.items;
    try {
      try {
        for (const it of items) if (it.kind === 'begin') this.execBlock(it.action!);
        const mains = items.filter((i) => i.kind === 'main');
        const needInput = mains.length > 0 || items.some((i) => i.kind === 'end');
        if (needInput) {
          const list = inputs();
          for (let fi = 0; fi < list.length; fi++) {
            for (const [k, v] of assignsBetween?.get(fi) ?? []) this.setVar(k, v);
            const f = list[fi];
            this.globals.set('FILENAME', f.name);
            this.globals.set('FNR', 0);
            this.records = this.splitRecords(f.text);
            this.recIdx = 0;
            while (this.recIdx < this.records.length) {
              this.nextRecord(this.records[this.recIdx++]);
              try {
                for (const it of mains) this.runItem(it);
              } catch (e) {
                if (!(e instanceof NextSignal)) throw e;
              }
            }
          }
        }
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
        this.exitCode = e.code;
      }
      for (const it of items) if (it.kind === 'end') this.execBlock(it.action!);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
    return this.exitCode;
  }

  private splitRecords(text: string): string[] {
    const rs = toStr(this.get('RS'));
    if (rs === '\n') {
      const r = text.split('\n');
      if (r[r.length - 1] === '') r.pop();
      return r;
    }
    if (rs === '') return text.replace(/^\n+/, '').split(/\n\n+/).filter((s, i, all) => s !== '' || i < all.length - 1).map((s) => s.replace(/\n+$/, ''));
    const r = rs.length === 1 ? text.split(rs) : text.split(this.regex(rs));
    if (r[r.length - 1] === '' || r[r.length - 1] === '\n') r.pop();
    return r;
  }

  private nextRecord(line: string): void {
    this.globals.set('NR', toNum(this.get('NR')) + 1);
    this.globals.set('FNR', toNum(this.get('FNR')) + 1);
    this.setRecord(line);
  }

  private runItem(it: Item): void {
    let sel: boolean;
    if (it.range) {
      if (!it.inRange) {
        sel = truthy(this.eval(it.range[0]));
        if (sel) it.inRange = !truthy(this.eval(it.range[1]));
      } else {
        sel = true;
        if (truthy(this.eval(it.range[1]))) it.inRange = false;
      }
    } else sel = it.pattern ? truthy(this.eval(it.pattern)) : true;
    if (!sel) return;
    if (it.action) this.execBlock(it.action);
    else this.out(this.fields[0] + toStr(this.get('ORS')));
  }

  // --- records and fields ---

  private setRecord(line: string): void {
    this.fields = [line, ...this.splitFields(line, toStr(this.get('FS')))];
    this.nf = this.fields.length - 1;
  }

  splitFields(s: string, fs: string): string[] {
    if (fs === ' ') {
      const t = s.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return t === '' ? [] : t.split(/[ \t\n]+/);
    }
    if (s === '') return [];
    if (fs.length === 1 && fs !== '\\') return s.split(fs === '\t' ? '\t' : fs);
    return s.split(this.regex(fs));
  }

  private rebuild(): void {
    this.fields[0] = this.fields.slice(1, this.nf + 1).join(toStr(this.get('OFS')));
  }

  private getField(i: number): Val {
    if (i < 0) throw new AwkRuntimeError(`trying to access out of range field ${i}`);
    if (i === 0) return new Sn(this.fields[0]);
    return i <= this.nf ? new Sn(this.fields[i]) : UNINIT;
  }

  private setField(i: number, v: string): void {
    if (i === 0) return this.setRecord(v);
    while (this.fields.length <= i) this.fields.push('');
    this.fields[i] = v;
    if (i > this.nf) this.nf = i;
    this.rebuild();
  }

  // --- variables ---

  private cell(name: string): Map<string, Cell> {
    const f = this.frames[this.frames.length - 1];
    return f && f.has(name) ? f : this.globals;
  }

  private get(name: string): Val {
    if (name === 'NF') return this.nf;
    const v = this.cell(name).get(name);
    if (v instanceof Map) throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
    return v ?? UNINIT;
  }

  private set(name: string, v: Val): void {
    if (name === 'NF') {
      const n = Math.max(0, Math.trunc(toNum(v)));
      while (this.fields.length <= n) this.fields.push('');
      this.nf = n;
      this.fields.length = n + 1;
      this.rebuild();
      return;
    }
    const c = this.cell(name);
    if (c.get(name) instanceof Map) throw new AwkRuntimeError(`can't assign to ${name}; it's an array name.`);
    c.set(name, v);
  }

  private array(name: string): Map<string, Val> {
    const c = this.cell(name);
    let a = c.get(name);
    if (a === undefined || a === UNINIT) {
      a = new Map<string, Val>();
      c.set(name, a);
    }
    if (!(a instanceof Map)) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
    return a;
  }

  private key(subs: Expr[]): string {
    return subs.map((s) => this.str(this.eval(s))).join(toStr(this.get('SUBSEP')));
  }

  private str(v: Val): string {
    return toStr(v, toStr(this.get('CONVFMT')));
  }

  // --- statements ---

  private execBlock(body: Stmt[]): void {
    for (const s of body) this.exec(s);
  }

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new AwkRuntimeError('program ran too long (stopped after 20 million steps)');
  }

  private exec(s: Stmt): void {
    switch (s.k) {
      case 'print': {
        const ofmt = toStr(this.get('OFMT'));
        const text = s.args.length ? s.args.map((a) => toStr(this.eval(a), ofmt)).join(toStr(this.get('OFS'))) : this.fields[0];
        this.out(text + toStr(this.get('ORS')), s.dest && { mode: s.dest.mode, name: this.str(this.eval(s.dest.e)) });
        return;
      }
      case 'printf': {
        if (!s.args.length) throw new AwkRuntimeError('printf: no format');
        const vals = s.args.map((a) => this.eval(a));
        this.out(sprintf(this.str(vals[0]), vals.slice(1), (v) => this.str(v)), s.dest && { mode: s.dest.mode, name: this.str(this.eval(s.dest.e)) });
        return;
      }
      case 'expr':
        this.eval(s.e);
        return;
      case 'if':
        if (truthy(this.eval(s.c))) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        return;
      case 'while':
        while (truthy(this.eval(s.c))) {
          this.tick();
          if (this.loopBody(s.body)) break;
        }
        return;
      case 'do':
        do {
          this.tick();
          if (this.loopBody(s.body)) break;
        } while (truthy(this.eval(s.c)));
        return;
      case 'for':
        if (s.init) this.exec(s.init);
        while (!s.c || truthy(this.eval(s.c))) {
          this.tick();
          if (this.loopBody(s.body)) break;
          if (s.incr) this.exec(s.incr);
        }
        return;
      case 'forin': {
        const keys = [...this.array(s.arr).keys()];
        for (const k of keys) {
          this.tick();
          this.set(s.name, new Sn(k));
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block':
        this.execBlock(s.body);
        return;
      case 'next':
      case 'nextfile':
        if (s.k === 'nextfile') this.recIdx = this.records.length;
        throw new NextSignal();
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'exit':
        throw new ExitSignal(s.e ? Math.trunc(toNum(this.eval(s.e))) & 255 : this.exitCode);
      case 'return':
        throw new ReturnSignal(s.e ? this.eval(s.e) : UNINIT);
      case 'delete':
        if (s.subs) this.array(s.name).delete(this.key(s.subs));
        else this.array(s.name).clear();
        return;
    }
  }

  /** Run a loop body; true when it broke out. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (e) {
      if (e instanceof BreakSignal) return true;
      if (e instanceof ContinueSignal) return false;
      throw e;
    }
    return false;
  }

  private out(text: string, dest?: { mode: string; name: string }): void {
    if (!dest || dest.name === '/dev/stdout' || dest.name === '-') return this.host.stdout(text);
    if (dest.name === '/dev/stderr') return this.host.stderr(text);
    if (dest.mode === '|') throw new AwkRuntimeError('output to a pipe is not supported in this shell');
    const append = dest.mode === '>>' || this.opened.has(dest.name);
    this.opened.add(dest.name);
    this.host.writeFile(dest.name, text, append);
  }

  // --- expressions ---

  private regex(src: string): RegExp {
    let re = this.reCache.get(src);
    if (!re) {
      try {
        re = new RegExp(toJsSource(src, true));
      } catch {
        throw new AwkRuntimeError(`regular expression compile failed (missing operand)\n${src}`);
      }
      this.reCache.set(src, re);
    }
    return re;
  }

  private reOf(e: Expr): RegExp {
    return e.k === 'regex' ? this.regex(e.src) : this.regex(this.str(this.eval(e)));
  }

  private assignTo(target: Expr, v: Val): void {
    if (target.k === 'var') this.set(target.name, v);
    else if (target.k === 'field') this.setField(Math.trunc(toNum(this.eval(target.e))), this.str(v));
    else if (target.k === 'index') this.array(target.name).set(this.key(target.subs), v);
  }

  eval(e: Expr): Val {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 'regex':
        return this.regex(e.src).test(this.fields[0]) ? 1 : 0;
      case 'var':
        return this.get(e.name);
      case 'field':
        return this.getField(Math.trunc(toNum(this.eval(e.e))));
      case 'index': {
        const a = this.array(e.name);
        const k = this.key(e.subs);
        const v = a.get(k);
        if (v === undefined) {
          a.set(k, UNINIT);
          return UNINIT;
        }
        return v;
      }
      case 'assign': {
        let v = this.eval(e.e);
        if (e.op !== '=') v = arith(e.op.slice(0, -1), toNum(this.eval(e.target)), toNum(v));
        else if (v instanceof Sn && v === UNINIT) v = UNINIT;
        this.assignTo(e.target, v);
        return v;
      }
      case 'cond':
        return truthy(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'and':
        return truthy(this.eval(e.a)) && truthy(this.eval(e.b)) ? 1 : 0;
      case 'or':
        return truthy(this.eval(e.a)) || truthy(this.eval(e.b)) ? 1 : 0;
      case 'in':
        return this.array(e.name).has(this.key(e.subs)) ? 1 : 0;
      case 'match': {
        const m = this.reOf(e.re).test(this.str(this.eval(e.a)));
        return m !== e.neg ? 1 : 0;
      }
      case 'bin': {
        if (['<', '<=', '!=', '==', '>=', '>'].includes(e.op)) {
          const c = compare(this.eval(e.a), this.eval(e.b));
          const r = e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '!=' ? c !== 0 : e.op === '==' ? c === 0 : e.op === '>=' ? c >= 0 : c > 0;
          return r ? 1 : 0;
        }
        return arith(e.op, toNum(this.eval(e.a)), toNum(this.eval(e.b)));
      }
      case 'concat':
        return this.str(this.eval(e.a)) + this.str(this.eval(e.b));
      case 'unary': {
        const v = this.eval(e.e);
        if (e.op === '!') return truthy(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const old = toNum(this.eval(e.target));
        const nv = e.op === '++' ? old + 1 : old - 1;
        this.assignTo(e.target, nv);
        return e.prefix ? nv : old;
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline': {
        if (this.recIdx >= this.records.length) return 0;
        const line = this.records[this.recIdx++];
        this.globals.set('NR', toNum(this.get('NR')) + 1);
        this.globals.set('FNR', toNum(this.get('FNR')) + 1);
        if (e.target) this.assignTo(e.target, new Sn(line));
        else this.setRecord(line);
        return 1;
      }
    }
  }

  private call(name: string, args: Expr[]): Val {
    const f: Func | undefined = this.prog.funcs.get(name);
    if (!f) throw new AwkRuntimeError(`function ${name} never defined`);
    if (this.frames.length > 1000) throw new AwkRuntimeError('function call nesting too deep');
    const frame = new Map<string, Cell>();
    f.params.forEach((p, i) => {
      const a = args[i];
      if (!a) {
        frame.set(p, UNINIT);
        return;
      }
      if (a.k === 'var') {
        const c = this.cell(a.name).get(a.name);
        if (c instanceof Map) {
          frame.set(p, c);
          return;
        }
        if (c === undefined && this.isArrayParam(f, i)) {
          const m = new Map<string, Val>();
          this.cell(a.name).set(a.name, m);
          frame.set(p, m);
          return;
        }
      }
      frame.set(p, this.eval(a));
    });
    this.frames.push(frame);
    try {
      this.execBlock(f.body);
      return UNINIT;
    } catch (e) {
      if (e instanceof ReturnSignal) return e.v;
      throw e;
    } finally {
      this.frames.pop();
    }
  }

  private isArrayParam(f: Func, i: number): boolean {
    const p = f.params[i];
    const uses = JSON.stringify(f.body);
    return uses.includes(`"k":"index","name":"${p}"`) || uses.includes(`"arr":"${p}"`) || uses.includes(`"k":"delete","name":"${p}"`);
  }

  private builtin(name: string, args: Expr[]): Val {
    const s = (i: number): string => (args[i] ? this.str(this.eval(args[i])) : '');
    const n = (i: number): number => (args[i] ? toNum(this.eval(args[i])) : 0);
    switch (name) {
      case 'length': {
        if (!args.length) return [...this.fields[0]].length;
        const a = args[0];
        if (a.k === 'var') {
          const c = this.cell(a.name).get(a.name);
          if (c instanceof Map) return c.size;
        }
        return [...s(0)].length;
      }
      case 'substr': {
        const str = [...s(0)];
        const m = Math.round(n(1));
        const len = args.length > 2 ? Math.round(n(2)) : Infinity;
        let start = m;
        let end = len === Infinity ? Infinity : m + len;
        start = Math.max(start, 1);
        end = Math.min(end, str.length + 1);
        return end <= start ? '' : str.slice(start - 1, end - 1).join('');
      }
      case 'index':
        return s(0).indexOf(s(1)) + 1;
      case 'split': {
        const str = s(0);
        const target = args[1];
        if (!target || target.k !== 'var') throw new AwkRuntimeError('split: second argument is not an array');
        const arr = this.array(target.name);
        arr.clear();
        let parts: string[];
        if (args[2]?.k === 'regex') parts = str === '' ? [] : str.split(this.regex(args[2].src));
        else parts = this.splitFields(str, args[2] ? s(2) : toStr(this.get('FS')));
        parts.forEach((p, i) => arr.set(String(i + 1), new Sn(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.reOf(args[0]);
        const repl = s(1);
        const target = args[2] ?? ({ k: 'field', e: { k: 'num', v: 0 } } as Expr);
        const src = this.str(this.eval(target));
        let count = 0;
        const g = new RegExp(re.source, re.flags + 'g');
        const out = src.replace(g, (m) => {
          if (name === 'sub' && count >= 1) return m;
          count++;
          return awkReplacement(repl, m);
        });
        if (count) this.assignTo(target, out);
        return count;
      }
      case 'match': {
        const str = s(0);
        const m = this.reOf(args[1]).exec(str);
        const start = m ? [...str.slice(0, m.index)].length + 1 : 0;
        const len = m ? [...m[0]].length : -1;
        this.globals.set('RSTART', start);
        this.globals.set('RLENGTH', len);
        return start;
      }
      case 'sprintf': {
        const vals = args.map((a) => this.eval(a));
        return vals.length ? sprintf(this.str(vals[0]), vals.slice(1), (v) => this.str(v)) : '';
      }
      case 'tolower':
        return s(0).toLowerCase();
      case 'toupper':
        return s(0).toUpperCase();
      case 'int':
        return Math.trunc(n(0));
      case 'sqrt':
        return Math.sqrt(n(0));
      case 'exp':
        return Math.exp(n(0));
      case 'log':
        return Math.log(n(0));
      case 'sin':
        return Math.sin(n(0));
      case 'cos':
        return Math.cos(n(0));
      case 'atan2':
        return Math.atan2(n(0), n(1));
      case 'rand': {
        // deterministic LCG (srand() changes the seed)
        this.randState = (Math.imul(this.randState, 1103515245) + 12345) >>> 0;
        return (this.randState >>> 1) / 2147483648;
      }
      case 'srand': {
        const prev = this.seed;
        this.seed = args.length ? Math.trunc(n(0)) : 0;
        this.randState = this.seed >>> 0;
        return prev;
      }
      case 'system':
        throw new AwkRuntimeError('system() is not supported in this shell');
      case 'close':
        this.opened.delete(s(0));
        return 0;
      case 'fflush':
        return 0;
    }
    throw new AwkRuntimeError(`function ${name} never defined`);
  }
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new AwkRuntimeError('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new AwkRuntimeError('division by zero in %');
      return a % b;
    case '^':
      return a ** b;
  }
  return 0;
}

function awkReplacement(repl: string, m: string): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
      out += repl[++i];
    } else if (c === '&') out += m;
    else out += c;
  }
  return out;
}

/** `-v name=value` and operand assignments process escape sequences. */
function unescapeAssign(v: string): string {
  return v.replace(/\\([ntr\\"/])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' })[c] ?? c);
}
