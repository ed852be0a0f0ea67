/**
 * The grammar: lists (`;` `&` newline), and-or lists, pipelines, simple commands with assignments
 * and redirects, here-documents, and the compound commands (if, for, while/until, case, { }, ( ),
 * [[ ]], functions). Hand-written recursive descent over a Cursor.
 */
import type { ArithCommand, Assign, CaseCommand, Command, CondCommand, ForArithCommand, ForCommand, FunctionDef, GroupCommand, IfCommand, List, Redir, RedirOp, SimpleCommand, WhileCommand, Word, WordPart } from '../ast';
import { literalWord, staticText } from '../ast';
import { Cursor, META, REDIR_OPS } from './cursor';
import { IncompleteError, ShellSyntaxError } from './errors';
import { parseArith, parseHeredocBody, parseWord, type WordHost } from './words';

export interface ParseOptions {
  /**
   * At the end of the input, end an unterminated here-document there (bash's
   * "here-document … delimited by end-of-file" warning) instead of failing as incomplete.
   */
  eofHeredocOk?: boolean;
}

export interface ParseResult {
  list: List;
  /** Warnings to print before running (`bash: warning: here-document at line 1 …`). */
  warnings: string[];
}

/** Parse a whole script. Throws ShellSyntaxError, IncompleteError or BadSubstitution. */
export function parse(src: string, opts: ParseOptions = {}): ParseResult {
  const p = new Parser(src, opts, []);
  const list = p.parseScript();
  return { list, warnings: p.warnings };
}

interface PendingHeredoc {
  redir: Redir;
  delim: string;
  strip: boolean;
  expand: boolean;
  line: number;
}

const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}', ']]']);

class Parser implements WordHost {
  cur: Cursor;
  private pending: PendingHeredoc[] = [];

  constructor(
    src: string,
    private opts: ParseOptions,
    readonly warnings: string[],
  ) {
    this.cur = new Cursor(src);
  }

  parseScript(): List {
    const list = this.parseList([]);
    if (!this.cur.eof) throw new ShellSyntaxError(this.cur.tokenText());
    this.heredocsAtEof();
    return list;
  }

  parseCmdSub(): List {
    const list = this.parseList([], ')');
    if (this.cur.ch() !== ')') throw new IncompleteError('quote', ')');
    this.cur.pos++;
    return list;
  }

  parseNested(text: string): List {
    return new Parser(text, this.opts, this.warnings).parseScript();
  }

  // --- lists ---

  /**
   * Commands separated by `;`, `&` or newlines, up to one of the reserved words in `terms` (at a
   * command position), `;;` (when listed), or `)` when `paren` says which closer is awaited.
   */
  private parseList(terms: string[], paren?: ')' | '(' ): List {
    const c = this.cur;
    const items: List['items'] = [];
    for (;;) {
      this.skipSpace();
      if (c.eof) {
        if (paren === ')') throw new IncompleteError('quote', ')');
        if (terms.length || paren) throw new IncompleteError('eof');
        break;
      }
      const r = c.peekReserved();
      if (r && terms.includes(r)) break;
      if (paren && c.ch() === ')') break;
      if (terms.includes(';;') && c.startsWith(';;')) break;
      const andOr = this.parseAndOr();
      c.skipBlanks();
      let background = false;
      const op = c.peekOp();
      if (op === ';') c.pos++;
      else if (op === '&') {
        c.pos++;
        background = true;
      } else if (op === '\n') this.newline();
      else if (c.eof || (op === ')' && paren) || (op === ';;' && terms.includes(';;'))) {
        // the caller handles the closer
      } else if (!(c.peekReserved() && terms.includes(c.peekReserved()!))) {
        throw new ShellSyntaxError(c.tokenText());
      }
      items.push({ andOr, background });
    }
    return { items };
  }

  private parseAndOr(): List['items'][number]['andOr'] {
    const c = this.cur;
    const first = this.parsePipeline();
    const rest: { op: '&&' | '||'; pipeline: ReturnType<Parser['parsePipeline']> }[] = [];
    for (;;) {
      c.skipBlanks();
      const op = c.peekOp();
      if (op !== '&&' && op !== '||') break;
      c.pos += 2;
      this.skipSpace();
      if (c.eof) throw new IncompleteError('eof');
      rest.push({ op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): { bang: boolean; commands: Command[] } {
    const c = this.cur;
    c.skipBlanks();
    let bang = false;
    if (c.peekReserved() === '!') {
      bang = true;
      c.pos++;
      c.skipBlanks();
    }
    const commands = [this.parseCommand()];
    for (;;) {
      c.skipBlanks();
      const op = c.peekOp();
      if (op !== '|' && op !== '|&') break;
      c.pos += op.length;
      if (op === '|&') commands[commands.length - 1].redirs.push({ fd: 2, op: '>&', target: literalWord('1') });
      this.skipSpace();
      if (c.eof) throw new IncompleteError('eof');
      commands.push(this.parseCommand());
    }
    return { bang, commands };
  }

  // --- commands ---

  private parseCommand(): Command {
    const c = this.cur;
    c.skipBlanks();
    if (c.eof) throw new IncompleteError('eof');
    const r = c.peekReserved();
    let cmd: Command | undefined;
    if (r === 'if') cmd = this.parseIf();
    else if (r === 'for') cmd = this.parseFor();
    else if (r === 'while' || r === 'until') cmd = this.parseWhile(r === 'until');
    else if (r === 'case') cmd = this.parseCase();
    else if (r === '{') cmd = this.parseGroup();
    else if (r === '[[') cmd = this.parseCond();
    else if (r === 'function') cmd = this.parseFunctionKeyword();
    else if (r && CLOSERS.has(r)) throw new ShellSyntaxError(r);
    if (cmd) {
      this.parseRedirs(cmd.redirs);
      return cmd;
    }
    if (c.startsWith('((')) {
      const arith = this.tryArithCommand();
      if (arith) {
        this.parseRedirs(arith.redirs);
        return arith;
      }
    }
    const op = c.peekOp();
    if (op === '(') {
      c.pos++;
      const body = this.parseList([], '(');
      if (c.ch() !== ')') throw new IncompleteError('eof');
      if (!body.items.length) throw new ShellSyntaxError(')');
      c.pos++;
      const sub: GroupCommand = { type: 'subshell', body, redirs: [] };
      this.parseRedirs(sub.redirs);
      return sub;
    }
    if (op && !REDIR_OPS.has(op) && !c.peekIoNumber()) throw new ShellSyntaxError(c.tokenText());
    return this.parseSimple();
  }

  private parseSimple(): Command {
    const c = this.cur;
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirs: [] };
    for (;;) {
      c.skipBlanks();
      if (c.eof) break;
      if (this.tryRedir(cmd.redirs)) continue;
      const op = c.peekOp();
      if (op === '(') {
        if (cmd.words.length === 1 && !cmd.assigns.length && !cmd.redirs.length) {
          const name = staticText(cmd.words[0]);
          if (name !== undefined && /^[^\s$'"`]+$/.test(name)) return this.parseFunctionRest(name);
        }
        throw new ShellSyntaxError('(');
      }
      if (op && !c.startsWith('<(')) break;
      const w = parseWord(this);
      if (!cmd.words.length) {
        const a = asAssign(w);
        if (a) {
          cmd.assigns.push(a);
          continue;
        }
      }
      cmd.words.push(w);
    }
    return cmd;
  }

  private parseRedirs(into: Redir[]): void {
    for (;;) {
      this.cur.skipBlanks();
      if (!this.tryRedir(into)) return;
    }
  }

  /** A redirect at the cursor (with an optional IO number) → pushed; false when none starts here. */
  private tryRedir(into: Redir[]): boolean {
    const c = this.cur;
    let fd: number | undefined;
    let op: string | undefined;
    const io = c.peekIoNumber();
    if (io) {
      [fd, op] = io;
      c.pos += String(fd).length;
    } else {
      op = c.peekOp();
      if (!op || !REDIR_OPS.has(op) || c.startsWith('<(')) return false;
    }
    c.pos += op.length;
    c.skipBlanks();
    if (c.eof || (c.peekOp() && !c.startsWith('<('))) throw new ShellSyntaxError(c.tokenText());
    const start = c.pos;
    const target = parseWord(this);
    const raw = c.src.slice(start, c.pos);
    const redir: Redir = { fd: fd ?? (op.startsWith('<') ? 0 : 1), op: op as RedirOp, target };
    if (op === '<<' || op === '<<-') {
      const quoted = target.parts.some((p) => p.kind === 'lit' && p.quoted);
      const delim = staticText(target) ?? raw;
      this.pending.push({ redir, delim, strip: op === '<<-', expand: !quoted, line: c.line(start) });
    }
    into.push(redir);
    return true;
  }

  private parseIf(): IfCommand {
    this.cur.pos += 2;
    const cmd: IfCommand = { type: 'if', branches: [], redirs: [] };
    for (;;) {
      const cond = this.nonEmpty(this.parseList(['then']));
      this.expect('then');
      const body = this.nonEmpty(this.parseList(['elif', 'else', 'fi']));
      cmd.branches.push({ cond, body });
      this.skipSpace();
      const r = this.cur.peekReserved();
      this.cur.pos += (r ?? '').length;
      if (r === 'elif') continue;
      if (r === 'else') {
        cmd.elseBody = this.nonEmpty(this.parseList(['fi']));
        this.expect('fi');
      }
      return cmd;
    }
  }

  /** `(( expr ))`, or undefined (cursor restored) when the text is really a nested subshell. */
  private tryArithCommand(): ArithCommand | undefined {
    const c = this.cur;
    const save = c.pos;
    c.pos += 2;
    try {
      const expr = parseArith(this);
      if (c.ch() === ')' && c.ch(1) === ')') {
        c.pos += 2;
        return { type: 'arith', expr, redirs: [] };
      }
    } catch (e) {
      if (!(e instanceof IncompleteError)) throw e;
      c.pos = save;
      // `((` at the end of the input: more is needed either way
      throw e;
    }
    c.pos = save;
    return undefined;
  }

  private parseForArith(): ForArithCommand {
    const c = this.cur;
    c.pos += 2;
    const init = parseArith(this, true);
    if (c.ch() !== ';') throw new ShellSyntaxError(c.tokenText());
    c.pos++;
    const cond = parseArith(this, true);
    if (c.ch() !== ';') throw new ShellSyntaxError(c.tokenText());
    c.pos++;
    const step = parseArith(this);
    if (!(c.ch() === ')' && c.ch(1) === ')')) throw new ShellSyntaxError(c.tokenText());
    c.pos += 2;
    c.skipBlanks();
    if (c.ch() === ';') c.pos++;
    this.expect('do');
    const body = this.nonEmpty(this.parseList(['done']));
    this.expect('done');
    return { type: 'forarith', init, cond, step, body, redirs: [] };
  }

  private parseFor(): Command {
    const c = this.cur;
    c.pos += 3;
    c.skipBlanks();
    if (c.eof) throw new IncompleteError('eof');
    if (c.startsWith('((')) return this.parseForArith();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(c.src.slice(c.pos, c.pos + 256));
    if (!m || !(c.pos + m[0].length >= c.src.length || META.has(c.src[c.pos + m[0].length]))) throw new ShellSyntaxError(c.tokenText());
    c.pos += m[0].length;
    const cmd: ForCommand = { type: 'for', name: m[0], body: { items: [] }, redirs: [] };
    this.skipSpace();
    if (c.peekReserved() === 'in') {
      c.pos += 2;
      cmd.items = [];
      for (;;) {
        c.skipBlanks();
        if (c.eof) throw new IncompleteError('eof');
        const op = c.peekOp();
        if (op === ';') {
          c.pos++;
          break;
        }
        if (op === '\n') {
          this.newline();
          break;
        }
        if (op) throw new ShellSyntaxError(c.tokenText());
        cmd.items.push(parseWord(this));
      }
    } else if (c.ch() === ';') c.pos++;
    this.expect('do');
    cmd.body = this.nonEmpty(this.parseList(['done']));
    this.expect('done');
    return cmd;
  }

  private parseWhile(until: boolean): WhileCommand {
    this.cur.pos += 5;
    const cond = this.nonEmpty(this.parseList(['do']));
    this.expect('do');
    const body = this.nonEmpty(this.parseList(['done']));
    this.expect('done');
    return { type: 'while', until, cond, body, redirs: [] };
  }

  private parseCase(): CaseCommand {
    const c = this.cur;
    c.pos += 4;
    c.skipBlanks();
    if (c.eof) throw new IncompleteError('eof');
    if (c.peekOp()) throw new ShellSyntaxError(c.tokenText());
    const subject = parseWord(this);
    this.expect('in');
    const cmd: CaseCommand = { type: 'case', subject, items: [], redirs: [] };
    for (;;) {
      this.skipSpace();
      if (c.eof) throw new IncompleteError('eof');
      if (c.peekReserved() === 'esac') {
        c.pos += 4;
        return cmd;
      }
      if (c.ch() === '(') c.pos++;
      const patterns: Word[] = [];
      for (;;) {
        c.skipBlanks();
        if (c.eof) throw new IncompleteError('eof');
        if (c.peekOp()) throw new ShellSyntaxError(c.tokenText());
        patterns.push(parseWord(this));
        c.skipBlanks();
        if (c.eof) throw new IncompleteError('eof');
        if (c.ch() === '|') c.pos++;
        else if (c.ch() === ')') {
          c.pos++;
          break;
        } else throw new ShellSyntaxError(c.tokenText());
      }
      const body = this.parseList(['esac', ';;']);
      cmd.items.push({ patterns, body });
      this.skipSpace();
      if (c.startsWith(';;')) c.pos += 2;
      else if (c.eof) throw new IncompleteError('eof');
    }
  }

  private parseGroup(): GroupCommand {
    this.cur.pos++;
    const body = this.nonEmpty(this.parseList(['}']));
    this.expect('}');
    return { type: 'group', body, redirs: [] };
  }

  private parseCond(): CondCommand {
    const c = this.cur;
    c.pos += 2;
    const words: Word[] = [];
    for (;;) {
      this.skipSpace();
      if (c.eof) throw new IncompleteError('eof');
      if (c.peekReserved() === ']]') {
        c.pos += 2;
        return { type: 'cond', words, redirs: [] };
      }
      const op = c.peekOp();
      if (op === '&&' || op === '||' || op === '(' || op === ')' || op === '<' || op === '>') {
        c.pos += op.length;
        words.push({ parts: [{ kind: 'lit', text: op, quoted: false }] });
      } else if (op) throw new ShellSyntaxError(c.tokenText());
      else words.push(parseWord(this));
    }
  }

  private parseFunctionKeyword(): FunctionDef {
    const c = this.cur;
    c.pos += 8;
    c.skipBlanks();
    if (c.eof) throw new IncompleteError('eof');
    const m = /^[^\s;&|<>()]+/.exec(c.src.slice(c.pos, c.pos + 256));
    if (!m) throw new ShellSyntaxError(c.tokenText());
    c.pos += m[0].length;
    c.skipBlanks();
    if (c.ch() === '(') return this.parseFunctionRest(m[0]);
    this.skipSpace();
    return { type: 'function', name: m[0], body: this.parseCommand(), redirs: [] };
  }

  /** After `name` with the cursor on `(`: `()` then the body (a compound command). */
  private parseFunctionRest(name: string): FunctionDef {
    const c = this.cur;
    c.pos++;
    c.skipBlanks();
    if (c.ch() !== ')') throw new ShellSyntaxError(c.tokenText());
    c.pos++;
    this.skipSpace();
    if (c.eof) throw new IncompleteError('eof');
    const body = this.parseCommand();
    if (body.type === 'simple') throw new ShellSyntaxError(staticText(body.words[0] ?? literalWord('newline')) ?? 'newline');
    return { type: 'function', name, body, redirs: [] };
  }

  // --- helpers ---

  private expect(word: string): void {
    this.skipSpace();
    if (this.cur.eof) throw new IncompleteError('eof');
    if (this.cur.peekReserved() !== word) throw new ShellSyntaxError(this.cur.tokenText());
    this.cur.pos += word.length;
  }

  private nonEmpty(list: List): List {
    if (!list.items.length) {
      if (this.cur.eof) throw new IncompleteError('eof');
      throw new ShellSyntaxError(this.cur.tokenText());
    }
    return list;
  }

  /** Skip blanks, comments and newlines (reading here-document bodies after each newline). */
  private skipSpace(): void {
    for (;;) {
      this.cur.skipBlanks();
      if (this.cur.ch() === '\n') this.newline();
      else return;
    }
  }

  private newline(): void {
    this.cur.pos++;
    const pending = this.pending;
    this.pending = [];
    for (const h of pending) this.readHeredoc(h);
  }

  private readHeredoc(h: PendingHeredoc): void {
    const c = this.cur;
    let body = '';
    for (;;) {
      if (c.eof) {
        if (!this.opts.eofHeredocOk) throw new IncompleteError('heredoc');
        this.warnings.push(`warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delim}')`);
        break;
      }
      let end = c.src.indexOf('\n', c.pos);
      if (end === -1) end = c.src.length;
      let line = c.src.slice(c.pos, end);
      if (h.strip) line = line.replace(/^\t+/, '');
      c.pos = Math.min(end + 1, c.src.length);
      if (line === h.delim) break;
      body += line + '\n';
    }
    h.redir.heredoc = h.expand ? parseHeredocBody(new Parser(body, this.opts, this.warnings)) : literalWord(body);
  }

  private heredocsAtEof(): void {
    if (!this.pending.length) return;
    if (!this.opts.eofHeredocOk) throw new IncompleteError('heredoc');
    const pending = this.pending;
    this.pending = [];
    for (const h of pending) this.readHeredoc(h);
  }
}

function asAssign(w: Word): Assign | undefined {
  const first = w.parts[0];
  if (!first || first.kind !== 'lit' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.text);
  if (m) {
    const restText = first.text.slice(m[0].length);
    const rest: WordPart[] = [...(restText ? [{ ...first, text: restText }] : []), ...w.parts.slice(1)];
    const arr = rest.length === 1 && rest[0].kind === 'array' ? rest[0].items : undefined;
    return { name: m[1], append: m[2] === '+', value: { parts: arr ? [] : rest }, ...(arr ? { array: arr } : {}) };
  }
  // name[subscript]=value
  const n = /^([A-Za-z_][A-Za-z0-9_]*)\[/.exec(first.text);
  if (!n) return undefined;
  const parts: WordPart[] = [{ ...first, text: first.text.slice(n[0].length) }, ...w.parts.slice(1)];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind !== 'lit' || p.quoted) continue;
    const close = /\](\+?)=/.exec(p.text);
    if (!close) continue;
    const index: WordPart[] = [...parts.slice(0, i), ...(close.index ? [{ ...p, text: p.text.slice(0, close.index) }] : [])];
    const after = p.text.slice(close.index + close[0].length);
    const value: WordPart[] = [...(after ? [{ ...p, text: after }] : []), ...parts.slice(i + 1)];
    return { name: n[1], append: close[1] === '+', index: { parts: index }, value: { parts: value } };
  }
  return undefined;
}
