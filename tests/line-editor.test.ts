import { describe, expect, it } from 'vitest';
import {
  LineEditor,
  charWidth,
  commonPrefix,
  formatColumns,
  readEscape,
  stringWidth,
  type EditorAction,
} from '../src/components/client/line-editor';

/**
 * A tiny terminal model that understands exactly the sequences a line editor may emit:
 * printable text (with auto-wrap and xterm's "pending wrap" state), \r, \n, BEL, and
 * CSI n A/B/C/D/G, CSI H, CSI J, CSI 2J. Anything else makes the test fail.
 */
class Screen {
  rows: string[][] = [[]];
  x = 0;
  y = 0;
  pendingWrap = false;
  constructor(public cols: number) {}

  private row(y: number): string[] {
    while (this.rows.length <= y) this.rows.push([]);
    return this.rows[y];
  }

  private put(ch: string): void {
    const w = charWidth(ch.codePointAt(0)!);
    if (this.pendingWrap || (w === 2 && this.x === this.cols - 1)) {
      if (!this.pendingWrap && w === 2) this.row(this.y)[this.x] = ' ';
      this.y++;
      this.x = 0;
      this.pendingWrap = false;
    }
    const r = this.row(this.y);
    r[this.x] = ch;
    if (w === 2) r[this.x + 1] = '';
    this.x += w;
    if (this.x >= this.cols) {
      this.x = this.cols - 1;
      this.pendingWrap = true;
    }
  }

  write(s: string): void {
    for (let i = 0; i < s.length; ) {
      const ch = s[i];
      if (ch === '\x1b') {
        const seq = readEscape(s, i);
        i += seq.length;
        const m = /^\x1b\[(\d*)([A-Za-z])$/.exec(seq);
        if (!m) throw new Error('unexpected sequence ' + JSON.stringify(seq));
        const n = m[1] === '' ? 1 : Number(m[1]);
        this.pendingWrap = false;
        switch (m[2]) {
          case 'A':
            this.y = Math.max(0, this.y - n);
            break;
          case 'B':
            this.y += n;
            if (this.y >= this.rows.length) throw new Error('CSI B moved below the last row');
            break;
          case 'C':
            this.x = Math.min(this.cols - 1, this.x + n);
            break;
          case 'D':
            this.x = Math.max(0, this.x - n);
            break;
          case 'G':
            this.x = Math.min(this.cols - 1, n - 1);
            break;
          case 'H':
            this.x = 0;
            this.y = 0;
            break;
          case 'J':
            if (m[1] === '2') {
              this.rows = [[]];
            } else {
              this.row(this.y).length = Math.min(this.row(this.y).length, this.x);
              this.rows.length = this.y + 1;
            }
            break;
          default:
            throw new Error('unexpected CSI ' + seq);
        }
        continue;
      }
      i++;
      if (ch === '\r') {
        this.x = 0;
        this.pendingWrap = false;
      } else if (ch === '\n') {
        this.y++;
        this.row(this.y);
        this.pendingWrap = false;
      } else if (ch === '\x07') {
        // bell
      } else {
        const cp = s.codePointAt(i - 1)!;
        const full = String.fromCodePoint(cp);
        if (full.length === 2) i++;
        this.put(full);
      }
    }
  }

  text(): string[] {
    return this.rows.map((r) => Array.from(r, (c) => (c === undefined ? ' ' : c)).join('').replace(/\s+$/, ''));
  }
}

function setup(cols = 40, history: string[] = []) {
  const screen = new Screen(cols);
  const ed = new LineEditor({ cols, history });
  screen.write(ed.begin('$ '));
  const actions: EditorAction[] = [];
  const feed = (data: string) => {
    let rest = data;
    while (rest) {
      const r = ed.feed(rest);
      screen.write(r.output);
      if (r.action) actions.push(r.action);
      rest = r.rest;
      if (r.action && (r.action.type === 'line' || r.action.type === 'cancel')) {
        screen.write(ed.begin('$ '));
      }
    }
  };
  return { screen, ed, feed, actions };
}

/** Lay out `text` on a fresh screen: the rows it shows and where the cursor ends up. */
function layout(cols: number, text: string, cursorText: string) {
  const a = new Screen(cols);
  a.write(text);
  const b = new Screen(cols);
  b.write(cursorText);
  const pos = b.pendingWrap ? [b.y + 1, 0] : [b.y, b.x];
  return { rows: a.text(), pos };
}
describe('helpers', () => {
  it('measures widths', () => {
    expect(stringWidth('abc')).toBe(3);
    expect(stringWidth('调度器')).toBe(6);
    expect(charWidth('\u0301'.codePointAt(0)!)).toBe(0);
  });
  it('computes common prefixes', () => {
    expect(commonPrefix(['deployment', 'deployments', 'deploy'])).toBe('deploy');
    expect(commonPrefix(['a', 'b'])).toBe('');
    expect(commonPrefix([])).toBe('');
  });
  it('formats columns column-major', () => {
    expect(formatColumns(['a', 'b', 'c'], 80)).toBe('a  b  c');
    expect(formatColumns(['aaaa', 'bbbb', 'cccc'], 12).split('\r\n')).toEqual(['aaaa  cccc', 'bbbb']);
  });
  it('reads escape sequences', () => {
    expect(readEscape('\x1b[3~x', 0)).toBe('\x1b[3~');
    expect(readEscape('\x1bOHx', 0)).toBe('\x1bOH');
    expect(readEscape('\x1b[1;5Dx', 0)).toBe('\x1b[1;5D');
    expect(readEscape('\x1bb', 0)).toBe('\x1bb');
  });
});

describe('LineEditor', () => {
  it('types text and submits it on Enter', () => {
    const { screen, ed, feed, actions } = setup();
    feed('kubectl get nodes');
    expect(screen.text()[0]).toBe('$ kubectl get nodes');
    expect(ed.line).toBe('kubectl get nodes');
    feed('\r');
    expect(actions).toEqual([{ type: 'line', text: 'kubectl get nodes', continuation: false }]);
    expect(screen.text()).toEqual(['$ kubectl get nodes', '$']);
    expect(ed.history).toEqual(['kubectl get nodes']);
  });

  it('moves with arrows and inserts in the middle', () => {
    const { screen, ed, feed } = setup();
    feed('kubectl get pods');
    feed('\x1b[D\x1b[D\x1b[D\x1b[D'); // before "pods"
    feed('no');
    expect(ed.line).toBe('kubectl get nopods');
    feed('\x1b[C\x1b[C');
    feed('\x7f\x7f\x7f\x7f');
    expect(ed.line).toBe('kubectl get ds');
    expect(screen.text()[0]).toBe('$ kubectl get ds');
    expect(ed.cursor).toBe('kubectl get '.length);
    expect(screen.x).toBe(2 + ed.cursor);
  });

  it('supports Home/End in all their encodings and Delete', () => {
    for (const [home, end] of [
      ['\x1b[H', '\x1b[F'],
      ['\x1bOH', '\x1bOF'],
      ['\x1b[1~', '\x1b[4~'],
      ['\x01', '\x05'],
    ]) {
      const { screen, ed, feed } = setup();
      feed('abcdef');
      feed(home);
      expect(ed.cursor).toBe(0);
      expect(screen.x).toBe(2);
      feed('\x1b[3~');
      expect(ed.line).toBe('bcdef');
      expect(screen.text()[0]).toBe('$ bcdef');
      feed(end);
      expect(ed.cursor).toBe(5);
      expect(screen.x).toBe(7);
    }
  });

  it('kills with Ctrl-U, Ctrl-K, Ctrl-W and yanks with Ctrl-Y', () => {
    const { screen, ed, feed } = setup();
    feed('kubectl get pods -A');
    feed('\x17');
    expect(ed.line).toBe('kubectl get pods ');
    feed('\x17');
    expect(ed.line).toBe('kubectl get ');
    feed('\x19');
    expect(ed.line).toBe('kubectl get pods ');
    feed('\x01\x1b[C\x1b[C\x0b');
    expect(ed.line).toBe('ku');
    expect(screen.text()[0]).toBe('$ ku');
    feed('\x05bectl\x1b[D\x1b[D\x15');
    expect(ed.line).toBe('tl');
    expect(ed.cursor).toBe(0);
    expect(screen.text()[0]).toBe('$ tl');
  });

  it('walks history with up/down and keeps the draft', () => {
    const { ed, feed, screen } = setup(40, ['kubectl get nodes']);
    feed('kubectl get pods\r');
    feed('draft');
    feed('\x1b[A');
    expect(ed.line).toBe('kubectl get pods');
    feed('\x1b[A');
    expect(ed.line).toBe('kubectl get nodes');
    feed('\x1b[A'); // at the oldest: stays
    expect(ed.line).toBe('kubectl get nodes');
    feed('\x1bOB');
    expect(ed.line).toBe('kubectl get pods');
    feed('\x1b[B');
    expect(ed.line).toBe('draft');
    expect(screen.text().at(-1)).toBe('$ draft');
  });

  it('does not store blanks or immediate duplicates in history', () => {
    const { ed, feed } = setup();
    feed('a\r\r   \ra\rb\r');
    expect(ed.history).toEqual(['a', 'b']);
  });

  it('Ctrl-C drops the line and prints ^C', () => {
    const { ed, feed, screen, actions } = setup();
    feed('kubectl get po');
    feed('\x03');
    expect(actions).toEqual([{ type: 'cancel' }]);
    expect(screen.text()).toEqual(['$ kubectl get po^C', '$']);
    expect(ed.line).toBe('');
    expect(ed.history).toEqual([]);
  });

  it('Ctrl-L clears the screen and redraws prompt and line', () => {
    const { feed, screen, ed } = setup();
    feed('one\rtwo');
    feed('\x1b[D\x0c');
    expect(screen.text()).toEqual(['$ two']);
    expect(screen.y).toBe(0);
    expect(screen.x).toBe(4);
    expect(ed.cursor).toBe(2);
  });

  it('splits pasted lines (\\r, \\n, \\r\\n) into separate submissions', () => {
    const { feed, actions } = setup();
    feed('kubectl apply -f - <<EOF\r\napiVersion: v1\nkind: Pod\rEOF\r');
    expect(actions.map((a) => a.type === 'line' && a.text)).toEqual([
      'kubectl apply -f - <<EOF',
      'apiVersion: v1',
      'kind: Pod',
      'EOF',
    ]);
  });

  it('marks continuation lines and keeps them out of history', () => {
    const ed = new LineEditor({ cols: 80 });
    ed.begin('> ', { continuation: true });
    const r = ed.feed('EOF\r');
    expect(r.action).toEqual({ type: 'line', text: 'EOF', continuation: true });
    expect(ed.history).toEqual([]);
  });

  it('stops at Enter and returns the rest of the input', () => {
    const ed = new LineEditor({ cols: 80 });
    ed.begin('$ ');
    const r = ed.feed('a\rbc\r');
    expect(r.action).toEqual({ type: 'line', text: 'a', continuation: false });
    expect(r.rest).toBe('bc\r');
    // inactive until begin(): input is ignored
    expect(ed.feed('zzz')).toEqual({ output: '', rest: '' });
  });

  it('ignores unknown escape sequences and control characters', () => {
    const { ed, feed } = setup();
    feed('ab\x1b[15~\x1b[5~\x00\x1bOPc');
    expect(ed.line).toBe('abc');
  });

  it('moves by words', () => {
    const { ed, feed } = setup();
    feed('kubectl get pods');
    feed('\x1bb');
    expect(ed.cursor).toBe(12);
    feed('\x1b[1;5D');
    expect(ed.cursor).toBe(8);
    feed('\x1bf');
    expect(ed.cursor).toBe(11);
  });

  it('handles wrapping across rows', () => {
    const cols = 10;
    const { screen, ed, feed } = setup(cols);
    feed('abcdefghijklmnopqrstuvwxyz'); // 2 + 26 = 28 cells: 3 rows
    expect(screen.text()).toEqual(['$ abcdefgh', 'ijklmnopqr', 'stuvwxyz']);
    feed('\x01');
    expect([screen.y, screen.x]).toEqual([0, 2]);
    feed('X');
    expect(screen.text()).toEqual(['$ Xabcdefg', 'hijklmnopq', 'rstuvwxyz']);
    feed('\x05');
    expect([screen.y, screen.x]).toEqual([2, 9]);
    feed('\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f');
    expect(screen.text()).toEqual(['$ Xabcdefg', 'hijklmnop']);
    expect([screen.y, screen.x]).toEqual([1, 9]);
    feed('\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f');
    expect(screen.text()).toEqual(['$ Xabcdefg', '']);
    expect(ed.line).toBe('Xabcdefg');
    expect([screen.y, screen.x]).toEqual([1, 0]);
    feed('\r');
    expect(screen.text()).toEqual(['$ Xabcdefg', '$']);
  });

  it('handles a line that ends exactly at the right margin', () => {
    const cols = 10;
    const { screen, ed, feed } = setup(cols);
    feed('abcdefgh'); // 2 + 8 = 10: exactly one row
    expect([screen.y, screen.x]).toEqual([1, 0]);
    feed('\x1b[D');
    expect([screen.y, screen.x]).toEqual([0, 9]);
    feed('\x1b[C');
    expect([screen.y, screen.x]).toEqual([1, 0]);
    feed('i');
    expect(screen.text()).toEqual(['$ abcdefgh', 'i']);
    feed('\x7f');
    expect(screen.text()).toEqual(['$ abcdefgh', '']);
    feed('\x7f');
    expect(screen.text()).toEqual(['$ abcdefg']);
    expect([screen.y, screen.x]).toEqual([0, 9]);
    feed('h\r');
    expect(screen.text()).toEqual(['$ abcdefgh', '$']);
    expect(ed.line).toBe('');
  });

  it('handles double-width characters, also when they wrap', () => {
    const cols = 10;
    const { screen, ed, feed } = setup(cols);
    feed('echo 调度器'); // 2 + 5 + 6 = 13 cells, 器 does not fit at col 9? 调(7-8) 度(9→wrap)…
    expect(ed.line).toBe('echo 调度器');
    expect(screen.text()[0].startsWith('$ echo 调')).toBe(true);
    feed('\x01\x05');
    const lastRow = screen.text().at(-1)!;
    expect(lastRow).toContain('器');
    feed('\x7f');
    expect(ed.line).toBe('echo 调度');
    feed('\x1b[D');
    expect(ed.cursor).toBe(6);
    feed('\x15');
    expect(ed.line).toBe('度');
    expect(screen.text()[0]).toBe('$ 度');
    expect([screen.y, screen.x]).toEqual([0, 2]);
  });

  it('screen and cursor stay consistent through random edits', () => {
    const keys = ['a', 'b', '调', ' ', '\x7f', '\x1b[D', '\x1b[C', '\x01', '\x05', '\x1b[3~', '\x17', '\x0b', '\x19'];
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const cols of [7, 10, 13]) {
      const { screen, ed, feed } = setup(cols);
      for (let k = 0; k < 500; k++) {
        feed(keys[Math.floor(rnd() * keys.length)]);
        const want = layout(cols, '$ ' + ed.line, '$ ' + ed.line.slice(0, ed.cursor));
        const got = screen.text();
        while (got.length > want.rows.length && got.at(-1) === '') got.pop();
        expect(got).toEqual(want.rows);
        expect([screen.y, screen.x]).toEqual(want.pos);
      }
    }
  });
});

describe('completion', () => {
  it('inserts the rest of a single candidate plus a space', () => {
    const { screen, ed, feed, actions } = setup();
    feed('kubectl get no\t');
    const a = actions.at(-1)!;
    expect(a).toEqual({ type: 'complete', line: 'kubectl get no', cursor: 14, repeat: false });
    screen.write(ed.applyCompletion({ from: 12, candidates: ['nodes'] }, false));
    expect(ed.line).toBe('kubectl get nodes ');
    expect(screen.text()[0]).toBe('$ kubectl get nodes');
  });

  it('inserts the common prefix, then lists on the second Tab', () => {
    const { screen, ed, feed, actions } = setup(80);
    feed('kubectl get d\t');
    screen.write(ed.applyCompletion({ from: 12, candidates: ['deployments', 'daemonsets'] }, false));
    expect(ed.line).toBe('kubectl get d');
    feed('\t');
    const a = actions.at(-1)!;
    expect(a.type === 'complete' && a.repeat).toBe(true);
    screen.write(ed.applyCompletion({ from: 12, candidates: ['deployments', 'daemonsets'] }, true));
    expect(screen.text()).toEqual(['$ kubectl get d', 'daemonsets   deployments', '$ kubectl get d']);
    feed('e\t');
    screen.write(ed.applyCompletion({ from: 12, candidates: ['deployments', 'deploy'] }, false));
    expect(ed.line).toBe('kubectl get deploy');
  });

  it('keeps the text after the cursor', () => {
    const { screen, ed, feed } = setup(80);
    feed('kubectl get po -A');
    feed('\x1b[D\x1b[D\x1b[D');
    feed('\t');
    screen.write(ed.applyCompletion({ from: 12, candidates: ['pods'] }, false));
    expect(ed.line).toBe('kubectl get pods -A');
    expect(screen.text()[0]).toBe('$ kubectl get pods -A');
  });

  it('rings the bell when nothing matches', () => {
    const { ed, feed } = setup();
    feed('zz\t');
    expect(ed.applyCompletion({ from: 0, candidates: [] }, false)).toBe('\x07');
  });

  it('any other key resets the double-Tab state', () => {
    const { feed, actions } = setup();
    feed('a\t');
    feed('\x1b[D\t');
    const a = actions.at(-1)!;
    expect(a.type === 'complete' && a.repeat).toBe(false);
  });
});
