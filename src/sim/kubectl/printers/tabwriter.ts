/**
 * A port of Go's text/tabwriter (as forked by github.com/liggitt/tabwriter, which kubectl uses) —
 * the elastic-tabstop algorithm behind every kubectl table and every `kubectl describe`.
 *
 * Cells are tab-terminated; the text after the last tab of a line is not part of any column and is
 * never padded. A column block is a run of consecutive lines that all have a cell in that column.
 * A line without any tab (one cell) flushes the writer, which ends every open column block.
 */

interface Cell {
  text: string;
  width: number; // in runes (code points), as Go's utf8.RuneCount
  htab: boolean;
}

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar?: string;
  /** liggitt/tabwriter RememberWidths: keep the widest column widths seen across flushes. */
  rememberWidths?: boolean;
}

/** kubectl get: printers.GetNewTabWriter (minwidth 6, tabwidth 4, padding 3, RememberWidths). */
export const KUBECTL_TABLE_OPTS: TabWriterOptions = { minwidth: 6, tabwidth: 4, padding: 3, rememberWidths: true };
/** kubectl describe: tabbedString (minwidth 0, tabwidth 8, padding 2, no flags). */
export const KUBECTL_DESCRIBE_OPTS: TabWriterOptions = { minwidth: 0, tabwidth: 8, padding: 2 };

/** The characters that end a cell or a line. */
const CONTROL = /[\t\v\n\f]/;

function runeCount(s: string): number {
  if (!/[\ud800-\udbff]/.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}

export class TabWriter {
  private out: string[] = [];
  private lines: Cell[][] = [[]];
  private cur = '';
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private readonly pad: string;

  constructor(private readonly opts: TabWriterOptions) {
    this.pad = opts.padchar ?? ' ';
  }

  write(text: string): void {
    const re = /[\t\v\n\f]/g;
    let start = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const i = m.index;
      const ch = text[i];
      this.cur += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        if (ch === '\f' || ncells === 1) this.flush();
      }
    }
    this.cur += text.slice(start);
  }

  /** write(cells.join('\t') + '\n'), without scanning the text again when no cell holds a control character. */
  writeRow(cells: string[]): void {
    if (this.cur.length > 0 || cells.length === 0 || cells.some((c) => CONTROL.test(c))) {
      this.write(cells.join('\t') + '\n');
      return;
    }
    const line = this.lines[this.lines.length - 1];
    const last = cells.length - 1;
    for (let i = 0; i <= last; i++) line.push({ text: cells[i], width: runeCount(cells[i]), htab: i < last });
    this.lines.push([]);
    if (line.length === 1) this.flush();
  }

  /** Format everything buffered; the output so far is returned by `take()` / `toString()`. */
  flush(): void {
    if (this.cur.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cur = '';
    this.widths = [];
  }

  /** Remove and return what has been written out (after flushes). */
  take(): string {
    const s = this.out.join('');
    this.out = [];
    return s;
  }

  /** The remembered column widths (RememberWidths); `setRememberedWidths([])` forgets them. */
  setRememberedWidths(w: number[]): void {
    this.maxwidths = [...w];
  }

  toString(): string {
    return this.out.join('');
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cur, width: runeCount(this.cur), htab });
    this.cur = '';
    return line.length;
  }

  private padCache: string[] = [];
  private writePadding(textw: number, cellw: number): void {
    const n = cellw - textw;
    if (n <= 0) return;
    let p = this.padCache[n];
    if (p === undefined) p = this.padCache[n] = this.pad.repeat(n);
    this.out.push(p);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (c.text.length > 0) this.out.push(c.text);
        if (j < this.widths.length) this.writePadding(c.width, this.widths[j]);
      }
      if (i + 1 === this.lines.length) {
        this.out.push(this.cur);
      } else {
        this.out.push('\n');
      }
    }
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    let self = line0;
    for (; self < line1; self++) {
      let line = this.lines[self];
      if (column >= line.length - 1) continue;
      this.writeLines(line0, self);
      line0 = self;
      let width = this.opts.minwidth;
      for (; self < line1; self++) {
        line = this.lines[self];
        if (column >= line.length - 1) break;
        const w = line[column].width + this.opts.padding;
        if (w > width) width = w;
      }
      if (this.opts.rememberWidths) {
        const mw = this.maxwidths;
        const n = this.widths.length;
        if (mw.length < n) mw.push(...this.widths.slice(mw.length));
        if (mw.length === n) mw.push(width);
        else if (mw[n] > width) width = mw[n];
        else if (mw[n] < width) mw[n] = width;
      }
      this.widths.push(width);
      this.format(line0, self);
      this.widths.pop();
      line0 = self;
    }
    this.writeLines(line0, line1);
  }
}

/** Run text through a fresh tabwriter and return the aligned result. */
export function tabify(text: string, opts: TabWriterOptions): string {
  const w = new TabWriter(opts);
  w.write(text);
  w.flush();
  return w.take();
}
