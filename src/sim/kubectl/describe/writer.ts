/**
 * kubectl describe's PrefixWriter over a tabwriter (minwidth 0, tabwidth 8, padding 2): every level
 * indents two spaces; text is terminal-escaped; the whole output is aligned at the end (tabbedString).
 */
import { KUBECTL_DESCRIBE_OPTS, TabWriter } from '../printers/tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

function escape(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

export class PrefixWriter {
  private tw = new TabWriter(KUBECTL_DESCRIBE_OPTS);

  /** Write(level, text): `text` is already formatted (Go's Sprintf done by the caller). */
  write(level: number, text: string): void {
    this.tw.write(escape('  '.repeat(level) + text));
  }

  /** WriteLine(a...): fmt.Sprintln — operands separated by spaces, newline at the end. */
  writeLine(...a: unknown[]): void {
    this.tw.write(escape(a.map((x) => String(x)).join(' ') + '\n'));
  }

  /** tabbedString: flush and return everything. */
  toString(): string {
    this.tw.flush();
    return this.tw.take();
  }
}

/** A writer that adds `indent` levels (NewNestedPrefixWriter). */
export class NestedPrefixWriter {
  constructor(
    private readonly w: PrefixWriter | NestedPrefixWriter,
    private readonly indent: number,
  ) {}
  write(level: number, text: string): void {
    this.w.write(level + this.indent, text);
  }
  writeLine(...a: unknown[]): void {
    this.w.write(this.indent, a.map((x) => String(x)).join(' ') + '\n');
  }
}

export type Writer = PrefixWriter | NestedPrefixWriter;
