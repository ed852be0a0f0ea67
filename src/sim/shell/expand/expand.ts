/**
 * Word expansion in bash's order: brace expansion, tilde, parameters, command substitution,
 * arithmetic, field splitting (IFS), pathname expansion, quote removal.
 */
import { staticText, type List, type ParamOp, type Word, type WordPart } from '../ast';
import type { ShellState } from '../state';
import type { Vfs } from '../vfs';
import { ExpansionError } from '../signals';
import { ArithError, evalArith } from './arith';
import { braceExpand } from './brace';
import { glob } from './glob';
import { escapePattern, hasGlob, matchPattern, unescapePattern } from './pattern';

export interface ExpandHost {
  state: ShellState;
  fs: Vfs;
  /** Run `$(…)` in a subshell: its standard output. */
  runCmdSub(body: List): Promise<string>;
  /** Run `<(…)`: the path of a file holding its output. */
  procSub(body: List): Promise<string>;
  /** Dynamic variables (RANDOM, SECONDS …): a value, or undefined when `name` is not one. */
  dynamic(name: string): string | undefined;
}

/** A piece of expanded text: `quoted` text is not split or globbed; `brk` separates "$@" fields. */
type Piece = { text: string; quoted: boolean; split: boolean } | { brk: true };

/** Expand command words into fields (argv). */
export async function expandWords(words: Word[], h: ExpandHost): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) for (const bw of braceExpand(w)) out.push(...(await expandFields(bw, h)));
  return out;
}

/** Expand without splitting or globbing (assignments, redirect targets, here-documents, `case` words). */
export async function expandString(word: Word, h: ExpandHost): Promise<string> {
  const pieces = await expandParts(word.parts, h, false);
  return pieces.map((p) => ('brk' in p ? ' ' : p.text)).join('');
}

/** Expand as a pattern: quoted text matches literally, unquoted text keeps `*`, `?`, `[…]` active. */
export async function expandPattern(word: Word, h: ExpandHost): Promise<string> {
  const pieces = await expandParts(word.parts, h, false);
  return pieces.map((p) => ('brk' in p ? ' ' : p.quoted ? escapePattern(p.text) : p.text)).join('');
}

async function expandFields(word: Word, h: ExpandHost): Promise<string[]> {
  const pieces = await expandParts(word.parts, h, false);
  const ifs = h.state.get('IFS') ?? ' \t\n';
  const splitter = ifsSplitter(ifs);
  interface Field {
    text: string;
    pat: string;
    keep: boolean;
  }
  const fields: Field[] = [];
  let cur: Field | undefined;
  const add = (text: string, quoted: boolean): void => {
    cur ??= { text: '', pat: '', keep: false };
    cur.text += text;
    cur.pat += quoted ? escapePattern(text) : text;
    cur.keep ||= quoted || text !== '';
  };
  const end = (): void => {
    if (cur && (cur.keep || cur.text)) fields.push(cur);
    cur = undefined;
  };
  for (const p of pieces) {
    if ('brk' in p) {
      end();
      continue;
    }
    if (!p.split || p.quoted || !splitter) {
      add(p.text, p.quoted);
      continue;
    }
    const segs = p.text.split(splitter);
    segs.forEach((seg, j) => {
      if (j > 0) end();
      if (seg) add(seg, false);
    });
  }
  end();
  const out: string[] = [];
  for (const f of fields) {
    if (hasGlob(f.pat)) {
      const matches = glob(f.pat, h.fs, h.state.cwd);
      if (matches.length) {
        out.push(...matches);
        continue;
      }
      out.push(unescapePattern(f.pat));
    } else out.push(f.text);
  }
  return out;
}

/** A regex splitting on IFS (runs of IFS whitespace; each other IFS character is one separator). */
export function ifsSplitter(ifs: string): RegExp | undefined {
  if (!ifs) return undefined;
  const ws: string[] = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n');
  const other = [...ifs].filter((c) => !ws.includes(c));
  const esc = (cs: string[]): string => cs.map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('');
  if (!other.length) return new RegExp(`[${esc(ws)}]+`);
  const w = ws.length ? `[${esc(ws)}]*` : '';
  return new RegExp(ws.length ? `${w}[${esc(other)}]${w}|[${esc(ws)}]+` : `[${esc(other)}]`);
}

async function expandParts(parts: WordPart[], h: ExpandHost, inQuotes: boolean): Promise<Piece[]> {
  const out: Piece[] = [];
  for (const p of parts) {
    switch (p.kind) {
      case 'lit':
        out.push({ text: p.text, quoted: p.quoted || inQuotes, split: false });
        break;
      case 'tilde':
        out.push({ text: tilde(p.user, h), quoted: true, split: false });
        break;
      case 'param': {
        let name = p.name;
        if (p.indirect) {
          name = getParam(name, h) ?? '';
          if (!/^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])$/.test(name)) throw new ExpansionError(`${name}: invalid indirect expansion`);
        }
        out.push(...(await expandParam(name, p.op, p.quoted || inQuotes, h, p.index)));
        break;
      }
      case 'bad':
        throw new ExpansionError(`${p.text}: bad substitution`);
      case 'procsub':
        out.push({ text: await h.procSub(p.body), quoted: true, split: false });
        break;
      case 'array': {
        const items = await expandWords(p.items, h);
        out.push({ text: `(${items.join(' ')})`, quoted: true, split: false });
        break;
      }
      case 'cmdsub': {
        const text = (await h.runCmdSub(p.body)).replace(/\n+$/, '');
        out.push({ text, quoted: p.quoted || inQuotes, split: true });
        break;
      }
      case 'arith': {
        const expr = await expandString(p.expr, h);
        out.push({ text: String(arith(expr, h)), quoted: p.quoted || inQuotes, split: true });
        break;
      }
    }
  }
  return out;
}

export function arith(expr: string, h: { state: ShellState }): number {
  try {
    return evalArith(expr, { get: (n) => h.state.get(n), set: (n, v) => h.state.set(n, v) });
  } catch (e) {
    if (e instanceof ArithError) throw new ExpansionError(e.message);
    throw e;
  }
}

function tilde(user: string, h: ExpandHost): string {
  if (user === '') return h.state.get('HOME') ?? '/root';
  if (user === 'root') return '/root';
  if (user === '+') return h.state.cwd;
  return `/home/${user}`;
}

/** The value of a parameter (undefined when unset). */
export function getParam(name: string, h: ExpandHost): string | undefined {
  const s = h.state;
  switch (name) {
    case '?':
      return String(s.lastStatus);
    case '#':
      return String(s.positional.length);
    case '@':
    case '*':
      return s.positional.length ? s.positional.join(' ') : undefined;
    case '0':
      return s.arg0;
    case '$':
      return h.dynamic('$');
    case '!':
      return undefined;
    case '-':
      return 'hB';
  }
  if (/^\d+$/.test(name)) return s.positional[Number(name) - 1];
  const v = s.get(name);
  return v ?? h.dynamic(name);
}

/** Pieces for a list of values: "$@"-style separate fields, or joined with IFS's first character for `*` in quotes. */
function listPieces(values: string[], star: boolean, quoted: boolean, h: ExpandHost): Piece[] {
  if (star && quoted) {
    const sep = (h.state.get('IFS') ?? ' ').slice(0, 1);
    return [{ text: values.join(sep), quoted, split: false }];
  }
  const out: Piece[] = [];
  values.forEach((v, i) => {
    if (i) out.push({ brk: true });
    out.push({ text: v, quoted, split: !quoted });
  });
  return out;
}

async function expandParam(name: string, op: ParamOp | undefined, quoted: boolean, h: ExpandHost, index?: Word): Promise<Piece[]> {
  if (op?.op === 'indices') {
    const v = h.state.vars.get(name);
    const keys = v === undefined ? [] : Array.isArray(v) ? Object.keys(v) : ['0'];
    return listPieces(keys, (op.arg ? staticText(op.arg) : '') === '*', quoted, h);
  }
  if (op?.op === 'names') {
    const names = [...h.state.vars.keys()].filter((n) => n.startsWith(name)).sort();
    return listPieces(names, (op.arg ? staticText(op.arg) : '') === '*', quoted, h);
  }
  if (index) {
    const sub = await expandString(index, h);
    const arr = h.state.getArray(name) ?? [];
    if (sub === '@' || sub === '*') {
      if (op?.op === 'len') return [{ text: String(arr.length), quoted, split: true }];
      let values = arr;
      if (op?.op === 'substr') {
        let off = arith(op.arg ? await expandString(op.arg, h) : '0', h);
        if (off < 0) off = Math.max(0, arr.length + off);
        const len = op.rep ? arith(await expandString(op.rep, h), h) : arr.length;
        values = arr.slice(off, len < 0 ? arr.length + len : off + len);
      } else if (op) {
        values = [];
        for (const v of arr) values.push(await applyOp(v, name, op, h));
      }
      return listPieces(values, sub === '*', quoted, h);
    }
    return [{ text: await applyOp(h.state.element(name, arith(sub, h)), name, op, h), quoted, split: true }];
  }
  // "$@" and $@/$*: one field per positional parameter
  if ((name === '@' || name === '*') && !op) return listPieces(h.state.positional, name === '*', quoted, h);
  const v = getParam(name, h);
  if (v === undefined && !op && h.state.options.has('nounset') && name !== '@' && name !== '*') throw new ExpansionError(`${name}: unbound variable`, 1, true);
  const value = await applyOp(v, name, op, h);
  return [{ text: value, quoted, split: true }];
}

async function applyOp(v: string | undefined, name: string, op: ParamOp | undefined, h: ExpandHost): Promise<string> {
  if (!op) return v ?? '';
  const arg = async (): Promise<string> => (op.arg ? expandString(op.arg, h) : '');
  const pat = async (): Promise<string> => (op.arg ? expandPattern(op.arg, h) : '');
  const val = v ?? '';
  switch (op.op) {
    case ':-':
      return v ? v : arg();
    case '-':
      return v !== undefined ? v : arg();
    case ':=':
    case '=': {
      if (op.op === ':=' ? v : v !== undefined) return v!;
      const a = await arg();
      if (!/^[A-Za-z_]/.test(name)) throw new ExpansionError(`$${name}: cannot assign in this way`);
      h.state.set(name, a);
      return a;
    }
    case ':+':
      return v ? arg() : '';
    case '+':
      return v !== undefined ? arg() : '';
    case ':?':
    case '?': {
      if (op.op === ':?' ? v : v !== undefined) return v!;
      const a = await arg();
      throw new ExpansionError(`${name}: ${a || 'parameter null or not set'}`, 1, true);
    }
    case 'len':
      if (name === '@' || name === '*') return String(h.state.positional.length);
      return String([...val].length);
    case '#':
    case '##': {
      const p = await pat();
      const n = [...val];
      const idx = op.op === '#' ? range(0, n.length) : range(n.length, 0);
      for (const i of idx) if (matchPattern(p, n.slice(0, i).join(''))) return n.slice(i).join('');
      return val;
    }
    case '%':
    case '%%': {
      const p = await pat();
      const n = [...val];
      const idx = op.op === '%' ? range(n.length, 0) : range(0, n.length);
      for (const i of idx) if (matchPattern(p, n.slice(i).join(''))) return n.slice(0, i).join('');
      return val;
    }
    case '/':
    case '//':
    case '/#':
    case '/%': {
      const p = await pat();
      const rep = op.rep ? await expandString(op.rep, h) : '';
      return replacePattern(val, p, rep, op.op);
    }
    case 'substr': {
      const chars = [...val];
      let off = arith(op.arg ? await expandString(op.arg, h) : '0', h);
      if (off < 0) off = Math.max(0, chars.length + off);
      let end = chars.length;
      if (op.rep) {
        const len = arith(await expandString(op.rep, h), h);
        end = len < 0 ? chars.length + len : off + len;
        if (end < off) throw new ExpansionError(`${len}: substring expression < 0`);
      }
      return chars.slice(off, end).join('');
    }
    case '@': {
      const letter = op.arg ? staticText(op.arg) : '';
      if (v === undefined) return '';
      if (letter === 'Q') return `'${val.replace(/'/g, `'\\''`)}'`;
      if (letter === 'U') return val.toUpperCase();
      if (letter === 'u') return val.slice(0, 1).toUpperCase() + val.slice(1);
      if (letter === 'L') return val.toLowerCase();
      if (letter === 'a') return h.state.exported.has(name) ? 'x' : '';
      if (letter === 'E') return val.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
      return val;
    }
    case 'indices':
    case 'names':
      return '';
    case '^^':
      return val.toUpperCase();
    case ',,':
      return val.toLowerCase();
    case '^':
      return val.slice(0, 1).toUpperCase() + val.slice(1);
    case ',':
      return val.slice(0, 1).toLowerCase() + val.slice(1);
  }
  return val;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  if (from <= to) for (let i = from; i <= to; i++) out.push(i);
  else for (let i = from; i >= to; i--) out.push(i);
  return out;
}

function replacePattern(val: string, pat: string, rep: string, mode: '/' | '//' | '/#' | '/%'): string {
  if (!pat) return val;
  const n = [...val];
  let out = '';
  let i = 0;
  while (i <= n.length) {
    let matched = -1;
    if (!(mode === '/#' && i > 0)) {
      for (let j = n.length; j >= i; j--) {
        if (mode === '/%' && j !== n.length) break;
        if (j > i || pat === '') {
          if (matchPattern(pat, n.slice(i, j).join(''))) {
            matched = j;
            break;
          }
        }
      }
    }
    if (matched > i) {
      out += rep;
      i = matched;
      if (mode !== '//') return out + n.slice(i).join('');
      continue;
    }
    if (i < n.length) out += n[i];
    i++;
  }
  return out;
}
