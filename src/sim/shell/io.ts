/** Byte streams between commands: sinks for output, a consumable input for standard input. */

export interface Sink {
  write(s: string): void;
  /** Goes straight to the terminal. */
  readonly tty: boolean;
}

export class BufferSink implements Sink {
  readonly tty = false;
  text = '';

  write(s: string): void {
    this.text += s;
  }
}

export const nullSink: Sink = { tty: false, write() {} };

/** A sink that forwards until closed (so a runaway command cannot write after its line ended). */
export class GatedSink implements Sink {
  open = true;

  constructor(
    private target: (s: string) => void,
    readonly tty: boolean,
  ) {}

  write(s: string): void {
    if (this.open && s) this.target(s);
  }
}

/** Standard input: reading consumes, as with a real pipe or file. */
export class Input {
  private pos = 0;

  constructor(private data: string) {}

  /** Everything not yet read. */
  readAll(): string {
    const s = this.data.slice(this.pos);
    this.pos = this.data.length;
    return s;
  }

  /** One line without its newline; undefined at the end. The second value: whether a newline ended it. */
  readLine(): [string, boolean] | undefined {
    if (this.pos >= this.data.length) return undefined;
    const nl = this.data.indexOf('\n', this.pos);
    if (nl === -1) {
      const s = this.data.slice(this.pos);
      this.pos = this.data.length;
      return [s, false];
    }
    const s = this.data.slice(this.pos, nl);
    this.pos = nl + 1;
    return [s, true];
  }
}

export interface StdIO {
  stdin: Input;
  stdout: Sink;
  stderr: Sink;
}
