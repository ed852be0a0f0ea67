/**
 * A port of the block-style parts of go-yaml v2's emitter (libyaml emitterc.go, as vendored by
 * sigs.k8s.io/yaml v1.4 — what `kubectl -o yaml` uses): scalar analysis and style selection, plain /
 * single-quoted / double-quoted / literal writers with line folding at 80 columns, block mappings and
 * sequences, `{}` / `[]` for empty collections. Input: JSON-like values whose map keys are already in
 * the order to print.
 */

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

export type YNode =
  | { t: 'scalar'; value: string; style: ScalarStyle }
  | { t: 'seq'; items: YNode[] }
  | { t: 'map'; entries: [YNode, YNode][] };

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

const FIRST_INDICATORS = new Set(Array.from('#,[]{}&*!|>\'"%@`', (c) => c.charCodeAt(0)));
const FLOW_INDICATORS = new Set(Array.from(',?[]{}', (c) => c.charCodeAt(0)));
const SIMPLE = /^[A-Za-z0-9_./=+-]*$/;
const NON_ASCII = /[^\x00-\x7f]/;
const SURROGATE = /[\ud800-\udbff]/;

const isSpace = (c: number | undefined) => c === 0x20;
const isBreak = (c: number | undefined) => c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number | undefined) => c === 0x20 || c === 0x09;
const isBlankz = (c: number | undefined) => c === undefined || c === 0 || isBlank(c) || isBreak(c);
function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}
const toCodePoint = (ch: string) => ch.codePointAt(0)!;

/** yaml_emitter_analyze_scalar: what styles a scalar may be written in. */
export class ScalarData {
  multiline = false;
  flowPlain = false;
  blockPlain = true;
  singleQuoted = true;
  block = false;
  private cpsCache: number[] | undefined;

  constructor(readonly value: string) {
    if (value.length === 0) return;
    // fast path: characters that never make a scalar special (a lone '-' is an indicator)
    if (value !== '-' && SIMPLE.test(value) && !value.startsWith('---') && !value.startsWith('...')) {
      this.flowPlain = this.blockPlain = this.singleQuoted = this.block = true;
      return;
    }
    this.analyze();
  }

  /** Code points of the value. */
  get cps(): number[] {
    return (this.cpsCache ??= Array.from(this.value, toCodePoint));
  }
  /** Length in code points. */
  get len(): number {
    return SURROGATE.test(this.value) ? this.cps.length : this.value.length;
  }
  /** Length in UTF-8 bytes (Go's len). */
  get bytes(): number {
    return NON_ASCII.test(this.value) ? new TextEncoder().encode(this.value).length : this.value.length;
  }

  private analyze(): void {
    const cps = this.cps;
    let blockInd = false;
    let flowInd = false;
    let lineBreaks = false;
    let special = false;
    let leadingSpace = false;
    let leadingBreak = false;
    let trailingSpace = false;
    let trailingBreak = false;
    let breakSpace = false;
    let spaceBreak = false;
    let prevSpace = false;
    let prevBreak = false;
    if (this.value.startsWith('---') || this.value.startsWith('...')) {
      blockInd = true;
      flowInd = true;
    }
    let precededByWs = true;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      const followedByWs = i + 1 >= cps.length || isBlank(cps[i + 1]);
      if (i === 0) {
        if (FIRST_INDICATORS.has(c)) {
          flowInd = true;
          blockInd = true;
        } else if (c === 0x3f || c === 0x3a) {
          flowInd = true;
          if (followedByWs) blockInd = true;
        } else if (c === 0x2d) {
          if (followedByWs) {
            flowInd = true;
            blockInd = true;
          }
        }
      } else if (FLOW_INDICATORS.has(c)) {
        flowInd = true;
      } else if (c === 0x3a) {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (c === 0x23) {
        if (precededByWs) {
          flowInd = true;
          blockInd = true;
        }
      }
      if (!isPrintable(c)) special = true; // emitter.unicode is true: non-ASCII printable is fine
      if (isSpace(c)) {
        if (i === 0) leadingSpace = true;
        if (i === cps.length - 1) trailingSpace = true;
        if (prevBreak) breakSpace = true;
        prevSpace = true;
        prevBreak = false;
      } else if (isBreak(c)) {
        lineBreaks = true;
        if (i === 0) leadingBreak = true;
        if (i === cps.length - 1) trailingBreak = true;
        if (prevSpace) spaceBreak = true;
        prevSpace = false;
        prevBreak = true;
      } else {
        prevSpace = false;
        prevBreak = false;
      }
      precededByWs = isBlankz(c);
    }
    this.multiline = lineBreaks;
    this.flowPlain = true;
    this.blockPlain = true;
    this.singleQuoted = true;
    this.block = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      this.flowPlain = false;
      this.blockPlain = false;
    }
    if (trailingSpace) this.block = false;
    if (breakSpace) {
      this.flowPlain = false;
      this.blockPlain = false;
      this.singleQuoted = false;
    }
    if (spaceBreak || special) {
      this.flowPlain = false;
      this.blockPlain = false;
      this.singleQuoted = false;
      this.block = false;
    }
    if (lineBreaks) {
      this.flowPlain = false;
      this.blockPlain = false;
    }
    if (flowInd) this.flowPlain = false;
    if (blockInd) this.blockPlain = false;
  }
}

export function analyzeScalar(value: string): ScalarData {
  return new ScalarData(value);
}

export class YamlEmitter {
  private out: string[] = [];
  private column = 0;
  private indent = -1;
  private indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;
  private rootCtx = false;
  private mappingCtx = false;
  private simpleKeyCtx = false;

  /** Emit one document (implicit start, implicit end) and return the text. */
  document(root: YNode): string {
    this.node(root, true, false, false, false);
    this.writeIndent(); // document end
    return this.out.join('');
  }

  private put(s: string): void {
    this.out.push(s);
    this.column++;
  }
  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }
  private writeCp(c: number): void {
    this.out.push(String.fromCodePoint(c));
    this.column++;
  }
  private writeBreakCp(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.writeCp(c);
      this.column = 0;
    }
  }
  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }
  private writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  private writeIndicator(ind: string, needWs: boolean, isWs: boolean, isIndention: boolean): void {
    if (needWs && !this.whitespace) this.put(' ');
    for (const ch of ind) this.put(ch);
    this.whitespace = isWs;
    this.indention = this.indention && isIndention;
  }

  private node(n: YNode, root: boolean, sequence: boolean, mapping: boolean, simpleKey: boolean): void {
    this.rootCtx = root;
    void sequence;
    this.mappingCtx = mapping;
    this.simpleKeyCtx = simpleKey;
    if (n.t === 'scalar') this.scalar(n.value, n.style);
    else if (n.t === 'seq') this.sequence(n.items);
    else this.mapping(n.entries);
  }

  private sequence(items: YNode[]): void {
    if (this.flowLevel > 0 || items.length === 0) {
      this.writeIndicator('[', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
      // only empty flow sequences are produced
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator(']', false, false, false);
      return;
    }
    this.increaseIndent(false, this.mappingCtx && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, false, true, false, false);
    }
    this.popIndent();
  }

  private mapping(entries: [YNode, YNode][]): void {
    if (this.flowLevel > 0 || entries.length === 0) {
      this.writeIndicator('{', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator('}', false, false, false);
      return;
    }
    this.increaseIndent(false, false);
    for (const [k, v] of entries) {
      this.writeIndent();
      if (this.isSimpleKey(k)) {
        this.node(k, false, false, true, true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(k, false, false, true, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(v, false, false, true, false);
    }
    this.popIndent();
  }

  private isSimpleKey(k: YNode): boolean {
    if (k.t === 'scalar') {
      const d = analyzeScalar(k.value);
      if (d.multiline) return false;
      return d.bytes <= 128;
    }
    if (k.t === 'seq') return k.items.length === 0;
    return k.entries.length === 0;
  }

  private scalar(value: string, requested: ScalarStyle): void {
    const d = analyzeScalar(value);
    let style = requested;
    if (this.simpleKeyCtx && d.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !d.flowPlain) || (this.flowLevel === 0 && !d.blockPlain)) style = 'single';
      if (d.cps.length === 0 && (this.flowLevel > 0 || this.simpleKeyCtx)) style = 'single';
    }
    if (style === 'single' && !d.singleQuoted) style = 'double';
    if (style === 'literal' && (!d.block || this.flowLevel > 0 || this.simpleKeyCtx)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyCtx;
    switch (style) {
      case 'plain':
        this.writePlain(d, allowBreaks, value);
        break;
      case 'single':
        this.writeSingle(d, allowBreaks, value);
        break;
      case 'double':
        this.writeDouble(d.cps, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(d.cps);
        break;
    }
    this.popIndent();
  }

  private writePlain(d: ScalarData, allowBreaks: boolean, text: string): void {
    if (!this.whitespace) this.put(' ');
    if (!/[ \r\n\u0085\u2028\u2029]/.test(text)) {
      this.out.push(text);
      this.column += d.len;
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const v = d.cps;
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; ) {
      const c = v[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(v[i + 1])) {
          this.writeIndent();
          i++;
        } else {
          this.writeCp(c);
          i++;
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakCp(c);
        i++;
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        i++;
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(d: ScalarData, allowBreaks: boolean, text: string): void {
    this.writeIndicator("'", true, false, false);
    if (!/[ \r\n\u0085\u2028\u2029]/.test(text)) {
      const quotes = text.split("'").length - 1;
      this.out.push(text.replace(/'/g, "''"));
      this.column += d.len + quotes;
      this.writeIndicator("'", false, false, false);
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const v = d.cps;
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; ) {
      const c = v[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1 && !isSpace(v[i + 1])) {
          this.writeIndent();
          i++;
        } else {
          this.writeCp(c);
          i++;
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakCp(c);
        i++;
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.writeCp(c);
        i++;
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(v: number[], allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    const bom = v[0] === 0xfeff;
    for (let i = 0; i < v.length; ) {
      const c = v[i];
      if (!isPrintable(c) || bom || isBreak(c) || c === 0x22 || c === 0x5c) {
        i++;
        this.put('\\');
        const short: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
          0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        };
        if (c in short) this.put(short[c]);
        else {
          const [p, w] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(p);
          for (const digit of c.toString(16).toUpperCase().padStart(w, '0')) this.put(digit);
        }
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1) {
          this.writeIndent();
          if (isSpace(v[i + 1])) this.put('\\');
          i++;
        } else {
          this.writeCp(c);
          i++;
        }
        spaces = true;
      } else {
        this.writeCp(c);
        i++;
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(v: number[]): void {
    this.writeIndicator('|', true, false, false);
    // block scalar hints
    if (isSpace(v[0]) || isBreak(v[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (v.length === 0) chomp = '-';
    else {
      const last = v.length - 1;
      if (!isBreak(v[last])) chomp = '-';
      else if (last === 0) chomp = '+';
      else if (isBreak(v[last - 1])) chomp = '+';
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < v.length; ) {
      const c = v[i];
      if (isBreak(c)) {
        this.writeBreakCp(c);
        i++;
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        i++;
        this.indention = false;
        breaks = false;
      }
    }
  }
}
