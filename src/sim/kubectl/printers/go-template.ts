/**
 * kubectl's go-template printer (cli-runtime GoTemplatePrinter): Go text/template run over the
 * object decoded into map[string]interface{} (integers as int64, other numbers float64 printed as
 * Go's %v does: 1e-05). Supported: text and {{actions}} with {{- -}} trimming and comments; pipelines with
 * `|`; fields (.a.b, $x.a), variables ($, $x := …), literals; (sub-pipelines); if / else if /
 * range (with $i, $e :=) / with / else / end; functions index, len, printf, print, println,
 * eq, ne, lt, le, gt, ge, and, or, not, exists, base64decode.
 */
export class GoTemplateError extends Error {}

type Node =
  | { t: 'text'; s: string }
  | { t: 'action'; p: Pipe }
  | { t: 'if' | 'with'; p: Pipe; body: Node[]; els: Node[] }
  | { t: 'range'; p: Pipe; body: Node[]; els: Node[] };
interface Pipe {
  decl: string[];
  cmds: Arg[][];
}
type Arg =
  | { k: 'field'; base: 'dot' | string; path: string[] }
  | { k: 'lit'; v: unknown }
  | { k: 'fn'; name: string }
  | { k: 'sub'; p: Pipe; path: string[] };

const MISSING = Symbol('no value');

// ------------------------------------------------------------------------- lexing / parsing

function splitActions(src: string): Array<{ text?: string; action?: string }> {
  const out: Array<{ text?: string; action?: string }> = [];
  let i = 0;
  let trimNext = false;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let text = src.slice(i, open < 0 ? src.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) {
      if (text) out.push({ text });
      break;
    }
    let a = open + 2;
    if (src.startsWith('- ', a) || src.startsWith('-\t', a) || src.startsWith('-\n', a)) {
      text = text.replace(/\s+$/, '');
      a += 1;
    }
    if (text) out.push({ text });
    const close = findClose(src, a);
    if (close < 0) throw new GoTemplateError('unclosed action');
    let inner = src.slice(a, close);
    if (/\s-$/.test(inner)) {
      inner = inner.slice(0, -1);
      trimNext = true;
    }
    inner = inner.trim();
    if (!inner.startsWith('/*')) out.push({ action: inner });
    i = close + 2;
  }
  return out;
}

/** The `}}` closing an action, skipping quoted strings. */
function findClose(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === '`' || c === "'") {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\' && c !== '`') i++;
    } else if (c === '}' && src[i + 1] === '}') return i;
  }
  return -1;
}

function tokenize(s: string): string[] {
  const toks: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'|:=|\(|\)|\||,|=|[^\s()|,]+)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) && m[1] !== undefined) toks.push(m[1]);
  return toks;
}

function unquote(tok: string): string {
  if (tok.startsWith('`')) return tok.slice(1, -1);
  return JSON.parse(tok.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b').replace(/\\'/g, "'"));
}

function parsePipe(toks: string[], pos = { i: 0 }, stopAtParen = false): Pipe {
  const decl: string[] = [];
  // variable declarations: $x := / $i, $e :=
  const j = toks.indexOf(':=');
  if (j > 0 && toks.slice(pos.i, j).every((t) => t.startsWith('$') || t === ',')) {
    for (const t of toks.slice(pos.i, j)) if (t !== ',') decl.push(t);
    pos.i = j + 1;
  }
  const cmds: Arg[][] = [[]];
  while (pos.i < toks.length) {
    const t = toks[pos.i];
    if (t === ')') {
      if (stopAtParen) break;
      throw new GoTemplateError('unexpected right paren');
    }
    pos.i++;
    if (t === '|') {
      cmds.push([]);
      continue;
    }
    cmds[cmds.length - 1].push(parseArg(t, toks, pos));
  }
  if (cmds.some((c) => c.length === 0)) throw new GoTemplateError('missing value for command');
  return { decl, cmds };
}

function fieldPath(s: string): string[] {
  return s.split('.').filter(Boolean);
}

function parseArg(t: string, toks: string[], pos: { i: number }): Arg {
  if (t === '(') {
    const p = parsePipe(toks, pos, true);
    pos.i++; // ')'
    let path: string[] = [];
    if (toks[pos.i]?.startsWith('.')) path = fieldPath(toks[pos.i++]);
    return { k: 'sub', p, path };
  }
  if (t.startsWith('"') || t.startsWith('`')) return { k: 'lit', v: unquote(t) };
  if (t.startsWith("'")) return { k: 'lit', v: unquote(`"${t.slice(1, -1)}"`).codePointAt(0) };
  if (t === 'true' || t === 'false') return { k: 'lit', v: t === 'true' };
  if (t === 'nil') return { k: 'lit', v: null };
  if (/^[-+]?(\d|\.\d)/.test(t)) return { k: 'lit', v: Number(t) };
  if (t.startsWith('.')) return { k: 'field', base: 'dot', path: fieldPath(t) };
  if (t.startsWith('$')) {
    const dot = t.indexOf('.');
    return { k: 'field', base: dot < 0 ? t : t.slice(0, dot), path: dot < 0 ? [] : fieldPath(t.slice(dot)) };
  }
  if (!(t in FUNCS)) throw new GoTemplateError(`function "${t}" not defined`);
  return { k: 'fn', name: t };
}

function parse(src: string): Node[] {
  const parts = splitActions(src);
  let i = 0;
  const block = (): { nodes: Node[]; end: 'end' | 'else' | 'eof'; rest?: string } => {
    const nodes: Node[] = [];
    while (i < parts.length) {
      const p = parts[i++];
      if (p.text !== undefined) {
        nodes.push({ t: 'text', s: p.text });
        continue;
      }
      const a = p.action!;
      const kw = /^(if|range|with|else|end)\b\s*/.exec(a);
      if (!kw) {
        nodes.push({ t: 'action', p: parsePipe(tokenize(a)) });
        continue;
      }
      const rest = a.slice(kw[0].length);
      if (kw[1] === 'end') return { nodes, end: 'end' };
      if (kw[1] === 'else') return { nodes, end: 'else', rest };
      nodes.push(control(kw[1] as 'if' | 'range' | 'with', rest));
    }
    return { nodes, end: 'eof' };
  };
  const control = (t: 'if' | 'range' | 'with', expr: string): Node => {
    const p = parsePipe(tokenize(expr));
    const body = block();
    let els: Node[] = [];
    if (body.end === 'eof') throw new GoTemplateError(`unexpected EOF`);
    if (body.end === 'else') {
      const chained = /^(if|with)\b\s*/.exec(body.rest ?? '');
      if (chained) els = [control(chained[1] as 'if' | 'with', body.rest!.slice(chained[0].length))];
      else {
        const e = block();
        if (e.end !== 'end') throw new GoTemplateError('expected end');
        els = e.nodes;
      }
    }
    return { t, p, body: body.nodes, els };
  };
  const top = block();
  if (top.end !== 'eof') throw new GoTemplateError(`unexpected {{${top.end}}}`);
  return top.nodes;
}

// ------------------------------------------------------------------------- evaluation

/** Go's %v of a value decoded from JSON into interface{}. */
export function goValueString(v: unknown): string {
  if (v === MISSING) return '<no value>';
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : goFloat(v); // JSON integers decode as int64
  if (Array.isArray(v)) return `[${v.map(goValueString).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goValueString(o[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** fmt's %v of a float64: strconv 'g' shortest, which switches to %e when exp < -4 || exp >= 6 (1e+06). */
function goFloat(f: number): string {
  if (!Number.isFinite(f)) return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [m, x] = f.toExponential().split('e');
  const exp = Number(x);
  if (exp < -4 || exp >= 6) return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

const truth = (v: unknown): boolean => {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
};

function cmp(a: unknown, b: unknown): number {
  if (typeof a !== typeof b) throw new GoTemplateError('incompatible types for comparison');
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+# 0]*)(\d*)(?:\.(\d+))?([vsdqfte%])/g, (all, _flags: string, width: string, prec: string, verb: string) => {
    if (verb === '%') return '%';
    const a = args[i++];
    let s: string;
    if (verb === 'd') s = typeof a === 'number' ? String(Math.trunc(a)) : `%!d(${typeof a}=${goValueString(a)})`;
    else if (verb === 'f') s = typeof a === 'number' ? a.toFixed(prec ? Number(prec) : 6) : goValueString(a);
    else if (verb === 'q') s = JSON.stringify(goValueString(a));
    else s = goValueString(a);
    return width ? s.padStart(Number(width)) : s;
  });
}

const FUNCS: Record<string, (...a: unknown[]) => unknown> = {
  index: (x, ...keys) => {
    let v = x;
    for (const k of keys) {
      if (Array.isArray(v)) {
        if (typeof k !== 'number' || k < 0 || k >= v.length) throw new GoTemplateError(`error calling index: index out of range: ${goValueString(k)}`);
        v = v[k];
      } else if (v && typeof v === 'object') v = k as string in (v as object) ? (v as Record<string, unknown>)[k as string] : MISSING;
      else throw new GoTemplateError(`error calling index: cannot index slice/array with nil`);
    }
    return v;
  },
  len: (x) => (Array.isArray(x) || typeof x === 'string' ? x.length : x && typeof x === 'object' ? Object.keys(x).length : 0),
  printf: (f, ...a) => sprintf(String(f), a),
  print: (...a) => a.map((x, i) => (i > 0 && typeof x !== 'string' && typeof a[i - 1] !== 'string' ? ' ' : '') + goValueString(x)).join(''),
  println: (...a) => `${a.map(goValueString).join(' ')}\n`,
  eq: (a, ...bs) => bs.some((b) => cmp(a, b) === 0),
  ne: (a, b) => cmp(a, b) !== 0,
  lt: (a, b) => cmp(a, b) < 0,
  le: (a, b) => cmp(a, b) <= 0,
  gt: (a, b) => cmp(a, b) > 0,
  ge: (a, b) => cmp(a, b) >= 0,
  not: (a) => !truth(a),
  and: (...a) => a.find((x) => !truth(x)) ?? a[a.length - 1],
  or: (...a) => a.find((x) => truth(x)) ?? a[a.length - 1],
  exists: (x, ...path) => {
    let v = x;
    for (const k of path) {
      if (!v || typeof v !== 'object' || !((k as string) in (v as object))) return false;
      v = (v as Record<string, unknown>)[k as string];
    }
    return true;
  },
  base64decode: (s) => new TextDecoder().decode(Uint8Array.from(atob(String(s)), (c) => c.charCodeAt(0))),
};

class Exec {
  out = '';
  vars: Array<Record<string, unknown>>;
  constructor(
    root: unknown,
    private strict: boolean,
  ) {
    this.vars = [{ $: root }];
  }

  lookupVar(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (name in this.vars[i]) return this.vars[i][name];
    throw new GoTemplateError(`undefined variable: ${name}`);
  }

  field(v: unknown, path: string[]): unknown {
    for (const k of path) {
      if (v === MISSING || v === null || v === undefined) return v === MISSING ? MISSING : undefined;
      if (typeof v !== 'object' || Array.isArray(v)) throw new GoTemplateError(`can't evaluate field ${k} in type ${Array.isArray(v) ? '[]interface {}' : typeof v === 'number' ? 'float64' : typeof v}`);
      if (!(k in (v as object))) {
        if (this.strict) throw new GoTemplateError(`map has no entry for key "${k}"`);
        return MISSING;
      }
      v = (v as Record<string, unknown>)[k];
    }
    return v;
  }

  arg(a: Arg, dot: unknown): unknown {
    switch (a.k) {
      case 'lit':
        return a.v;
      case 'field':
        return this.field(a.base === 'dot' ? dot : this.lookupVar(a.base), a.path);
      case 'sub':
        return this.field(this.pipe(a.p, dot), a.path);
      case 'fn':
        return FUNCS[a.name]();
    }
  }

  pipe(p: Pipe, dot: unknown): unknown {
    let prev: unknown = undefined;
    p.cmds.forEach((cmd, idx) => {
      const [head, ...rest] = cmd;
      const extra = idx > 0 ? [prev] : [];
      if (head.k === 'fn') prev = FUNCS[head.name](...rest.map((x) => this.arg(x, dot)), ...extra);
      else {
        if (rest.length || extra.length) throw new GoTemplateError(`can't give argument to non-function ${goValueString(this.arg(head, dot))}`);
        prev = this.arg(head, dot);
      }
    });
    if (p.decl.length === 1) this.vars[this.vars.length - 1][p.decl[0]] = prev;
    return prev;
  }

  run(nodes: Node[], dot: unknown): void {
    for (const n of nodes) {
      switch (n.t) {
        case 'text':
          this.out += n.s;
          break;
        case 'action': {
          const v = this.pipe(n.p, dot);
          if (n.p.decl.length === 0) this.out += goValueString(v);
          break;
        }
        case 'if':
        case 'with': {
          this.vars.push({});
          const v = this.pipe(n.p, dot);
          if (truth(v)) this.run(n.body, n.t === 'with' ? v : dot);
          else this.run(n.els, dot);
          this.vars.pop();
          break;
        }
        case 'range': {
          this.vars.push({});
          const decl = n.p.decl;
          const v = this.pipe({ decl: [], cmds: n.p.cmds }, dot);
          const entries: Array<[unknown, unknown]> = Array.isArray(v)
            ? v.map((x, i) => [i, x])
            : v && typeof v === 'object'
              ? Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])
              : [];
          if (v !== null && v !== undefined && v !== MISSING && typeof v !== 'object') throw new GoTemplateError(`range can't iterate over ${goValueString(v)}`);
          if (entries.length === 0) this.run(n.els, dot);
          for (const [k, x] of entries) {
            if (decl.length === 1) this.vars[this.vars.length - 1][decl[0]] = x;
            if (decl.length === 2) Object.assign(this.vars[this.vars.length - 1], { [decl[0]]: k, [decl[1]]: x });
            this.run(n.body, x);
          }
          this.vars.pop();
          break;
        }
      }
    }
  }
}

/** Execute `template` over `data` (a JSON value); `allowMissingKeys` false = missingkey=error. */
export function printGoTemplate(template: string, data: unknown, allowMissingKeys = true): string {
  const nodes = parse(template);
  const ex = new Exec(data, !allowMissingKeys);
  ex.run(nodes, data);
  return ex.out;
}
