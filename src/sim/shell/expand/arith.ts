/** Shell arithmetic (`$((…))`, `((…))`, `for ((…))`): 64-bit-ish integers, C operators, variables. */

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** An arithmetic error, worded like bash's (`1/0: division by 0 (error token is "0")`). */
export class ArithError extends Error {}

type Tok = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '|', '^', '?', ':', '(', ')', ','];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z@_]+|[0-9]+)/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: parseNumber(num[1], src) });
      i += num[1].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError(`${src.trim()}: syntax error: invalid arithmetic operator (error token is "${src.slice(i)}")`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

function parseNumber(s: string, src: string): number {
  if (/^0[xX]/.test(s)) return parseInt(s.slice(2), 16);
  const based = /^([0-9]+)#(.+)$/.exec(s);
  if (based) return parseInt(based[2], Number(based[1]));
  if (s.length > 1 && s.startsWith('0')) {
    if (/[89]/.test(s)) throw new ArithError(`${s}: value too great for base (error token is "${s}")`);
    return parseInt(s, 8);
  }
  void src;
  return Number(s);
}

/** Evaluate an arithmetic expression (already parameter-expanded). Empty text is 0. */
export function evalArith(src: string, vars: ArithVars): number {
  const toks = tokenize(src);
  if (!toks.length) return 0;
  let pos = 0;
  const peek = (): Tok | undefined => toks[pos];
  const isOp = (v: string): boolean => {
    const t = toks[pos];
    return t !== undefined && t.t === 'op' && t.v === v;
  };
  const fail = (): never => {
    const rest = toks
      .slice(pos)
      .map((t) => String(t.v))
      .join(' ');
    throw new ArithError(`${src.trim()}: syntax error: operand expected (error token is "${rest}")`);
  };
  const varValue = (name: string, depth = 0): number => {
    const raw = vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0;
    if (/^\s*-?\d+\s*$/.test(raw)) return Number(raw);
    if (depth > 8) return 0;
    return evalArith(raw, vars);
  };

  // precedence climbing; assignment and ternary are right-associative
  const BIN: [string[], number][] = [
    [['||'], 1],
    [['&&'], 2],
    [['|'], 3],
    [['^'], 4],
    [['&'], 5],
    [['==', '!='], 6],
    [['<', '>', '<=', '>='], 7],
    [['<<', '>>'], 8],
    [['+', '-'], 9],
    [['*', '/', '%'], 10],
    [['**'], 11],
  ];
  const precOf = (v: string): number => BIN.find(([ops]) => ops.includes(v))?.[1] ?? -1;

  const comma = (): number => {
    let v = assign();
    while (isOp(',')) {
      pos++;
      v = assign();
    }
    return v;
  };

  const assign = (): number => {
    const t = peek();
    const n = toks[pos + 1];
    if (t?.t === 'id' && n?.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^='].includes(n.v)) {
      pos += 2;
      const rhs = assign();
      const old = varValue(t.v);
      const v = n.v === '=' ? rhs : binop(n.v.slice(0, -1), old, rhs);
      vars.set(t.v, String(v));
      return v;
    }
    return ternary();
  };

  const ternary = (): number => {
    const cond = binary(1);
    if (!isOp('?')) return cond;
    pos++;
    const a = assign();
    if (!isOp(':')) fail();
    pos++;
    const b = assign();
    return cond ? a : b;
  };

  const binary = (minPrec: number): number => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (!t || t.t !== 'op') return left;
      const p = precOf(t.v);
      if (p < minPrec) return left;
      pos++;
      const right = t.v === '**' ? binary(p) : binary(p + 1);
      left = binop(t.v, left, right);
    }
  };

  const unary = (): number => {
    const t = peek();
    if (!t) return fail();
    if (t.t === 'op') {
      if (t.v === '++' || t.v === '--') {
        pos++;
        const id = peek();
        if (id?.t !== 'id') return fail();
        pos++;
        const v = varValue(id.v) + (t.v === '++' ? 1 : -1);
        vars.set(id.v, String(v));
        return v;
      }
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        pos++;
        const v = unary();
        return t.v === '-' ? -v : t.v === '+' ? v : t.v === '!' ? (v ? 0 : 1) : ~v;
      }
      if (t.v === '(') {
        pos++;
        const v = comma();
        if (!isOp(')')) fail();
        pos++;
        return v;
      }
      return fail();
    }
    pos++;
    if (t.t === 'num') return t.v;
    const next = peek();
    if (next?.t === 'op' && (next.v === '++' || next.v === '--')) {
      pos++;
      const v = varValue(t.v);
      vars.set(t.v, String(v + (next.v === '++' ? 1 : -1)));
      return v;
    }
    return varValue(t.v);
  };

  const binop = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+': return trunc(a + b);
      case '-': return trunc(a - b);
      case '*': return trunc(a * b);
      case '/':
      case '%':
        if (b === 0) throw new ArithError(`${src.trim()}: division by 0 (error token is "${String(b)}")`);
        return op === '/' ? Math.trunc(a / b) : a % b;
      case '**': return trunc(a ** b);
      case '<<': return a << b;
      case '>>': return a >> b;
      case '<': return a < b ? 1 : 0;
      case '>': return a > b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0;
      case '>=': return a >= b ? 1 : 0;
      case '==': return a === b ? 1 : 0;
      case '!=': return a !== b ? 1 : 0;
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '&&': return a && b ? 1 : 0;
      case '||': return a || b ? 1 : 0;
    }
    return fail();
  };

  const v = comma();
  if (pos < toks.length) fail();
  return v;
}

function trunc(n: number): number {
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}
