/** Character-level reading for the parser: position, blanks, comments, operators, reserved words. */

/** Characters that end an unquoted word. */
export const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

/** Operators, longest first. */
const OPS = ['&&', '||', ';;', '|&', '&>>', '&>', '<<<', '<<-', '<<', '<>', '<&', '>>', '>&', '>|', ';', '&', '|', '(', ')', '<', '>', '\n'];

export const REDIR_OPS = new Set(['&>>', '&>', '<<<', '<<-', '<<', '<>', '<&', '>>', '>&', '>|', '<', '>']);

export const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'in', 'function', '{', '}', '!', '[[', ']]']);

export class Cursor {
  pos = 0;

  constructor(readonly src: string) {}

  get eof(): boolean {
    return this.pos >= this.src.length;
  }

  /** The character at pos+offset ('' past the end). */
  ch(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  /** 1-based line number of the current position. */
  line(at = this.pos): number {
    let n = 1;
    for (let i = 0; i < at && i < this.src.length; i++) if (this.src[i] === '\n') n++;
    return n;
  }

  /** Skip spaces, tabs, `\`-newline continuations and a comment (never the newline itself). */
  skipBlanks(): void {
    for (;;) {
      const c = this.ch();
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.ch(1) === '\n') this.pos += 2;
      else if (c === '#') {
        while (!this.eof && this.ch() !== '\n') this.pos++;
      } else return;
    }
  }

  /** The operator at pos (after blanks were skipped), or undefined when a word starts here. */
  peekOp(): string | undefined {
    for (const op of OPS) if (this.src.startsWith(op, this.pos)) return op;
    return undefined;
  }

  /** An IO number followed by a redirect operator (`2>`, `2>&1`), as [fd, op]. */
  peekIoNumber(): [number, string] | undefined {
    const m = /^(\d+)(>>|>&|>\||<<<|<<-|<<|<>|<&|>|<)/.exec(this.src.slice(this.pos, this.pos + 12));
    return m ? [Number(m[1]), m[2]] : undefined;
  }

  /** A reserved word at pos (it must be followed by a blank, an operator or the end). */
  peekReserved(): string | undefined {
    const m = /^(\[\[|\]\]|[a-z]+|[{}!])/.exec(this.src.slice(this.pos, this.pos + 10));
    if (!m || !RESERVED.has(m[1])) return undefined;
    const next = this.src[this.pos + m[1].length] ?? '';
    if (next === '' || META.has(next)) return m[1];
    return undefined;
  }

  /** The text of the next token, for error messages (`newline` for a line end or the end of input). */
  tokenText(): string {
    if (this.eof || this.ch() === '\n') return 'newline';
    const op = this.peekOp();
    if (op) return op;
    let end = this.pos;
    while (end < this.src.length && !META.has(this.src[end])) end++;
    return this.src.slice(this.pos, end);
  }
}
