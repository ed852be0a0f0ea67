/** awk grammar → syntax tree (patterns, actions, functions, statements, expressions). */
import { AwkSyntaxError, tokenize, type Tok } from './lexer';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'regex'; src: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'unary'; op: string; e: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; target?: Expr };

export interface Dest {
  mode: '>' | '>>' | '|';
  e: Expr;
}

export type Stmt =
  | { k: 'print' | 'printf'; args: Expr[]; dest?: Dest }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; c: Expr; then: Stmt; else?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init?: Stmt; c?: Expr; incr?: Stmt; body: Stmt }
  | { k: 'forin'; name: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit' | 'return'; e?: Expr }
  | { k: 'delete'; name: string; subs?: Expr[] };

export interface Item {
  kind: 'begin' | 'end' | 'main';
  pattern?: Expr;
  range?: [Expr, Expr];
  action?: Stmt[];
  /** range state */
  inRange?: boolean;
}

export interface Func {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface Program {
  items: Item[];
  funcs: Map<string, Func>;
}

export function parseProgram(src: string): Program {
  return new Parser(tokenize(src)).program();
}

class Parser {
  private i = 0;
  private noGt = 0;
  private noIn = 0;

  constructor(private toks: Tok[]) {}

  private get tok(): Tok {
    return this.toks[this.i];
  }

  private is(v: string, t?: Tok['t']): boolean {
    const k = this.tok;
    return k.v === v && (t ? k.t === t : k.t === 'op' || k.t === 'kw');
  }

  private err(): never {
    const t = this.tok;
    throw new AwkSyntaxError(`line ${t.line}: syntax error at or near ${t.t === 'nl' ? 'end of line' : t.v}`);
  }

  private eat(v: string): void {
    if (!this.is(v)) this.err();
    this.i++;
  }

  private nl(): void {
    while (this.tok.t === 'nl' || this.is(';')) this.i++;
  }

  private optNl(): void {
    while (this.tok.t === 'nl') this.i++;
  }

  program(): Program {
    const items: Item[] = [];
    const funcs = new Map<string, Func>();
    this.nl();
    while (this.tok.t !== 'eof') {
      if (this.is('BEGIN')) {
        this.i++;
        this.optNl();
        items.push({ kind: 'begin', action: this.block() });
      } else if (this.is('END')) {
        this.i++;
        this.optNl();
        items.push({ kind: 'end', action: this.block() });
      } else if (this.is('function')) {
        this.i++;
        const name = this.tok.v;
        if (this.tok.t !== 'name' && this.tok.t !== 'funcname') this.err();
        this.i++;
        this.eat('(');
        const params: string[] = [];
        while (!this.is(')')) {
          if (this.tok.t !== 'name') this.err();
          params.push(this.tok.v);
          this.i++;
          if (this.is(',')) {
            this.i++;
            this.optNl();
          }
        }
        this.i++;
        this.optNl();
        funcs.set(name, { name, params, body: this.block() });
      } else {
        const item: Item = { kind: 'main' };
        if (!this.is('{')) {
          const a = this.expr();
          if (this.is(',')) {
            this.i++;
            this.optNl();
            item.range = [a, this.expr()];
          } else item.pattern = a;
        }
        if (this.is('{')) item.action = this.block();
        items.push(item);
      }
      this.nl();
    }
    return { items, funcs };
  }

  private block(): Stmt[] {
    this.eat('{');
    const body: Stmt[] = [];
    this.nl();
    while (!this.is('}')) {
      if (this.tok.t === 'eof') this.err();
      body.push(this.stmt());
      this.nl();
    }
    this.i++;
    return body;
  }

  private endSimple(): void {
    if (this.is(';') || this.tok.t === 'nl') {
      this.i++;
      return;
    }
    if (this.is('}') || this.tok.t === 'eof') return;
    this.err();
  }

  private stmt(): Stmt {
    const t = this.tok;
    if (this.is('{')) return { k: 'block', body: this.block() };
    if (this.is(';')) {
      this.i++;
      return { k: 'block', body: [] };
    }
    if (t.t === 'kw') {
      switch (t.v) {
        case 'if': {
          this.i++;
          this.eat('(');
          const c = this.expr();
          this.eat(')');
          this.optNl();
          const then = this.stmt();
          const save = this.i;
          this.nl();
          if (this.is('else')) {
            this.i++;
            this.optNl();
            return { k: 'if', c, then, else: this.stmt() };
          }
          this.i = save;
          return { k: 'if', c, then };
        }
        case 'while': {
          this.i++;
          this.eat('(');
          const c = this.expr();
          this.eat(')');
          if (this.is(';')) {
            this.i++;
            return { k: 'while', c, body: { k: 'block', body: [] } };
          }
          this.optNl();
          return { k: 'while', c, body: this.stmt() };
        }
        case 'do': {
          this.i++;
          this.optNl();
          const body = this.stmt();
          this.nl();
          this.eat('while');
          this.eat('(');
          const c = this.expr();
          this.eat(')');
          this.endSimple();
          return { k: 'do', body, c };
        }
        case 'for': {
          this.i++;
          this.eat('(');
          const n = this.toks;
          if (n[this.i].t === 'name' && n[this.i + 1].v === 'in' && n[this.i + 2].t === 'name' && n[this.i + 3].v === ')') {
            const name = n[this.i].v;
            const arr = n[this.i + 2].v;
            this.i += 4;
            this.optNl();
            return { k: 'forin', name, arr, body: this.stmt() };
          }
          const init = this.is(';') ? undefined : this.simpleStmt();
          this.eat(';');
          this.optNl();
          const c = this.is(';') ? undefined : this.expr();
          this.eat(';');
          this.optNl();
          const incr = this.is(')') ? undefined : this.simpleStmt();
          this.eat(')');
          if (this.is(';')) {
            this.i++;
            return { k: 'for', init, c, incr, body: { k: 'block', body: [] } };
          }
          this.optNl();
          return { k: 'for', init, c, incr, body: this.stmt() };
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          this.i++;
          this.endSimple();
          return { k: t.v };
        case 'exit':
        case 'return': {
          this.i++;
          const e = this.is(';') || this.is('}') || this.tok.t === 'nl' || this.tok.t === 'eof' ? undefined : this.expr();
          this.endSimple();
          return { k: t.v, e };
        }
        case 'delete': {
          this.i++;
          const name = this.tok.v;
          if (this.tok.t !== 'name') this.err();
          this.i++;
          let subs: Expr[] | undefined;
          if (this.is('[')) {
            this.i++;
            subs = this.exprList(']');
          }
          this.endSimple();
          return { k: 'delete', name, subs };
        }
      }
    }
    const s = this.simpleStmt();
    this.endSimple();
    return s;
  }

  private simpleStmt(): Stmt {
    if (this.is('print') || this.is('printf')) {
      const k = this.tok.v as 'print' | 'printf';
      this.i++;
      let args: Expr[] = [];
      const terminates = (): boolean => this.is(';') || this.is('}') || this.tok.t === 'nl' || this.tok.t === 'eof' || this.is('>') || this.is('>>') || this.is('|');
      if (this.is('(')) {
        const save = this.i;
        this.i++;
        try {
          const list = this.exprList(')');
          if (terminates()) args = list;
          else this.i = save;
        } catch {
          this.i = save;
        }
        if (this.i === save) args = this.printArgs();
      } else if (!terminates()) args = this.printArgs();
      let dest: Dest | undefined;
      if (this.is('>') || this.is('>>') || this.is('|')) {
        const mode = this.tok.v as Dest['mode'];
        this.i++;
        dest = { mode, e: this.concat() };
      }
      return { k, args, dest };
    }
    return { k: 'expr', e: this.expr() };
  }

  private printArgs(): Expr[] {
    this.noGt++;
    try {
      const args = [this.expr()];
      while (this.is(',')) {
        this.i++;
        this.optNl();
        args.push(this.expr());
      }
      return args;
    } finally {
      this.noGt--;
    }
  }

  private exprList(close: string): Expr[] {
    const saveGt = this.noGt;
    this.noGt = 0;
    try {
      const out: Expr[] = [];
      this.optNl();
      while (!this.is(close)) {
        out.push(this.expr());
        this.optNl();
        if (this.is(',')) {
          this.i++;
          this.optNl();
        } else if (!this.is(close)) this.err();
      }
      this.i++;
      return out;
    } finally {
      this.noGt = saveGt;
    }
  }

  // --- expressions, lowest precedence first ---

  expr(): Expr {
    return this.ternary();
  }

  private ternary(): Expr {
    const c = this.or();
    if (this.is('?')) {
      this.i++;
      this.optNl();
      const a = this.ternary();
      this.optNl();
      this.eat(':');
      this.optNl();
      const b = this.ternary();
      return { k: 'cond', c, a, b };
    }
    if (this.tok.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(this.tok.v) && isLvalue(c)) {
      const op = this.tok.v;
      this.i++;
      this.optNl();
      return { k: 'assign', op, target: c, e: this.ternary() };
    }
    return c;
  }

  private or(): Expr {
    let a = this.and();
    while (this.is('||')) {
      this.i++;
      this.optNl();
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.inExpr();
    while (this.is('&&')) {
      this.i++;
      this.optNl();
      a = { k: 'and', a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is('in') && !this.noIn) {
      this.i++;
      const name = this.tok.v;
      if (this.tok.t !== 'name') this.err();
      this.i++;
      a = { k: 'in', subs: [a], name };
    }
    return a;
  }

  private matchExpr(): Expr {
    let a = this.compare();
    while (this.is('~') || this.is('!~')) {
      const neg = this.tok.v === '!~';
      this.i++;
      a = { k: 'match', neg, a, re: this.compare() };
    }
    return a;
  }

  private compare(): Expr {
    const a = this.concat();
    const t = this.tok;
    if (t.t === 'op' && ['<', '<=', '!=', '==', '>=', '>'].includes(t.v) && !(this.noGt && t.v === '>')) {
      this.i++;
      return { k: 'bin', op: t.v, a, b: this.concat() };
    }
    return a;
  }

  private concat(): Expr {
    let a = this.additive();
    for (;;) {
      const t = this.tok;
      const starts = t.t === 'num' || t.t === 'str' || t.t === 'name' || t.t === 'funcname' || t.t === 'builtin' || (t.t === 'op' && (t.v === '$' || t.v === '(' || t.v === '++' || t.v === '--'));
      if (!starts || this.noIn < 0) return a;
      a = { k: 'concat', a, b: this.additive() };
    }
  }

  private additive(): Expr {
    let a = this.mult();
    while (this.is('+') || this.is('-')) {
      const op = this.tok.v;
      this.i++;
      a = { k: 'bin', op, a, b: this.mult() };
    }
    return a;
  }

  private mult(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.tok.v;
      this.i++;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is('!')) {
      this.i++;
      return { k: 'unary', op: '!', e: this.unary() };
    }
    if (this.is('-') || this.is('+')) {
      const op = this.tok.v;
      this.i++;
      return { k: 'unary', op, e: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.is('^')) {
      this.i++;
      return { k: 'bin', op: '^', a, b: this.unaryPow() };
    }
    return a;
  }

  private unaryPow(): Expr {
    if (this.is('-') || this.is('+') || this.is('!')) {
      const op = this.tok.v;
      this.i++;
      return { k: 'unary', op, e: this.unaryPow() };
    }
    return this.power();
  }

  private postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = this.tok.v as '++' | '--';
      this.i++;
      const target = this.postfix();
      if (!isLvalue(target)) this.err();
      return { k: 'incdec', op, prefix: true, target };
    }
    const e = this.primary();
    if ((this.is('++') || this.is('--')) && isLvalue(e)) {
      const op = this.tok.v as '++' | '--';
      this.i++;
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.t) {
      case 'num':
        this.i++;
        return { k: 'num', v: t.n! };
      case 'str':
        this.i++;
        return { k: 'str', v: t.v };
      case 'regex':
        this.i++;
        return { k: 'regex', src: t.v };
      case 'name':
        this.i++;
        if (this.is('[')) {
          this.i++;
          return { k: 'index', name: t.v, subs: this.exprList(']') };
        }
        return { k: 'var', name: t.v };
      case 'funcname':
        this.i++;
        this.eat('(');
        return { k: 'call', name: t.v, args: this.exprList(')') };
      case 'builtin': {
        this.i++;
        if (this.is('(')) {
          this.i++;
          return { k: 'builtin', name: t.v, args: this.exprList(')') };
        }
        if (t.v === 'length') return { k: 'builtin', name: 'length', args: [] };
        this.err();
      }
      // falls through
      case 'kw':
        if (t.v === 'getline') {
          this.i++;
          const target = this.tok.t === 'name' || this.is('$') ? this.postfix() : undefined;
          return { k: 'getline', target };
        }
        break;
      case 'op':
        if (t.v === '$') {
          this.i++;
          if (this.is('++') || this.is('--')) return { k: 'field', e: this.postfix() };
          return { k: 'field', e: this.primary() };
        }
        if (t.v === '(') {
          this.i++;
          const saveGt = this.noGt;
          this.noGt = 0;
          const e = this.expr();
          if (this.is(',')) {
            // (a, b) in arr
            const subs = [e];
            while (this.is(',')) {
              this.i++;
              subs.push(this.expr());
            }
            this.eat(')');
            this.noGt = saveGt;
            this.eat('in');
            const name = this.tok.v;
            this.i++;
            return { k: 'in', subs, name };
          }
          this.noGt = saveGt;
          this.eat(')');
          return e;
        }
        if (t.v === '-' || t.v === '+' || t.v === '!') return this.unary();
        break;
    }
    return this.err();
  }
}

function isLvalue(e: Expr): boolean {
  return e.k === 'var' || e.k === 'field' || e.k === 'index';
}
