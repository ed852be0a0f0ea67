/**
 * A DOM-free, bash/readline-like line editor for an xterm.js terminal.
 *
 * Input: the strings xterm's `onData` delivers (printable text, control characters, escape sequences,
 * pasted text with several lines). Output: the escape sequences to write to the terminal, and — when a
 * key needs the simulated shell — an `action` the caller performs before feeding the rest of the input:
 *
 *   const { output, action, rest } = editor.feed(data);
 *   term.write(output);
 *   if (action?.type === 'line') …ask the shell, then editor.begin(prompt) / run the command…
 *   if (rest) feed `rest` later (after the action is done).
 *
 * The editor tracks where the terminal cursor is (including wrapped rows and double-width characters)
 * so that it can redraw only what changed, like readline does.
 */

export type EditorAction =
  /** Enter was pressed: `text` is the line (without the newline). The output already ended the row. */
  | { type: 'line'; text: string; continuation: boolean }
  /** Ctrl-C at the prompt: the line was dropped and `^C` + newline printed. */
  | { type: 'cancel' }
  /** Tab: ask the shell for completions of `line` at `cursor`, then call `applyCompletion`. */
  | { type: 'complete'; line: string; cursor: number; repeat: boolean }
  /** Ctrl-L: the screen was cleared and the line redrawn (purely informational). */
  | { type: 'clear' };

export interface FeedResult {
  /** Escape sequences / text to write to the terminal. */
  output: string;
  /** Set when processing stopped at a key that needs the caller (Enter, Tab, Ctrl-C). */
  action?: EditorAction;
  /** Input not processed yet (after an action); feed it once the action is handled. */
  rest: string;
}

export interface LineEditorOptions {
  /** Terminal width in columns. */
  cols?: number;
  /** Initial history, oldest first. */
  history?: string[];
  /** Maximum number of history entries kept. */
  maxHistory?: number;
  /** Decorates a prompt for display (colours); width is always computed from the plain prompt. */
  renderPrompt?: (prompt: string, continuation: boolean) => string;
}

export interface CompletionResult {
  /** Index in the line where the word being completed starts. */
  from: number;
  /** Full candidate words. */
  candidates: string[];
}

const ESC = '\x1b';
const CSI = '\x1b[';

/** Display width of one code point in a terminal (East Asian wide/fullwidth = 2, combining = 0). */
export function charWidth(cp: number): number {
  if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) return 0;
  // Combining marks and zero-width characters.
  if (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x20d0 && cp <= 0x20ff)
  ) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Display width of a string. */
export function stringWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Longest common prefix of a list of strings. */
export function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0];
  for (const w of words) {
    let i = 0;
    while (i < p.length && i < w.length && p[i] === w[i]) i++;
    p = p.slice(0, i);
    if (!p) break;
  }
  return p;
}

/** Lay out candidates in columns like bash does when listing completions. */
export function formatColumns(words: string[], cols: number): string {
  if (words.length === 0) return '';
  const width = Math.max(...words.map(stringWidth)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(words.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const i = c * rows + r; // column-major, like bash
      if (i >= words.length) break;
      const w = words[i];
      const isLast = c === perRow - 1 || (c + 1) * rows + r >= words.length;
      line += isLast ? w : w + ' '.repeat(width - stringWidth(w));
    }
    lines.push(line);
  }
  return lines.join('\r\n');
}

/** Strings in `words` split into code points (so that surrogate pairs move as one). */
function chars(s: string): string[] {
  return Array.from(s);
}

export class LineEditor {
  /** The line being edited, as an array of code points. */
  private buf: string[] = [];
  /** Cursor index into `buf`. */
  private cur = 0;
  private promptText = '';
  private promptWidth = 0;
  private continuation = false;
  /** Where the terminal cursor is, as a display offset from the start of the prompt. */
  private termOffset = 0;

  private hist: string[];
  private histPos: number;
  private draft = '';
  private readonly maxHistory: number;
  private killRing = '';
  private lastWasTab = false;
  private active = false;

  cols: number;
  private readonly renderPrompt: (prompt: string, continuation: boolean) => string;

  constructor(opts: LineEditorOptions = {}) {
    this.cols = Math.max(2, opts.cols ?? 80);
    this.maxHistory = opts.maxHistory ?? 500;
    this.hist = (opts.history ?? []).slice(-this.maxHistory);
    this.histPos = this.hist.length;
    this.renderPrompt = opts.renderPrompt ?? ((p) => p);
  }

  /** The current line. */
  get line(): string {
    return this.buf.join('');
  }

  /** The cursor position as a UTF-16 index into `line`. */
  get cursor(): number {
    return this.buf.slice(0, this.cur).join('').length;
  }

  /** History, oldest first. */
  get history(): string[] {
    return this.hist.slice();
  }

  /** True between `begin()` and the Enter/Ctrl-C that ends the line. */
  get isActive(): boolean {
    return this.active;
  }

  get isContinuation(): boolean {
    return this.continuation;
  }

  /** Start a new line with a prompt; returns the text to write (the prompt). */
  begin(prompt: string, opts: { continuation?: boolean } = {}): string {
    this.promptText = prompt;
    this.promptWidth = stringWidth(prompt);
    this.continuation = !!opts.continuation;
    this.buf = [];
    this.cur = 0;
    this.termOffset = this.promptWidth;
    this.histPos = this.hist.length;
    this.draft = '';
    this.lastWasTab = false;
    this.active = true;
    // A prompt that ends exactly at the right margin leaves the cursor in the "pending wrap" state.
    const wrapFix = this.promptWidth > 0 && this.promptWidth % this.cols === 0 ? '\r\n' : '';
    return this.renderPrompt(prompt, this.continuation) + wrapFix;
  }

  /** Stop editing (a command is running); input fed meanwhile is ignored. */
  end(): void {
    this.active = false;
  }

  /** Add an entry to the history (skips blanks and an immediate duplicate). */
  addHistory(line: string): void {
    if (!line.trim()) return;
    if (this.hist[this.hist.length - 1] === line) return;
    this.hist.push(line);
    if (this.hist.length > this.maxHistory) this.hist.splice(0, this.hist.length - this.maxHistory);
    this.histPos = this.hist.length;
  }

  /** The terminal width changed (xterm reflows wrapped rows; our offsets stay valid). */
  resize(cols: number): void {
    this.cols = Math.max(2, cols);
  }

  /** Redraw the prompt and the line from the current row (e.g. after listing completions). */
  redraw(): string {
    const prompt = this.renderPrompt(this.promptText, this.continuation);
    this.termOffset = this.promptWidth;
    let out = prompt + (this.promptWidth > 0 && this.promptWidth % this.cols === 0 ? '\r\n' : '');
    out += this.renderFrom(0);
    return out;
  }

  /**
   * Process input. Stops after the first key that needs the caller (see EditorAction); the rest of the
   * input is returned in `rest`.
   */
  feed(data: string): FeedResult {
    let out = '';
    let i = 0;
    if (!this.active) return { output: '', rest: '' };
    while (i < data.length) {
      const ch = data[i];
      // ---- escape sequences
      if (ch === ESC) {
        const seq = readEscape(data, i);
        i += seq.length;
        this.lastWasTab = false;
        out += this.handleEscape(seq);
        continue;
      }
      const code = ch.charCodeAt(0);
      if (ch !== '\t') this.lastWasTab = false;
      // ---- Enter (\r, \n, or \r\n as one)
      if (ch === '\r' || ch === '\n') {
        i++;
        if (ch === '\r' && data[i] === '\n') i++;
        const text = this.line;
        out += this.toNewRow();
        this.active = false;
        if (!this.continuation) this.addHistory(text);
        return { output: out, action: { type: 'line', text, continuation: this.continuation }, rest: data.slice(i) };
      }
      if (ch === '\t') {
        i++;
        const repeat = this.lastWasTab;
        this.lastWasTab = true;
        return {
          output: out,
          action: { type: 'complete', line: this.line, cursor: this.cursor, repeat },
          rest: data.slice(i),
        };
      }
      if (code < 0x20 || code === 0x7f) {
        i++;
        switch (code) {
          case 0x01: // Ctrl-A
            out += this.setCursor(0);
            break;
          case 0x05: // Ctrl-E
            out += this.setCursor(this.buf.length);
            break;
          case 0x02: // Ctrl-B
            out += this.setCursor(this.cur - 1);
            break;
          case 0x06: // Ctrl-F
            out += this.setCursor(this.cur + 1);
            break;
          case 0x08: // Ctrl-H
          case 0x7f: // Backspace
            out += this.backspace();
            break;
          case 0x04: // Ctrl-D: delete under cursor; on an empty line, end of input (`exit` leaves an ssh session)
            if (!this.buf.length && !this.continuation) {
              out += this.toNewRow();
              this.active = false;
              return { output: out, action: { type: 'line', text: 'exit', continuation: false }, rest: data.slice(i) };
            }
            out += this.deleteForward();
            break;
          case 0x15: // Ctrl-U: kill to start
            out += this.kill(0, this.cur);
            break;
          case 0x0b: // Ctrl-K: kill to end
            out += this.kill(this.cur, this.buf.length);
            break;
          case 0x17: // Ctrl-W: kill previous whitespace-delimited word
            out += this.kill(this.wordStartBefore(this.cur, /\s/), this.cur);
            break;
          case 0x19: // Ctrl-Y: yank
            out += this.insert(this.killRing);
            break;
          case 0x10: // Ctrl-P
            out += this.historyMove(-1);
            break;
          case 0x0e: // Ctrl-N
            out += this.historyMove(1);
            break;
          case 0x0c: // Ctrl-L
            out += CSI + 'H' + CSI + '2J' + this.redraw();
            return { output: out, action: { type: 'clear' }, rest: data.slice(i) };
          case 0x03: // Ctrl-C
            out += this.moveTo(this.endOffset()) + '^C\r\n';
            this.termOffset = 0;
            this.buf = [];
            this.cur = 0;
            this.active = false;
            return { output: out, action: { type: 'cancel' }, rest: data.slice(i) };
          default:
            break; // other control characters are ignored
        }
        continue;
      }
      // ---- printable text: take the whole run of printable characters at once
      let j = i;
      while (j < data.length) {
        const c = data.charCodeAt(j);
        if (c < 0x20 || c === 0x7f || data[j] === ESC) break;
        j++;
      }
      out += this.insert(data.slice(i, j));
      i = j;
    }
    return { output: out, rest: '' };
  }

  /**
   * Apply a completion result for the Tab that produced `action` (`repeat` = second Tab in a row).
   * Returns the text to write.
   */
  applyCompletion(result: CompletionResult, repeat: boolean): string {
    if (!this.active) return '';
    const line = this.line;
    const cursorIdx = this.cursor;
    const from = Math.max(0, Math.min(result.from, cursorIdx));
    const word = line.slice(from, cursorIdx);
    const candidates = Array.from(new Set(result.candidates.filter((c) => c.startsWith(word))));
    if (candidates.length === 0) return '\x07';
    if (candidates.length === 1) {
      const c = candidates[0];
      const after = line.slice(cursorIdx);
      const suffix = c.endsWith('/') || c.endsWith('=') || after.startsWith(' ') ? '' : ' ';
      this.lastWasTab = false;
      return this.insert(c.slice(word.length) + suffix);
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > word.length) {
      return this.insert(prefix.slice(word.length));
    }
    if (!repeat) return '\x07';
    // Second Tab: list the candidates below, then redraw the prompt and the line.
    const sorted = candidates.slice().sort();
    let out = this.toNewRow() + formatColumns(sorted, this.cols) + '\r\n';
    const cur = this.cur;
    out += this.redraw();
    out += this.setCursor(cur);
    return out;
  }

  // ---------------------------------------------------------------- editing primitives

  private insert(text: string): string {
    if (!text) return '';
    // Newlines cannot be part of a line; tabs become spaces.
    const cps = chars(text.replace(/\t/g, ' ').replace(/[\r\n]/g, ''));
    if (cps.length === 0) return '';
    const at = this.cur;
    this.buf.splice(at, 0, ...cps);
    this.cur = at + cps.length;
    return this.rerender(at);
  }

  private backspace(): string {
    if (this.cur === 0) return '';
    const at = this.cur - 1;
    this.buf.splice(at, 1);
    this.cur = at;
    return this.rerender(at);
  }

  private deleteForward(): string {
    if (this.cur >= this.buf.length) return '';
    this.buf.splice(this.cur, 1);
    return this.rerender(this.cur);
  }

  private kill(from: number, to: number): string {
    if (to <= from) return '';
    this.killRing = this.buf.slice(from, to).join('');
    this.buf.splice(from, to - from);
    this.cur = from;
    return this.rerender(from);
  }

  private setCursor(index: number): string {
    const next = Math.max(0, Math.min(this.buf.length, index));
    this.cur = next;
    return this.moveTo(this.offsetOf(next));
  }

  private replaceLine(text: string): string {
    this.buf = chars(text);
    this.cur = this.buf.length;
    return this.rerender(0);
  }

  private historyMove(delta: number): string {
    const next = this.histPos + delta;
    if (next < 0 || next > this.hist.length) return '';
    if (this.histPos === this.hist.length) this.draft = this.line;
    this.histPos = next;
    return this.replaceLine(next === this.hist.length ? this.draft : this.hist[next]);
  }

  /** Index of the start of the word before `index` (words separated by `sep`). */
  private wordStartBefore(index: number, sep: RegExp): number {
    let i = index;
    while (i > 0 && sep.test(this.buf[i - 1])) i--;
    while (i > 0 && !sep.test(this.buf[i - 1])) i--;
    return i;
  }

  private wordEndAfter(index: number, sep: RegExp): number {
    let i = index;
    while (i < this.buf.length && sep.test(this.buf[i])) i++;
    while (i < this.buf.length && !sep.test(this.buf[i])) i++;
    return i;
  }

  private handleEscape(seq: string): string {
    const NONWORD = /[^A-Za-z0-9]/;
    switch (seq) {
      case '\x1b[D':
      case '\x1bOD':
        return this.setCursor(this.cur - 1);
      case '\x1b[C':
      case '\x1bOC':
        return this.setCursor(this.cur + 1);
      case '\x1b[A':
      case '\x1bOA':
        return this.historyMove(-1);
      case '\x1b[B':
      case '\x1bOB':
        return this.historyMove(1);
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x1b[7~':
        return this.setCursor(0);
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x1b[8~':
        return this.setCursor(this.buf.length);
      case '\x1b[3~':
        return this.deleteForward();
      case '\x1b[1;5D': // Ctrl-Left
      case '\x1b[1;3D': // Alt-Left
      case '\x1bb': // Alt-b
        return this.setCursor(this.wordStartBefore(this.cur, NONWORD));
      case '\x1b[1;5C':
      case '\x1b[1;3C':
      case '\x1bf': // Alt-f
        return this.setCursor(this.wordEndAfter(this.cur, NONWORD));
      case '\x1bd': // Alt-d
        return this.kill(this.cur, this.wordEndAfter(this.cur, NONWORD));
      case '\x1b\x7f': // Alt-Backspace
        return this.kill(this.wordStartBefore(this.cur, NONWORD), this.cur);
      default:
        return ''; // unknown sequences (F-keys, PageUp …) are ignored, never inserted
    }
  }

  // ---------------------------------------------------------------- rendering

  /** Display offset (from the prompt start) of buffer index `index`, honouring wide-char wrapping. */
  private offsetOf(index: number): number {
    let off = this.promptWidth;
    for (let k = 0; k < index && k < this.buf.length; k++) off = this.advance(off, this.buf[k]);
    return off;
  }

  private endOffset(): number {
    return this.offsetOf(this.buf.length);
  }

  /** Offset after placing `ch` at `off` (a wide char that does not fit on the row wraps first). */
  private advance(off: number, ch: string): number {
    const w = charWidth(ch.codePointAt(0)!);
    const col = off % this.cols;
    if (w === 2 && col === this.cols - 1) off += 1;
    return off + w;
  }

  /** Move to the end of the line and start a fresh row below it. */
  private toNewRow(): string {
    const end = this.endOffset();
    const out = this.moveTo(end) + (end > 0 && end % this.cols === 0 ? '' : '\r\n');
    this.termOffset = 0;
    return out;
  }

  /** Move the terminal cursor from `termOffset` to `target`. */
  private moveTo(target: number): string {
    const from = this.termOffset;
    if (from === target) return '';
    const fr = Math.floor(from / this.cols);
    const tr = Math.floor(target / this.cols);
    const tc = target % this.cols;
    let out = '';
    if (tr < fr) out += CSI + (fr - tr) + 'A';
    else if (tr > fr) out += CSI + (tr - fr) + 'B';
    const fc = from % this.cols;
    if (tc !== fc || tr !== fr) {
      if (tc === 0) out += '\r';
      else if (tr === fr && tc < fc) out += CSI + (fc - tc) + 'D';
      else if (tr === fr && tc > fc) out += CSI + (tc - fc) + 'C';
      else out += CSI + (tc + 1) + 'G';
    }
    this.termOffset = target;
    return out;
  }

  /** Rewrite the line from buffer index `from` to the end, clear leftovers, put the cursor back. */
  private rerender(from: number): string {
    const start = this.offsetOf(from);
    let out = this.moveTo(start);
    let off = start;
    for (let k = from; k < this.buf.length; k++) {
      const ch = this.buf[k];
      const next = this.advance(off, ch);
      if (next - off > charWidth(ch.codePointAt(0)!)) out += ' '; // padding before a wrapped wide char
      out += ch;
      off = next;
    }
    this.termOffset = off;
    // At an exact row boundary the cursor is in "pending wrap"; make the wrap real.
    if (off > start && off % this.cols === 0) out += '\r\n';
    out += CSI + 'J';
    out += this.moveTo(this.offsetOf(this.cur));
    return out;
  }

  private renderFrom(from: number): string {
    return this.rerender(from);
  }
}

/** Read one escape sequence starting at data[i] (which is ESC). */
export function readEscape(data: string, i: number): string {
  const next = data[i + 1];
  if (next === undefined) return ESC;
  if (next === '[') {
    // CSI: parameters 0x30–0x3f, intermediates 0x20–0x2f, final 0x40–0x7e
    let j = i + 2;
    while (j < data.length) {
      const c = data.charCodeAt(j);
      if (c >= 0x40 && c <= 0x7e) return data.slice(i, j + 1);
      if (c < 0x20 || c > 0x7e) return data.slice(i, j); // malformed: stop before
      j++;
    }
    return data.slice(i);
  }
  if (next === 'O') return data.slice(i, Math.min(data.length, i + 3));
  return data.slice(i, i + 2); // Alt-<key>
}
