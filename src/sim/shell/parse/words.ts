/** Word parsing: quotes, escapes, `$VAR`, `${…}`, `$(…)`, backticks, `$((…))`, `~`. */
import { literalWord, staticText, type List, type ParamOp, type Word, type WordPart } from '../ast';
import { Cursor, META } from './cursor';
import { IncompleteError } from './errors';

/** What word parsing needs from the grammar parser (for `$(…)` and backticks). */
export interface WordHost {
  cur: Cursor;
  /** Parse a command list up to the matching `)` of `$(` and consume it. */
  parseCmdSub(): List;
  /** Parse a separate text (a backtick body). */
  parseNested(text: string): List;
}

/**
 * normal: unquoted word; dquote: inside "…"; heredoc: a here-document body; param: ${x:-…};
 * arith: $((…)) up to the closing `)`; arithfor: one clause of `for ((…;…;…))`.
 */
type Mode = 'normal' | 'dquote' | 'heredoc' | 'param' | 'arith' | 'arithfor';

class PartsBuilder {
  parts: WordPart[] = [];

  lit(text: string, quoted: boolean): void {
    if (!text) return;
    const last = this.parts[this.parts.length - 1];
    if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
    else this.parts.push({ kind: 'lit', text, quoted });
  }

  push(p: WordPart): void {
    this.parts.push(p);
  }
}

/** Parse an unquoted word at the cursor (the caller checked that a word starts here). */
export function parseWord(h: WordHost): Word {
  return { parts: parseParts(h, 'normal') };
}

/**
 * Parse arithmetic text up to (not including) an unbalanced `)` — or, with `forClause`, also up to a
 * `;` at depth 0 (the clauses of `for ((…))`).
 */
export function parseArith(h: WordHost, forClause = false): Word {
  return { parts: parseParts(h, forClause ? 'arithfor' : 'arith') };
}

/** Parse a here-document body (expanding form). */
export function parseHeredocBody(h: WordHost): Word {
  return { parts: parseParts(h, 'heredoc') };
}

function parseParts(h: WordHost, mode: Mode): WordPart[] {
  const c = h.cur;
  const b = new PartsBuilder();
  const quoted = mode === 'dquote' || mode === 'heredoc';
  const start = c.pos;
  let arithDepth = 0;
  for (;;) {
    if (c.eof) {
      if (mode === 'dquote') throw new IncompleteError('quote', '"');
      if (mode === 'param') throw new IncompleteError('quote', '}');
      if (mode === 'arith' || mode === 'arithfor') throw new IncompleteError('quote', ')');
      return b.parts;
    }
    const ch = c.ch();
    if (mode === 'normal' && ch === '<' && c.ch(1) === '(' && c.pos === start) {
      c.pos += 2;
      b.push({ kind: 'procsub', body: h.parseCmdSub() });
      continue;
    }
    if (mode === 'normal' && ch === '(' && isArrayAssignPrefix(b.parts)) {
      c.pos++;
      b.push({ kind: 'array', items: parseArrayItems(h) });
      continue;
    }
    // terminators
    if (mode === 'normal' && META.has(ch)) return b.parts;
    if (mode === 'dquote' && ch === '"') return b.parts;
    if (mode === 'param' && ch === '}') return b.parts;
    if (mode === 'arithfor' && ch === ';' && arithDepth === 0) return b.parts;
    if (mode === 'arith' || mode === 'arithfor') {
      if (ch === '(') arithDepth++;
      if (ch === ')') {
        if (arithDepth === 0) return b.parts;
        arithDepth--;
      }
    }
    if (ch === '\\') {
      const next = c.ch(1);
      if (next === '\n' && mode !== 'param') {
        c.pos += 2;
        continue;
      }
      if (next === '') {
        if (mode === 'normal') throw new IncompleteError('backslash');
        b.lit('\\', quoted);
        c.pos++;
        continue;
      }
      if (mode === 'normal' || mode === 'param') {
        b.lit(next, true);
      } else if (next === '$' || next === '`' || next === '\\' || (mode === 'dquote' && next === '"')) {
        b.lit(next, true);
      } else {
        b.lit('\\' + next, quoted);
      }
      c.pos += 2;
      continue;
    }
    if (ch === '$') {
      parseDollar(h, b, quoted);
      continue;
    }
    if (ch === '`') {
      parseBacktick(h, b, quoted);
      continue;
    }
    if ((mode === 'normal' || mode === 'param') && ch === "'") {
      const end = c.src.indexOf("'", c.pos + 1);
      if (end === -1) throw new IncompleteError('quote', "'");
      b.lit(c.src.slice(c.pos + 1, end), true);
      // an empty '' still makes a (quoted, empty) field
      if (end === c.pos + 1) b.push({ kind: 'lit', text: '', quoted: true });
      c.pos = end + 1;
      continue;
    }
    if ((mode === 'normal' || mode === 'param') && ch === '"') {
      c.pos++;
      const inner = parseParts(h, 'dquote');
      c.pos++; // closing quote
      if (inner.length === 0) b.push({ kind: 'lit', text: '', quoted: true });
      for (const p of inner) if (p.kind === 'lit') b.lit(p.text, true);
      else b.push(p);
      continue;
    }
    if (mode === 'normal' && ch === '~' && c.pos === start) {
      const m = /^~([A-Za-z0-9_.-]*)(?=\/|$|[\s;&|<>()])/.exec(c.src.slice(c.pos));
      if (m) {
        b.push({ kind: 'tilde', user: m[1] });
        c.pos += m[0].length;
        continue;
      }
    }
    b.lit(ch, quoted);
    c.pos++;
  }
}

/** `name=` / `name+=` (unquoted) so far: a `(` now opens an array literal. */
function isArrayAssignPrefix(parts: WordPart[]): boolean {
  return parts.length === 1 && parts[0].kind === 'lit' && !parts[0].quoted && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(parts[0].text);
}

/** The words of `( … )` in an array assignment, up to and including the `)`. */
function parseArrayItems(h: WordHost): Word[] {
  const c = h.cur;
  const items: Word[] = [];
  for (;;) {
    for (;;) {
      c.skipBlanks();
      if (c.ch() === '\n') c.pos++;
      else break;
    }
    if (c.eof) throw new IncompleteError('eof');
    if (c.ch() === ')') {
      c.pos++;
      return items;
    }
    const before = c.pos;
    items.push(parseWord(h));
    if (c.pos === before) throw new BadSubstitution(c.ch());
  }
}

function parseDollar(h: WordHost, b: PartsBuilder, quoted: boolean): void {
  const c = h.cur;
  const next = c.ch(1);
  if (next === '(' && c.ch(2) === '(') {
    const save = c.pos;
    c.pos += 3;
    const expr = parseParts(h, 'arith');
    if (c.ch() === ')' && c.ch(1) === ')') {
      c.pos += 2;
      b.push({ kind: 'arith', expr: { parts: expr }, quoted });
      return;
    }
    c.pos = save; // `$( (…) )`: a command substitution holding a subshell
  }
  if (next === '(') {
    c.pos += 2;
    const body = h.parseCmdSub();
    b.push({ kind: 'cmdsub', body, quoted });
    return;
  }
  if (next === '{') {
    c.pos += 2;
    b.push(parseBraceParam(h, quoted));
    return;
  }
  if (next === "'" && !quoted) {
    const [text, end] = ansiC(c.src, c.pos + 2);
    b.lit(text, true);
    c.pos = end;
    return;
  }
  if (next === '"' && !quoted) {
    c.pos++; // `$"…"` is "…" here
    return;
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!\-])/.exec(c.src.slice(c.pos + 1, c.pos + 200));
  if (m) {
    b.push({ kind: 'param', name: m[1], quoted });
    c.pos += 1 + m[1].length;
    return;
  }
  b.lit('$', quoted);
  c.pos++;
}

const PARAM_OPS = [':-', ':=', ':+', ':?', '-', '=', '+', '?', '##', '#', '%%', '%', '//', '/#', '/%', '/', '^^', ',,', '^', ','] as const;

function parseBraceParam(h: WordHost, quoted: boolean): WordPart {
  const c = h.cur;
  const start = c.pos - 2;
  try {
    return parseBraceParamBody(h, quoted);
  } catch (e) {
    if (!(e instanceof BadSubstitution)) throw e;
    // like bash, a malformed ${…} is an error only when it is expanded
    let depth = 0;
    let end = -1;
    for (let i = start + 1; i < c.src.length; i++) {
      if (c.src[i] === '{') depth++;
      else if (c.src[i] === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end === -1) throw new IncompleteError('quote', '}');
    c.pos = end + 1;
    return { kind: 'bad', text: c.src.slice(start, end + 1) };
  }
}

function parseBraceParamBody(h: WordHost, quoted: boolean): WordPart {
  const c = h.cur;
  let len = false;
  let indirect = false;
  if (c.ch() === '#' && c.ch(1) !== '}') {
    len = true;
    c.pos++;
  } else if (c.ch() === '!' && c.ch(1) !== '}') {
    indirect = true;
    c.pos++;
    // ${!prefix*} / ${!prefix@}: names of variables
    const names = /^([A-Za-z_][A-Za-z0-9_]*)([*@])\}/.exec(c.src.slice(c.pos, c.pos + 200));
    if (names) {
      c.pos += names[0].length;
      return { kind: 'param', name: names[1], op: { op: 'names', arg: literalWord(names[2]) }, quoted };
    }
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!\-])/.exec(c.src.slice(c.pos, c.pos + 200));
  if (!m) {
    if (c.eof) throw new IncompleteError('quote', '}');
    throw new BadSubstitution('');
  }
  const name = m[1];
  c.pos += name.length;
  let index: Word | undefined;
  if (c.ch() === '[' && /^[A-Za-z_]/.test(name)) {
    c.pos++;
    index = parseUntil(h, [']']);
    if (c.ch() !== ']') throw new IncompleteError('quote', '}');
    c.pos++;
  }
  let op: ParamOp | undefined;
  if (indirect && index && /^[@*]$/.test(staticText(index) ?? '')) {
    if (c.ch() !== '}') throw new BadSubstitution('');
    c.pos++;
    return { kind: 'param', name, op: { op: 'indices', arg: index }, quoted };
  }
  if (len) op = { op: 'len' };
  else if (c.ch() === '@' && /^[QEPAaUuLK]$/.test(c.ch(1))) {
    op = { op: '@', arg: literalWord(c.ch(1)) };
    c.pos += 2;
  }
  else if (c.ch() === ':' && !/^:[-=+?]/.test(c.src.slice(c.pos, c.pos + 2))) {
    c.pos++;
    const arg = parseUntil(h, [':', '}']);
    let rep: Word | undefined;
    if (c.ch() === ':') {
      c.pos++;
      rep = parseUntil(h, ['}']);
    }
    op = { op: 'substr', arg, rep };
  } else {
    const o = PARAM_OPS.find((x) => c.startsWith(x));
    if (o) {
      c.pos += o.length;
      if (o.startsWith('/')) {
        const arg = parseUntil(h, ['/', '}']);
        let rep: Word | undefined;
        if (c.ch() === '/') {
          c.pos++;
          rep = { parts: parseParts(h, 'param') };
        }
        op = { op: o, arg, rep };
      } else {
        op = { op: o, arg: { parts: parseParts(h, 'param') } };
      }
    }
  }
  if (c.eof) throw new IncompleteError('quote', '}');
  if (c.ch() !== '}') throw new BadSubstitution('');
  c.pos++;
  return { kind: 'param', name, op, quoted, ...(index ? { index } : {}), ...(indirect ? { indirect } : {}) };
}

/** A `${…}` body with text bash cannot take (reported when the word is expanded in bash; here at parse). */
export class BadSubstitution extends Error {
  constructor(readonly text: string) {
    super(`${text}: bad substitution`);
  }
}

/** Parse param-mode text that stops at any of `stops` (used for `${x/pat/rep}` and `${x:o:l}`). */
function parseUntil(h: WordHost, stops: string[]): Word {
  const c = h.cur;
  const b = new PartsBuilder();
  while (!c.eof && !stops.includes(c.ch())) {
    const ch = c.ch();
    if (ch === '\\' && c.ch(1)) {
      b.lit(c.ch(1), true);
      c.pos += 2;
    } else if (ch === '$') {
      parseDollar(h, b, false);
    } else if (ch === "'") {
      const end = c.src.indexOf("'", c.pos + 1);
      if (end === -1) throw new IncompleteError('quote', "'");
      b.lit(c.src.slice(c.pos + 1, end), true);
      c.pos = end + 1;
    } else if (ch === '"') {
      c.pos++;
      for (const p of parseParts(h, 'dquote')) if (p.kind === 'lit') b.lit(p.text, true);
      else b.push(p);
      c.pos++;
    } else {
      b.lit(ch, false);
      c.pos++;
    }
  }
  return { parts: b.parts };
}

function parseBacktick(h: WordHost, b: PartsBuilder, quoted: boolean): void {
  const c = h.cur;
  let i = c.pos + 1;
  let text = '';
  for (;;) {
    if (i >= c.src.length) throw new IncompleteError('quote', '`');
    const ch = c.src[i];
    if (ch === '`') break;
    if (ch === '\\' && (c.src[i + 1] === '`' || c.src[i + 1] === '\\' || c.src[i + 1] === '$')) {
      text += c.src[i + 1];
      i += 2;
      continue;
    }
    text += ch;
    i++;
  }
  c.pos = i + 1;
  b.push({ kind: 'cmdsub', body: h.parseNested(text), quoted });
}

/** `$'…'` body starting at i: returns [decoded text, index after the closing quote]. */
function ansiC(src: string, i: number): [string, number] {
  let out = '';
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  for (;;) {
    if (i >= src.length) throw new IncompleteError('quote', "'");
    const ch = src[i];
    if (ch === "'") return [out, i + 1];
    if (ch === '\\') {
      const n = src[i + 1] ?? '';
      if (n in simple) {
        out += simple[n];
        i += 2;
        continue;
      }
      const hex = /^x([0-9a-fA-F]{1,2})/.exec(src.slice(i + 1, i + 4));
      if (hex) {
        out += String.fromCharCode(parseInt(hex[1], 16));
        i += 1 + hex[0].length;
        continue;
      }
      const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4));
      if (oct) {
        out += String.fromCharCode(parseInt(oct[0], 8) & 0xff);
        i += 1 + oct[0].length;
        continue;
      }
      out += '\\';
      i++;
      continue;
    }
    out += ch;
    i++;
  }
}
