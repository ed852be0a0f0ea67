/**
 * A small parser for the subset of Go that API type files (types.go, register.go, …) use:
 * package / import / type / const declarations. Function bodies and var declarations are
 * skipped by balanced-token scanning. Comment grouping and doc-comment text follow go/ast
 * (CommentGroup.Text) and gengo v2 (a declaration's doc comment is the comment group that ends
 * on the line right before it), so descriptions come out the way kube-openapi's generator
 * sees them.
 *
 * Dev-only tool (scripts/gen-api-schema); not shipped to the browser.
 */

export type TypeExpr =
  | { k: 'ident'; pkg?: string; name: string } // pkg = import alias as written (metav1), resolved later
  | { k: 'ptr'; elem: TypeExpr }
  | { k: 'slice'; elem: TypeExpr }
  | { k: 'array'; elem: TypeExpr }
  | { k: 'map'; key: TypeExpr; elem: TypeExpr }
  | { k: 'struct'; fields: GoField[] }
  | { k: 'interface' }
  | { k: 'func' }
  | { k: 'chan' };

export interface GoField {
  /** Empty for an embedded field. */
  names: string[];
  type: TypeExpr;
  /** Raw tag text without the back quotes, '' if none. */
  tag: string;
  /** gengo-style comment lines (go/ast CommentGroup.Text split on \n). */
  doc: string[];
  line: number;
}

export interface GoTypeDecl {
  name: string;
  type: TypeExpr;
  /** `type A = B` (a real Go alias), not a defined type. */
  isAlias: boolean;
  doc: string[];
  line: number;
}

export interface GoConstDecl {
  name: string;
  /** Declared type (`PodPhase`, `v1.Protocol`), undefined for untyped constants. */
  type?: { pkg?: string; name: string };
  /** The value when it is a single string literal. */
  stringValue?: string;
  doc: string[];
  line: number;
}

export interface GoFile {
  path: string;
  pkgName: string;
  /** import alias → import path (alias defaults to the last path element). */
  imports: Map<string, string>;
  types: GoTypeDecl[];
  consts: GoConstDecl[];
}

// ---------------------------------------------------------------------------------------------
// Lexer

type TokKind = 'ident' | 'string' | 'rawstring' | 'number' | 'char' | 'op' | 'semi' | 'eof';

interface Tok {
  kind: TokKind;
  text: string;
  /** Decoded value for string / rawstring. */
  value?: string;
  line: number;
  endLine: number;
}

interface Comment {
  text: string; // including // or /* */
  line: number;
  endLine: number;
}

const OPS = [
  '<<=', '>>=', '&^=', '...', '&&', '||', '<-', '++', '--', '==', '!=', '<=', '>=', ':=', '+=', '-=', '*=',
  '/=', '%=', '&=', '|=', '^=', '<<', '>>', '&^', '~',
  '+', '-', '*', '/', '%', '&', '|', '^', '<', '>', '=', '!', '(', ')', '[', ']', '{', '}', ',', ';', '.', ':',
];

function decodeGoString(lit: string): string {
  // Interpreted string literal: handle the escapes Go allows.
  let out = '';
  for (let i = 1; i < lit.length - 1; i++) {
    const c = lit[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = lit[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': out += '"'; break;
      case "'": out += "'"; break;
      case 'x': out += String.fromCharCode(parseInt(lit.slice(i + 1, i + 3), 16)); i += 2; break;
      case 'u': out += String.fromCodePoint(parseInt(lit.slice(i + 1, i + 5), 16)); i += 4; break;
      case 'U': out += String.fromCodePoint(parseInt(lit.slice(i + 1, i + 9), 16)); i += 8; break;
      default:
        if (n >= '0' && n <= '7') {
          out += String.fromCharCode(parseInt(lit.slice(i, i + 3), 8));
          i += 2;
        } else throw new Error(`bad escape \\${n} in ${lit}`);
    }
  }
  return out;
}

function lex(src: string): { toks: Tok[]; comments: Comment[]; prevTokLineOfComment: number[]; tokCountAtComment: number[] } {
  const toks: Tok[] = [];
  const comments: Comment[] = [];
  const prevTokLineOfComment: number[] = [];
  const tokCountAtComment: number[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  const needSemi = (): boolean => {
    const t = toks[toks.length - 1];
    if (!t) return false;
    // Go spec: after an identifier, a literal, one of the keywords break/continue/fallthrough/return, or ) ] } ++ --
    if (t.kind === 'ident') return !KEYWORDS_NO_SEMI.has(t.text);
    if (t.kind === 'string' || t.kind === 'rawstring' || t.kind === 'number' || t.kind === 'char') return true;
    if (t.kind === 'op') return [')', ']', '}', '++', '--'].includes(t.text);
    return false;
  };
  const lastTokLine = (): number => (toks.length ? toks[toks.length - 1].endLine : 0);
  while (i < n) {
    const c = src[i];
    if (c === '\n') {
      if (needSemi()) toks.push({ kind: 'semi', text: '\n', line, endLine: line });
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      let j = src.indexOf('\n', i);
      if (j < 0) j = n;
      prevTokLineOfComment.push(lastTokLine());
      tokCountAtComment.push(toks.length);
      comments.push({ text: src.slice(i, j).replace(/\r$/, ''), line, endLine: line });
      i = j; // the newline itself is handled above (and may insert a semicolon)
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const j = src.indexOf('*/', i + 2);
      if (j < 0) throw new Error(`unterminated block comment at line ${line}`);
      const text = src.slice(i, j + 2);
      const nl = text.split('\n').length - 1;
      prevTokLineOfComment.push(lastTokLine());
      tokCountAtComment.push(toks.length);
      comments.push({ text, line, endLine: line + nl });
      if (nl > 0 && needSemi()) toks.push({ kind: 'semi', text: '\n', line, endLine: line });
      line += nl;
      i = j + 2;
      continue;
    }
    if (/[A-Za-z_]/.test(c) || c.charCodeAt(0) > 127) {
      let j = i + 1;
      while (j < n && (/[A-Za-z0-9_]/.test(src[j]) || src.charCodeAt(j) > 127)) j++;
      toks.push({ kind: 'ident', text: src.slice(i, j), line, endLine: line });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(src[j])) {
        // exponent signs
        if ((src[j] === 'e' || src[j] === 'E' || src[j] === 'p' || src[j] === 'P') && (src[j + 1] === '+' || src[j + 1] === '-')) j++;
        j++;
      }
      toks.push({ kind: 'number', text: src.slice(i, j), line, endLine: line });
      i = j;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"') {
        if (src[j] === '\\') j++;
        if (src[j] === '\n') throw new Error(`newline in string at line ${line}`);
        j++;
      }
      const text = src.slice(i, j + 1);
      toks.push({ kind: 'string', text, value: decodeGoString(text), line, endLine: line });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new Error(`unterminated raw string at line ${line}`);
      const text = src.slice(i, j + 1);
      const nl = text.split('\n').length - 1;
      toks.push({ kind: 'rawstring', text, value: text.slice(1, -1).replace(/\r/g, ''), line, endLine: line + nl });
      line += nl;
      i = j + 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== "'") {
        if (src[j] === '\\') j++;
        j++;
      }
      toks.push({ kind: 'char', text: src.slice(i, j + 1), line, endLine: line });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new Error(`unexpected character ${JSON.stringify(c)} at line ${line}`);
    toks.push({ kind: op === ';' ? 'semi' : 'op', text: op, line, endLine: line });
    i += op.length;
  }
  if (needSemi()) toks.push({ kind: 'semi', text: '\n', line, endLine: line });
  toks.push({ kind: 'eof', text: '', line, endLine: line });
  return { toks, comments, prevTokLineOfComment, tokCountAtComment };
}

/** Keywords after which a newline does not insert a semicolon. */
const KEYWORDS_NO_SEMI = new Set([
  'case', 'chan', 'const', 'default', 'defer', 'else', 'for', 'func', 'go', 'goto', 'if', 'import',
  'interface', 'map', 'package', 'range', 'select', 'struct', 'switch', 'type', 'var',
]);

// ---------------------------------------------------------------------------------------------
// Comment groups (go/parser semantics) and CommentGroup.Text() (go/ast semantics)

interface CommentGroup {
  list: Comment[];
  endLine: number;
}

const DIRECTIVE = /^[a-z0-9]+:[a-z0-9]/;

function isDirective(c: string): boolean {
  if (c.startsWith('line ') || c.startsWith('extern ') || c.startsWith('export ')) return true;
  return DIRECTIVE.test(c);
}

/** go/ast CommentGroup.Text(). */
export function commentGroupText(list: string[]): string {
  const lines: string[] = [];
  for (let c of list) {
    if (c[1] === '/') {
      c = c.slice(2);
      if (c.length > 0) {
        if (c[0] === ' ') c = c.slice(1);
        else if (isDirective(c)) continue;
      }
    } else {
      c = c.slice(2, -2);
    }
    for (const l of c.split('\n')) lines.push(l.replace(/[ \t\n\r]+$/, ''));
  }
  const out: string[] = [];
  for (const l of lines) {
    if (l !== '' || (out.length > 0 && out[out.length - 1] !== '')) out.push(l);
  }
  if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  return out.join('\n');
}

/** gengo splitLines(CommentGroup.Text()). */
function splitLines(text: string): string[] {
  const lines = text.replace(/\n+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return [];
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Parser

export function parseGoFile(path: string, src: string): GoFile {
  const { toks, comments, prevTokLineOfComment, tokCountAtComment } = lex(src);
  const groups = groupComments(comments, prevTokLineOfComment, tokCountAtComment);
  const byEndLine = new Map<number, CommentGroup>();
  for (const g of groups) byEndLine.set(g.endLine, g);
  const docAt = (line: number): string[] => {
    const g = byEndLine.get(line - 1);
    return g ? splitLines(commentGroupText(g.list.map((c) => c.text))) : [];
  };

  let p = 0;
  const peek = (o = 0): Tok => toks[Math.min(p + o, toks.length - 1)];
  const next = (): Tok => toks[p++];
  const err = (msg: string): never => {
    const t = peek();
    throw new Error(`${path}:${t.line}: ${msg} (at ${JSON.stringify(t.text)})`);
  };
  const expectOp = (op: string): Tok => {
    const t = next();
    if (t.kind !== 'op' || t.text !== op) {
      p--;
      err(`expected ${op}`);
    }
    return t;
  };
  const isOp = (op: string, o = 0): boolean => peek(o).kind === 'op' && peek(o).text === op;
  const skipSemis = (): void => {
    while (peek().kind === 'semi') p++;
  };
  const expectIdent = (): Tok => {
    const t = next();
    if (t.kind !== 'ident') {
      p--;
      err('expected identifier');
    }
    return t;
  };

  /** Skip tokens up to (not including) the next ';' at bracket depth 0. */
  const skipToSemi = (): void => {
    let depth = 0;
    for (;;) {
      const t = peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'semi' && depth === 0) return;
      if (t.kind === 'op') {
        if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
        else if (t.text === ')' || t.text === ']' || t.text === '}') {
          if (depth === 0) return;
          depth--;
        }
      }
      p++;
    }
  };

  const parseType = (): TypeExpr => {
    const t = peek();
    if (t.kind === 'op') {
      if (t.text === '*') {
        p++;
        return { k: 'ptr', elem: parseType() };
      }
      if (t.text === '[') {
        p++;
        if (isOp(']')) {
          p++;
          return { k: 'slice', elem: parseType() };
        }
        // [N]T or [...]T
        while (!isOp(']')) {
          if (peek().kind === 'eof') err('eof in array length');
          p++;
        }
        p++;
        return { k: 'array', elem: parseType() };
      }
      if (t.text === '(') {
        p++;
        const inner = parseType();
        expectOp(')');
        return inner;
      }
      err('unexpected token in type');
    }
    if (t.kind === 'ident') {
      if (t.text === 'map') {
        p++;
        expectOp('[');
        const key = parseType();
        expectOp(']');
        return { k: 'map', key, elem: parseType() };
      }
      if (t.text === 'struct') {
        p++;
        return { k: 'struct', fields: parseStructBody() };
      }
      if (t.text === 'interface') {
        p++;
        expectOp('{');
        p--;
        skipBalanced();
        return { k: 'interface' };
      }
      if (t.text === 'func') {
        p++;
        skipBalanced(); // params
        // optional result: a type or a parenthesised list
        if (isOp('(')) skipBalanced();
        else if (peek().kind === 'ident' || isOp('*') || isOp('[')) parseType();
        return { k: 'func' };
      }
      if (t.text === 'chan') {
        p++;
        if (isOp('<-')) p++;
        parseType();
        return { k: 'chan' };
      }
      p++;
      if (isOp('.') && peek(1).kind === 'ident') {
        p++;
        const name = next().text;
        return { k: 'ident', pkg: t.text, name };
      }
      // (generic instantiations `T[X]` do not occur in API types)
      return { k: 'ident', name: t.text };
    }
    return err('expected type');
  };

  /** Skip a balanced (...) / [...] / {...} group starting at the current token. */
  const skipBalanced = (): void => {
    const open = peek().text;
    const close = open === '(' ? ')' : open === '[' ? ']' : '}';
    let depth = 0;
    for (;;) {
      const t = next();
      if (t.kind === 'eof') err(`eof while skipping ${open}`);
      if (t.kind === 'op' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
      if (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) {
        depth--;
        if (depth === 0) {
          if (t.text !== close) err('mismatched brackets');
          return;
        }
      }
    }
  };

  const parseStructBody = (): GoField[] => {
    expectOp('{');
    const fields: GoField[] = [];
    for (;;) {
      skipSemis();
      if (isOp('}')) {
        p++;
        return fields;
      }
      const start = peek();
      const doc = docAt(start.line);
      const names: string[] = [];
      let type: TypeExpr;
      // Embedded: `T`, `*T`, `pkg.T` followed by tag / ';' / '}'.
      const isEmbedded =
        isOp('*') ||
        (peek().kind === 'ident' &&
          (peek(1).kind === 'semi' ||
            peek(1).kind === 'string' ||
            peek(1).kind === 'rawstring' ||
            (peek(1).kind === 'op' && (peek(1).text === '.' || peek(1).text === '}'))));
      if (isEmbedded) {
        type = parseType();
      } else {
        names.push(expectIdent().text);
        while (isOp(',')) {
          p++;
          names.push(expectIdent().text);
        }
        type = parseType();
      }
      let tag = '';
      if (peek().kind === 'string' || peek().kind === 'rawstring') tag = next().value!;
      fields.push({ names, type, tag, doc, line: start.line });
      if (!isOp('}') && peek().kind !== 'semi') err('expected ; after field');
    }
  };

  const file: GoFile = { path, pkgName: '', imports: new Map(), types: [], consts: [] };

  const parseImportSpec = (): void => {
    let alias: string | undefined;
    if (peek().kind === 'ident') alias = next().text;
    else if (isOp('.')) {
      p++;
      alias = '.';
    }
    const t = next();
    if (t.kind !== 'string' && t.kind !== 'rawstring') err('expected import path');
    const ipath = t.value!;
    file.imports.set(alias ?? ipath.split('/').pop()!, ipath);
  };

  const parseTypeSpec = (): void => {
    const nameTok = expectIdent();
    // type parameters `type X[T any] ...` are not used by API types
    let isAlias = false;
    if (isOp('=')) {
      p++;
      isAlias = true;
    }
    const type = parseType();
    file.types.push({ name: nameTok.text, type, isAlias, doc: docAt(nameTok.line), line: nameTok.line });
  };

  let lastConstType: { pkg?: string; name: string } | undefined;
  const parseConstSpec = (): void => {
    const names: Tok[] = [expectIdent()];
    while (isOp(',')) {
      p++;
      names.push(expectIdent());
    }
    let type: { pkg?: string; name: string } | undefined;
    let value: string | undefined;
    let hasValue = false;
    if (!isOp('=') && peek().kind !== 'semi' && !isOp(')')) {
      const te = parseType();
      if (te.k === 'ident') type = { pkg: te.pkg, name: te.name };
    }
    if (isOp('=')) {
      p++;
      hasValue = true;
      const v = peek();
      if ((v.kind === 'string' || v.kind === 'rawstring') && (peek(1).kind === 'semi' || (peek(1).kind === 'op' && peek(1).text === ')'))) {
        value = v.value;
        p++;
      } else skipToSemi();
    }
    // Go: a const spec without type and value repeats the previous spec's (iota style).
    if (!hasValue) type = lastConstType;
    else lastConstType = type;
    for (const nt of names) {
      file.consts.push({ name: nt.text, type, stringValue: names.length === 1 ? value : undefined, doc: docAt(nt.line), line: nt.line });
    }
  };

  const parseGroupOrSingle = (spec: () => void): void => {
    if (isOp('(')) {
      p++;
      for (;;) {
        skipSemis();
        if (isOp(')')) {
          p++;
          break;
        }
        spec();
        if (!isOp(')') && peek().kind !== 'semi') err('expected ; in group');
      }
    } else spec();
  };

  skipSemis();
  if (peek().text !== 'package') err('expected package');
  p++;
  file.pkgName = expectIdent().text;
  for (;;) {
    skipSemis();
    const t = peek();
    if (t.kind === 'eof') break;
    if (t.kind === 'ident' && t.text === 'import') {
      p++;
      parseGroupOrSingle(parseImportSpec);
    } else if (t.kind === 'ident' && t.text === 'type') {
      p++;
      parseGroupOrSingle(parseTypeSpec);
    } else if (t.kind === 'ident' && t.text === 'const') {
      p++;
      lastConstType = undefined;
      parseGroupOrSingle(parseConstSpec);
    } else if (t.kind === 'ident' && (t.text === 'var' || t.text === 'func')) {
      p++;
      skipToSemi();
    } else err('unexpected top-level token');
  }
  return file;
}

/**
 * go/parser grouping: a comment on the same line as the previous token forms a group with only
 * the comments on that line (consumeCommentGroup(0)); otherwise comments join a group while each
 * starts at most one line after the previous one ends and no token lies between them
 * (consumeCommentGroup(1)).
 */
function groupComments(comments: Comment[], prevTokLine: number[], tokCount: number[]): CommentGroup[] {
  const groups: CommentGroup[] = [];
  let i = 0;
  while (i < comments.length) {
    const first = comments[i];
    const sameLineAsToken = prevTokLine[i] === first.line;
    const n = sameLineAsToken ? 0 : 1;
    const list: Comment[] = [first];
    let endLine = first.endLine;
    i++;
    while (i < comments.length && comments[i].line <= endLine + n && tokCount[i] === tokCount[i - 1]) {
      list.push(comments[i]);
      endLine = comments[i].endLine;
      i++;
    }
    groups.push({ list, endLine });
  }
  return groups;
}
