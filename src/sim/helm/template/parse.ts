/**
 * The parser of Go's text/template, the language Helm charts are written in: text, `{{ actions }}`
 * with `{{-`/`-}}` trimming, comments, pipelines, variables, if/else if/else, range, with, define,
 * template/include, break/continue. The subset charts use — not the whole of text/template.
 */

export type Arg =
  | { t: 'field'; base: 'dot' | 'var' | 'root'; name?: string; path: string[] }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'nil' }
  | { t: 'ident'; name: string }
  | { t: 'paren'; pipe: Pipe; path: string[] };

export interface Cmd {
  args: Arg[];
}

export interface Pipe {
  decl?: { names: string[]; assign: boolean };
  cmds: Cmd[];
  line: number;
  col: number;
  src: string;
}

export type Node =
  | { t: 'text'; v: string }
  | { t: 'action'; pipe: Pipe }
  | { t: 'if'; pipe: Pipe; then: Node[]; else?: Node[] }
  | { t: 'with'; pipe: Pipe; then: Node[]; else?: Node[] }
  | { t: 'range'; pipe: Pipe; then: Node[]; else?: Node[] }
  | { t: 'template'; name: string; pipe?: Pipe }
  | { t: 'break' }
  | { t: 'continue' };

export class TemplateError extends Error {}

interface Tok {
  kind: 'text' | 'action';
  v: string;
  line: number;
  col: number;
}

/** Split the source into text and action tokens, applying the trim markers. */
function tokenize(src: string, name: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let trimNext = false;
  const pos = (at: number) => {
    const before = src.slice(0, at);
    const line = before.split('\n').length;
    return { line, col: at - before.lastIndexOf('\n') - 1 };
  };
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let text = open < 0 ? src.slice(i) : src.slice(i, open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
    trimNext = false;
    if (open < 0) {
      if (text) out.push({ kind: 'text', v: text, ...pos(i) });
      break;
    }
    let start = open + 2;
    if (src.startsWith('- ', start) || src.startsWith('-\t', start) || src.startsWith('-\n', start)) {
      text = text.replace(/[ \t\r\n]+$/, '');
      start += 1;
    }
    if (text) out.push({ kind: 'text', v: text, ...pos(i) });
    // find the closing braces, skipping quoted strings and comments
    let j = start;
    let close = -1;
    while (j < src.length) {
      const c = src[j];
      if (c === '"' || c === '`' || c === "'") {
        const q = c;
        j++;
        while (j < src.length && src[j] !== q) j += src[j] === '\\' && q !== '`' ? 2 : 1;
        j++;
        continue;
      }
      if (src.startsWith('/*', j)) {
        const e = src.indexOf('*/', j + 2);
        if (e < 0) throw new TemplateError(`template: ${name}:${pos(open).line}: unclosed comment`);
        j = e + 2;
        continue;
      }
      if (src.startsWith('}}', j)) {
        close = j;
        break;
      }
      j++;
    }
    if (close < 0) throw new TemplateError(`template: ${name}:${pos(open).line}: unclosed action`);
    let body = src.slice(start, close);
    if (/[ \t\r\n]-$/.test(body)) {
      body = body.slice(0, -1);
      trimNext = true;
    }
    const trimmed = body.trim();
    if (!(trimmed.startsWith('/*') && trimmed.endsWith('*/'))) out.push({ kind: 'action', v: body, ...pos(open) });
    i = close + 2;
  }
  return out;
}

// ---- lexing one action ------------------------------------------------------------------------

type Lex =
  | { k: 'field'; v: string } // .a.b or .
  | { k: 'var'; v: string } // $x.a.b or $
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'ident'; v: string }
  | { k: 'op'; v: string }; // | ( ) := = ,

function lexAction(s: string, where: string): Lex[] {
  const out: Lex[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (s.startsWith(':=', i)) {
      out.push({ k: 'op', v: ':=' });
      i += 2;
      continue;
    }
    if ('|()=,'.includes(c)) {
      out.push({ k: 'op', v: c });
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let v = '';
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\') {
          const e = s[j + 1];
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          j += 2;
        } else v += s[j++];
      }
      if (j >= s.length) throw new TemplateError(`${where}: unterminated quoted string`);
      out.push({ k: 'str', v });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = s.indexOf('`', i + 1);
      if (j < 0) throw new TemplateError(`${where}: unterminated raw quoted string`);
      out.push({ k: 'str', v: s.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      out.push({ k: 'num', v: s.charCodeAt(i + 1) });
      i = j + 1;
      continue;
    }
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|0x[0-9a-fA-F]+)/.exec(s.slice(i));
    if (m && (c !== '-' || /\d/.test(s[i + 1] ?? ''))) {
      out.push({ k: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    const f = /^(\$[A-Za-z0-9_]*|\.)?([A-Za-z_][A-Za-z0-9_]*)?((\.[A-Za-z_][A-Za-z0-9_]*)*)/.exec(s.slice(i));
    if (f && f[0]) {
      const w = f[0];
      if (w.startsWith('$')) out.push({ k: 'var', v: w });
      else if (w.startsWith('.')) out.push({ k: 'field', v: w });
      else if (w.includes('.')) {
        // identifier immediately followed by a field chain is an error in Go; keep the name
        out.push({ k: 'ident', v: w.split('.')[0] });
      } else out.push({ k: 'ident', v: w });
      i += w.length;
      // `.a.b` right after `)` belongs to the paren
      continue;
    }
    throw new TemplateError(`${where}: unexpected "${c}" in command`);
  }
  return out;
}

function toArg(l: Lex): Arg {
  switch (l.k) {
    case 'str':
      return { t: 'str', v: l.v };
    case 'num':
      return { t: 'num', v: l.v };
    case 'field':
      return { t: 'field', base: 'dot', path: l.v === '.' ? [] : l.v.slice(1).split('.') };
    case 'var': {
      const [name, ...path] = l.v.split('.');
      return name === '$' ? { t: 'field', base: 'root', path } : { t: 'field', base: 'var', name, path };
    }
    case 'ident':
      if (l.v === 'true' || l.v === 'false') return { t: 'bool', v: l.v === 'true' };
      if (l.v === 'nil') return { t: 'nil' };
      return { t: 'ident', name: l.v };
    default:
      throw new TemplateError(`unexpected ${l.v}`);
  }
}

/** Parse a pipeline from lexemes [from, to). */
function parsePipe(lx: Lex[], src: string, line: number, col: number, where: string): Pipe {
  let i = 0;
  const pipe: Pipe = { cmds: [], line, col, src: src.trim() };
  // declarations: $a := … / $a, $b := … / $a = …
  const declEnd = lx.findIndex((l) => l.k === 'op' && (l.v === ':=' || l.v === '='));
  if (declEnd > 0 && lx.slice(0, declEnd).every((l) => l.k === 'var' || (l.k === 'op' && l.v === ','))) {
    pipe.decl = { names: lx.slice(0, declEnd).filter((l) => l.k === 'var').map((l) => l.v), assign: (lx[declEnd] as { v: string }).v === '=' };
    i = declEnd + 1;
  }
  const parseCmd = (): Cmd => {
    const args: Arg[] = [];
    while (i < lx.length) {
      const l = lx[i];
      if (l.k === 'op' && (l.v === '|' || l.v === ')')) break;
      if (l.k === 'op' && l.v === '(') {
        i++;
        const start = i;
        let depth = 1;
        while (i < lx.length && depth > 0) {
          const x = lx[i];
          if (x.k === 'op' && x.v === '(') depth++;
          if (x.k === 'op' && x.v === ')') depth--;
          i++;
        }
        if (depth) throw new TemplateError(`${where}: unclosed left paren`);
        const inner = parsePipe(lx.slice(start, i - 1), src, line, col, where);
        let path: string[] = [];
        const nx = lx[i];
        if (nx && nx.k === 'field' && nx.v !== '.' && noSpaceBefore(src, nx.v)) {
          path = nx.v.slice(1).split('.');
          i++;
        }
        args.push({ t: 'paren', pipe: inner, path });
        continue;
      }
      if (l.k === 'op') throw new TemplateError(`${where}: unexpected "${l.v}" in operand`);
      args.push(toArg(l));
      i++;
    }
    if (!args.length) throw new TemplateError(`${where}: missing value for command`);
    return { args };
  };
  for (;;) {
    pipe.cmds.push(parseCmd());
    if (i >= lx.length) break;
    const l = lx[i];
    if (l.k === 'op' && l.v === '|') {
      i++;
      continue;
    }
    throw new TemplateError(`${where}: unexpected "${(l as { v: unknown }).v}" in command`);
  }
  return pipe;
}

function noSpaceBefore(src: string, field: string): boolean {
  return src.includes(')' + field);
}

export interface Parsed {
  root: Node[];
  defines: Map<string, Node[]>;
}

/** Parse a template source; `name` is its path (`web/templates/deployment.yaml`) for messages. */
export function parseTemplate(src: string, name: string): Parsed {
  const toks = tokenize(src, name);
  const defines = new Map<string, Node[]>();
  let k = 0;
  type Frame = { kind: string; nodes: Node[]; node?: Node & { else?: Node[] }; defName?: string; elseIfDepth: number };
  const stack: Frame[] = [{ kind: 'root', nodes: [], elseIfDepth: 0 }];
  const top = () => stack[stack.length - 1];
  for (; k < toks.length; k++) {
    const tok = toks[k];
    if (tok.kind === 'text') {
      top().nodes.push({ t: 'text', v: tok.v });
      continue;
    }
    const where = `template: ${name}:${tok.line}`;
    const body = tok.v.trim();
    const kw = /^([a-z]+)\b\s*([\s\S]*)$/.exec(body);
    const word = kw?.[1];
    const rest = kw?.[2] ?? '';
    const pipeOf = (s: string) => parsePipe(lexAction(s, where), s, tok.line, tok.col, where);
    if (word === 'if' || word === 'with' || word === 'range') {
      const node = { t: word, pipe: pipeOf(rest), then: [] as Node[] } as Node & { then: Node[]; else?: Node[] };
      top().nodes.push(node);
      stack.push({ kind: word, nodes: node.then, node, elseIfDepth: 0 });
      continue;
    }
    if (word === 'else') {
      const f = top();
      if (!f.node) throw new TemplateError(`${where}: unexpected {{else}}`);
      f.node.else = [];
      const m = /^(if|with)\b\s*([\s\S]*)$/.exec(rest);
      if (m) {
        // else if: a nested if inside the else branch, closed by the same {{end}}
        const node = { t: m[1], pipe: pipeOf(m[2]), then: [] as Node[] } as Node & { then: Node[]; else?: Node[] };
        f.node.else.push(node);
        f.nodes = node.then;
        f.node = node;
        f.elseIfDepth++;
      } else f.nodes = f.node.else;
      continue;
    }
    if (word === 'end') {
      const f = stack.pop()!;
      if (f.kind === 'root') throw new TemplateError(`${where}: unexpected {{end}}`);
      if (f.kind === 'define') defines.set(f.defName!, f.nodes);
      continue;
    }
    if (word === 'define' || word === 'block') {
      const m = /^"([^"]*)"\s*([\s\S]*)$/.exec(rest);
      if (!m) throw new TemplateError(`${where}: bad ${word} name`);
      if (word === 'block') top().nodes.push({ t: 'template', name: m[1], pipe: m[2].trim() ? pipeOf(m[2]) : undefined });
      stack.push({ kind: 'define', nodes: [], defName: m[1], elseIfDepth: 0 });
      continue;
    }
    if (word === 'template') {
      const m = /^"([^"]*)"\s*([\s\S]*)$/.exec(rest);
      if (!m) throw new TemplateError(`${where}: bad template name`);
      top().nodes.push({ t: 'template', name: m[1], pipe: m[2].trim() ? pipeOf(m[2]) : undefined });
      continue;
    }
    if (word === 'break' || word === 'continue') {
      top().nodes.push({ t: word });
      continue;
    }
    top().nodes.push({ t: 'action', pipe: pipeOf(body) });
  }
  if (stack.length > 1) throw new TemplateError(`template: ${name}: unexpected EOF`);
  return { root: stack[0].nodes, defines };
}
