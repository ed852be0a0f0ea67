/**
 * A port of k8s.io/client-go/util/jsonpath parser.go (kubectl's template-flavoured JSONPath):
 * `{...}` actions inside literal text, `.field`, `['key']`, `[i]`, `[a:b:c]`, `[*]`, `[a,b]`,
 * `..`, `*`, `[?(@.x=="y")]`, quoted literals, `range` / `end`. Error texts are upstream's.
 */

export interface ParamsEntry {
  value: number;
  known: boolean;
  derived: boolean;
}

export type JPNode =
  | { t: 'list'; nodes: JPNode[] }
  | { t: 'text'; text: string }
  | { t: 'field'; value: string }
  | { t: 'identifier'; name: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { t: 'filter'; left: JPNode & { t: 'list' }; right: JPNode & { t: 'list' }; operator: string }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: (JPNode & { t: 'list' })[] };

type ListNode = JPNode & { t: 'list' };

const EOF = -1;
const newList = (): ListNode => ({ t: 'list', nodes: [] });

const isSpace = (r: number) => r === 0x20 || r === 0x09;
const isEndOfLine = (r: number) => r === 0x0d || r === 0x0a;
const isLetter = (r: number) => r >= 0 && /\p{L}/u.test(String.fromCodePoint(r));
const isDigit = (r: number) => r >= 0 && /\p{Nd}/u.test(String.fromCodePoint(r));
const isAlphaNumeric = (r: number) => r === 0x5f || isLetter(r) || isDigit(r);
function isTerminator(r: number): boolean {
  if (isSpace(r) || isEndOfLine(r)) return true;
  return r === EOF || '.,[]$@{}'.includes(String.fromCodePoint(r));
}

/** Go's %#U: `U+003D '='` (quote part only for printable runes). */
export function goSharpU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  const printable = r >= 0x20 && r !== 0x7f && !(r >= 0x80 && r < 0xa0) && !/[\p{C}\p{Zl}\p{Zp}]/u.test(String.fromCodePoint(r));
  return printable ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

/** strconv.Atoi acceptance (optional sign, decimal digits, fits int64). */
function atoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) return undefined;
  return Number(v);
}

/** strconv.UnquoteChar-based unquoting of a "..." or '...' literal (UnquoteExtend). */
export function unquoteExtend(s: string): string {
  const n = s.length;
  if (n < 2) throw new Error('invalid syntax');
  const quote = s[0];
  if (quote !== s[n - 1] || (quote !== '"' && quote !== "'")) throw new Error('invalid syntax');
  let body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  while (body.length > 0) {
    const c = body[0];
    if (c === quote) throw new Error('invalid syntax');
    if (c !== '\\') {
      const cp = body.codePointAt(0)!;
      const ch = String.fromCodePoint(cp);
      out += ch;
      body = body.slice(ch.length);
      continue;
    }
    if (body.length < 2) throw new Error('invalid syntax');
    const e = body[1];
    body = body.slice(2);
    if (e in simple) out += simple[e];
    else if (e === "'" || e === '"') {
      if (e !== quote) throw new Error('invalid syntax');
      out += e;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(0, len);
      if (hex.length < len || !/^[0-9a-fA-F]+$/.test(hex)) throw new Error('invalid syntax');
      body = body.slice(len);
      const v = parseInt(hex, 16);
      if (e === 'x') out += String.fromCharCode(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new Error('invalid syntax');
        out += String.fromCodePoint(v);
      }
    } else if (e >= '0' && e <= '7') {
      const oct = e + body.slice(0, 2);
      if (!/^[0-7]{3}$/.test(oct)) throw new Error('invalid syntax');
      const v = parseInt(oct, 8);
      if (v > 255) throw new Error('invalid syntax');
      body = body.slice(2);
      out += String.fromCharCode(v);
    } else throw new Error('invalid syntax');
  }
  return out;
}

const DICT_KEY = /^'([^']*)'$/;
const SLICE_OP = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

export class JPParser {
  root: ListNode = newList();
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  static parse(text: string): ListNode {
    const p = new JPParser();
    p.input = text;
    p.root = newList();
    p.pos = 0;
    p.parseText(p.root);
    return p.root;
  }

  private static parseAction(text: string): ListNode {
    const root = JPParser.parse(`{${text}}`);
    return root.nodes[0] as ListNode;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }
  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }
  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }
  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += 1;
    this.consumeText();
    const n = newList();
    cur.nodes.push(n);
    this.parseInsideAction(n);
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) return this.parseRightDelim();
      if (rest.startsWith('[?(')) return this.parseFilter(cur);
      if (rest.startsWith('..')) return this.parseRecursive(cur);
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new Error('unclosed action');
      if (r === 0x20) {
        this.consumeText();
        continue;
      }
      if (r === 0x40 || r === 0x24) {
        this.consumeText();
        continue;
      }
      if (r === 0x5b) return this.parseArray(cur);
      if (r === 0x22 || r === 0x27) return this.parseQuote(cur, r);
      if (r === 0x2e) return this.parseField(cur);
      if (r === 0x2b || r === 0x2d || isDigit(r)) {
        this.backup();
        return this.parseNumber(cur);
      }
      if (isAlphaNumeric(r)) {
        this.backup();
        return this.parseIdentifier(cur);
      }
      throw new Error(`unrecognized character in action: ${goSharpU(r)}`);
    }
  }

  private parseRightDelim(): void {
    this.pos += 1;
    this.consumeText();
    this.parseText(this.root);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
    this.parseInsideAction(cur);
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.t === 'recursive') throw new Error('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    this.parseInsideAction(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      r = this.next();
      if (r !== 0x2e && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const i = atoi(value);
    if (i !== undefined) cur.nodes.push({ t: 'int', value: i });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: 'float', value: parseFloat(value) });
    else throw new Error(`cannot parse number ${value}`);
    this.parseInsideAction(cur);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new Error('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = strs.map((s) => JPParser.parseAction(`[${s.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ t: 'union', nodes: union });
      return this.parseInsideAction(cur);
    }
    const dict = DICT_KEY.exec(text);
    if (dict) {
      const sub = JPParser.parseAction(`.${dict[1]}`);
      cur.nodes.push(...sub.nodes);
      return this.parseInsideAction(cur);
    }
    const m = SLICE_OP.exec(text);
    if (!m) throw new Error(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === '') params[i].known = false;
        else {
          params[i].known = true;
          const v = atoi(value[i]);
          if (v === undefined) throw new Error(`array index ${value[i]} is not a number`);
          params[i].value = v;
        }
      } else if (i === 1) {
        params[i].known = true;
        params[i].value = params[0].value + 1;
        params[i].derived = true;
      } else {
        params[i].known = false;
        params[i].value = 0;
      }
    }
    cur.nodes.push({ t: 'array', params });
    this.parseInsideAction(cur);
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new Error('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29) {
        if (begin === end) break;
      }
    }
    if (this.next() !== 0x5d) throw new Error('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) cur.nodes.push({ t: 'filter', left: JPParser.parseAction(text), right: newList(), operator: 'exists' });
    else cur.nodes.push({ t: 'filter', left: JPParser.parseAction(m[1]), right: JPParser.parseAction(m[3]), operator: m[2] });
    this.parseInsideAction(cur);
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new Error('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new Error(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ t: 'text', text: s });
    this.parseInsideAction(cur);
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) {
      /* consume */
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', value: value.replace(/\\/g, '') });
    this.parseInsideAction(cur);
  }

  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c) this.next();
    else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}
