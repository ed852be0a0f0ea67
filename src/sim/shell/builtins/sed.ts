/**
 * sed: -n -e -E/-r -i -s; addresses (N, $, /re/, first~step, ranges, addr,+N, !); commands
 * s y d D p P q Q = a i c n N h H g G x l { } and `:label` / b / t.
 */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { VfsError } from '../vfs';
import { toJsSource } from './lib/regex';

class SedError extends Error {}

type Addr = { t: 'line'; n: number } | { t: 'last' } | { t: 're'; re: RegExp | null } | { t: 'step'; first: number; step: number } | { t: 'plus'; n: number };

interface Cmd {
  a1?: Addr;
  a2?: Addr;
  neg: boolean;
  name: string;
  // s
  re?: RegExp | null;
  rep?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  // y
  from?: string[];
  to?: string[];
  text?: string;
  label?: string;
  code?: number;
  /** For `{`: index of the matching `}`. */
  end?: number;
  // range state
  active?: boolean;
  rangeEnd?: number;
}

interface Opts {
  extended: boolean;
}

function parseScript(script: string, o: Opts): Cmd[] {
  const cmds: Cmd[] = [];
  const stack: number[] = [];
  let i = 0;
  const err = (msg: string): never => {
    throw new SedError(`-e expression #1, char ${i}: ${msg}`);
  };
  const skipWs = (): void => {
    while (i < script.length && /[ \t]/.test(script[i])) i++;
  };
  const readRe = (delim: string): string => {
    let s = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && i + 1 < script.length) {
        if (script[i + 1] === delim) s += delim === '/' ? '\\/' : delim;
        else if (script[i + 1] === 'n') s += '\\n';
        else s += script[i] + script[i + 1];
        i += 2;
        continue;
      }
      if (script[i] === '\n') break;
      s += script[i++];
    }
    if (script[i] !== delim) return err(`unterminated address regex`);
    i++;
    return s;
  };
  const compile = (src: string, flags = ''): RegExp | null => (src === '' ? null : new RegExp(toJsSource(src, o.extended), flags));
  const readAddr = (): Addr | undefined => {
    const c = script[i];
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      const m = /^(\d+)(~(\d+))?/.exec(script.slice(i))!;
      i += m[0].length;
      if (m[2]) return { t: 'step', first: Number(m[1]), step: Number(m[3]) };
      return { t: 'line', n: Number(m[1]) };
    }
    if (c === '$') {
      i++;
      return { t: 'last' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        delim = script[i + 1];
        i++;
      }
      i++;
      const src = readRe(delim);
      let flags = '';
      while (script[i] === 'I' || script[i] === 'M') {
        if (script[i] === 'I') flags += 'i';
        i++;
      }
      return { t: 're', re: compile(src, flags) };
    }
    return undefined;
  };
  const readText = (): string => {
    // GNU one-liner `a text`, or `a\` newline text (lines ending in \ continue)
    skipWs();
    if (script[i] === '\\') {
      i++;
      if (script[i] === '\n') i++;
    }
    let s = '';
    while (i < script.length && script[i] !== '\n') {
      if (script[i] === '\\' && script[i + 1] === '\n') {
        s += '\n';
        i += 2;
        continue;
      }
      if (script[i] === '\\' && i + 1 < script.length) {
        s += script[i + 1];
        i += 2;
        continue;
      }
      s += script[i++];
    }
    return s;
  };
  const readLabel = (): string => {
    skipWs();
    let s = '';
    while (i < script.length && !/[;\n]/.test(script[i])) s += script[i++];
    return s.trim();
  };

  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const cmd: Cmd = { neg: false, name: '' };
    cmd.a1 = readAddr();
    if (cmd.a1 && script[i] === ',') {
      i++;
      if (script[i] === '+') {
        const m = /^\+(\d+)/.exec(script.slice(i));
        if (!m) err('unexpected `,\'');
        i += m![0].length;
        cmd.a2 = { t: 'plus', n: Number(m![1]) };
      } else {
        cmd.a2 = readAddr();
        if (!cmd.a2) err("unexpected `,'");
      }
    }
    skipWs();
    while (script[i] === '!') {
      cmd.neg = true;
      i++;
      skipWs();
    }
    const name = script[i++];
    if (name === undefined) err('missing command');
    cmd.name = name;
    switch (name) {
      case '{':
        stack.push(cmds.length);
        break;
      case '}':
        if (!stack.length) err("unexpected `}'");
        cmds[stack.pop()!].end = cmds.length;
        break;
      case 's': {
        const delim = script[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') err("unterminated `s' command");
        let re = '';
        while (i < script.length && script[i] !== delim) {
          if (script[i] === '\\' && i + 1 < script.length) {
            re += script[i + 1] === delim ? (delim === '/' ? '\\/' : /[.*[\]^$]/.test(delim) ? '\\' + delim : delim) : script[i] + script[i + 1];
            i += 2;
          } else re += script[i++];
        }
        if (script[i] !== delim) err("unterminated `s' command");
        i++;
        let rep = '';
        while (i < script.length && script[i] !== delim) {
          if (script[i] === '\\' && i + 1 < script.length) {
            rep += script[i + 1] === delim ? delim : script[i] + script[i + 1];
            i += 2;
          } else rep += script[i++];
        }
        if (script[i] !== delim) err("unterminated `s' command");
        i++;
        let flags = '';
        cmd.global = false;
        while (i < script.length && /[gpiIme0-9]/.test(script[i])) {
          const f = script[i++];
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = true;
          else if (f === 'i' || f === 'I') flags += 'i';
          else if (/\d/.test(f)) {
            let n = f;
            while (/\d/.test(script[i] ?? '')) n += script[i++];
            cmd.nth = Number(n);
          }
        }
        cmd.re = compile(re, flags);
        cmd.rep = rep;
        break;
      }
      case 'y': {
        const delim = script[i++];
        const parts: string[] = ['', ''];
        for (let k = 0; k < 2; k++) {
          while (i < script.length && script[i] !== delim) {
            if (script[i] === '\\' && script[i + 1] === 'n') {
              parts[k] += '\n';
              i += 2;
            } else if (script[i] === '\\' && i + 1 < script.length) {
              parts[k] += script[i + 1];
              i += 2;
            } else parts[k] += script[i++];
          }
          if (script[i] !== delim) err("unterminated `y' command");
          i++;
        }
        cmd.from = [...parts[0]];
        cmd.to = [...parts[1]];
        if (cmd.from.length !== cmd.to.length) err("strings for `y' command are different lengths");
        break;
      }
      case 'a':
      case 'i':
      case 'c':
        cmd.text = readText();
        break;
      case ':':
        cmd.label = readLabel();
        if (!cmd.label) err('":" lacks a label');
        break;
      case 'b':
      case 't':
      case 'T':
        cmd.label = readLabel();
        break;
      case 'q':
      case 'Q': {
        skipWs();
        const m = /^\d+/.exec(script.slice(i));
        if (m) {
          cmd.code = Number(m[0]);
          i += m[0].length;
        }
        break;
      }
      case 'd': case 'D': case 'p': case 'P': case '=': case 'n': case 'N': case 'h': case 'H': case 'g': case 'G': case 'x': case 'l': case 'z':
        break;
      default:
        i--;
        err(`unknown command: \`${name}'`);
    }
    cmds.push(cmd);
    skipWs();
    if (name !== '{' && i < script.length && !/[;\n}#]/.test(script[i])) err(`extra characters after command`);
  }
  if (stack.length) throw new SedError(`-e expression #1, char 0: unmatched \`{'`);
  return cmds;
}

/** Expand `&`, `\1`…`\9`, `\n` in a replacement. */
function replacement(rep: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '&') out += m[0];
    else if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i];
      if (/\d/.test(n)) out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else out += c;
  }
  return out;
}

function run(cmds: Cmd[], input: string, quiet: boolean): { out: string; code?: number } {
  const lines = input.split('\n');
  const trailingNewline = lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  let out = '';
  let hold = '';
  let lastRe: RegExp | null = null;
  let li = 0;
  const labels = new Map<string, number>();
  cmds.forEach((c, k) => c.name === ':' && labels.set(c.label!, k));
  for (const c of cmds) c.active = false;

  const reOf = (re: RegExp | null | undefined): RegExp => {
    if (re) lastRe = re;
    if (!lastRe) throw new SedError('no previous regular expression');
    return lastRe;
  };
  const matchAddr = (a: Addr, line: number, ps: string): boolean => {
    switch (a.t) {
      case 'line':
        return line === a.n;
      case 'last':
        return li >= lines.length;
      case 're':
        return reOf(a.re).test(ps);
      case 'step':
        return a.step <= 0 ? line === a.first : line >= a.first && (line - a.first) % a.step === 0;
      case 'plus':
        return false;
    }
  };

  while (li < lines.length) {
    let ps = lines[li++];
    let lineNo = li;
    let append = '';
    let deleted = false;
    let substituted = false;
    let quit: number | undefined;
    let printPs = !quiet;
    for (let k = 0; k < cmds.length; k++) {
      const c = cmds[k];
      let sel = true;
      if (c.a1 && !c.a2) sel = matchAddr(c.a1, lineNo, ps);
      else if (c.a1 && c.a2) {
        if (!c.active) {
          if (matchAddr(c.a1, lineNo, ps)) {
            sel = true;
            c.active = true;
            if (c.a2.t === 'plus') c.rangeEnd = lineNo + c.a2.n;
            if (c.a2.t === 'line' && c.a2.n <= lineNo) c.active = false;
            if (c.a2.t === 'plus' && c.a2.n === 0) c.active = false;
          } else sel = false;
        } else {
          sel = true;
          const a2 = c.a2;
          const ended = a2.t === 'plus' ? lineNo >= c.rangeEnd! : a2.t === 'line' ? lineNo >= a2.n : matchAddr(a2, lineNo, ps);
          if (ended) c.active = false;
        }
      }
      if (c.neg) sel = !sel;
      if (!sel) {
        if (c.name === '{') k = c.end!;
        continue;
      }
      switch (c.name) {
        case '{':
        case '}':
        case ':':
          break;
        case 's': {
          const re = reOf(c.re);
          const g = new RegExp(re.source, re.flags.replace('g', '') + 'g');
          let n = 0;
          let res = '';
          let last = 0;
          let did = false;
          for (let m = g.exec(ps); m; m = g.exec(ps)) {
            n++;
            if (m[0] === '') g.lastIndex++;
            if ((c.nth === undefined || n >= c.nth) && (c.global || c.nth === undefined ? true : n === c.nth)) {
              res += ps.slice(last, m.index) + replacement(c.rep!, m);
              last = m.index + m[0].length;
              did = true;
              if (!c.global) break;
            }
            if (g.lastIndex > ps.length) break;
          }
          if (did) {
            ps = res + ps.slice(last);
            substituted = true;
            if (c.print) out += ps + '\n';
          }
          break;
        }
        case 'y':
          ps = [...ps].map((ch) => {
            const idx = c.from!.indexOf(ch);
            return idx === -1 ? ch : c.to![idx];
          }).join('');
          break;
        case 'd':
          deleted = true;
          break;
        case 'D': {
          const nl = ps.indexOf('\n');
          if (nl === -1) deleted = true;
          else {
            lines.splice(li, 0, ps.slice(nl + 1));
            deleted = true;
          }
          break;
        }
        case 'p':
          out += ps + '\n';
          break;
        case 'P':
          out += ps.split('\n')[0] + '\n';
          break;
        case '=':
          out += `${lineNo}\n`;
          break;
        case 'a':
          append += c.text + '\n';
          break;
        case 'i':
          out += c.text + '\n';
          break;
        case 'c':
          if (!c.a2 || !c.active) out += c.text + '\n';
          deleted = true;
          break;
        case 'q':
          quit = c.code ?? 0;
          break;
        case 'Q':
          return { out, code: c.code ?? 0 };
        case 'n':
          if (li >= lines.length) {
            quit = 0;
            break;
          }
          if (!quiet) out += ps + '\n';
          ps = lines[li++];
          lineNo = li;
          break;
        case 'N':
          if (li >= lines.length) {
            quit = 0;
            break;
          }
          ps += '\n' + lines[li++];
          lineNo = li;
          break;
        case 'h':
          hold = ps;
          break;
        case 'H':
          hold += '\n' + ps;
          break;
        case 'g':
          ps = hold;
          break;
        case 'G':
          ps += '\n' + hold;
          break;
        case 'x':
          [ps, hold] = [hold, ps];
          break;
        case 'z':
          ps = '';
          break;
        case 'l':
          out += ps.replace(/\\/g, '\\\\').replace(/\t/g, '\\t') + '$\n';
          break;
        case 'b':
        case 't':
        case 'T': {
          const jump = c.name === 'b' || (c.name === 't' ? substituted : !substituted);
          if (c.name !== 'b') substituted = false;
          if (jump) {
            if (!c.label) k = cmds.length;
            else if (labels.has(c.label)) k = labels.get(c.label)!;
            else throw new SedError(`can't find label for jump to \`${c.label}'`);
          }
          break;
        }
      }
      if (deleted || quit !== undefined) break;
    }
    if (!deleted && printPs) out += ps + (li < lines.length || trailingNewline ? '\n' : '');
    out += append;
    printPs = !quiet;
    if (quit !== undefined) return { out, code: quit };
  }
  return { out };
}

function sed(argv: string[], ctx: BuiltinContext): number {
  let quiet = false;
  let extended = false;
  let inPlace = false;
  let separate = false;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a === '-s') separate = true;
    else if (a === '-i' || a.startsWith('-i') || a.startsWith('--in-place')) inPlace = true;
    else if (a === '-e') scripts.push(argv[++k] ?? '');
    else if (a.startsWith('-e')) scripts.push(a.slice(2));
    else if (a === '-f') {
      const t = ctx.fs.tryReadFile(ctx.fs.resolve(ctx.cwd, argv[++k] ?? ''));
      if (t === undefined) {
        ctx.stderr(`sed: couldn't open file ${argv[k]}: No such file or directory\n`);
        return 1;
      }
      scripts.push(t);
    } else if (/^-[nErs]+$/.test(a)) {
      quiet ||= a.includes('n');
      extended ||= a.includes('E') || a.includes('r');
    } else if (a === '--') files.push(...argv.slice(k + 1)), (k = argv.length);
    else if (a.startsWith('-') && a !== '-') {
      ctx.stderr(`sed: invalid option -- '${a.slice(1, 2)}'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n`);
      return 1;
    } else if (!scripts.length && !files.length && !argv.slice(1, k).some((x) => x === '-e' || x.startsWith('-e') || x === '-f')) scripts.push(a);
    else files.push(a);
  }
  if (!scripts.length) {
    ctx.stderr('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
    return 1;
  }
  let cmds: Cmd[];
  try {
    cmds = parseScript(scripts.join('\n'), { extended });
  } catch (e) {
    if (e instanceof SedError) {
      ctx.stderr(`sed: ${e.message}\n`);
      return 1;
    }
    if (e instanceof SyntaxError) {
      ctx.stderr('sed: -e expression #1, char 0: Invalid regular expression\n');
      return 1;
    }
    throw e;
  }
  let status = 0;
  const readAll = (name: string): string | undefined => {
    if (name === '-') return ctx.stdin;
    try {
      return ctx.fs.readFile(ctx.fs.resolve(ctx.cwd, name));
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      ctx.stderr(e.code === 'EISDIR' ? `sed: couldn't edit ${name}: not a regular file\n` : `sed: can't read ${name}: ${e.message}\n`);
      status = 2;
      return undefined;
    }
  };
  try {
    if (inPlace) {
      if (!files.length) {
        ctx.stderr('sed: no input files\n');
        return 1;
      }
      for (const f of files) {
        const t = readAll(f);
        if (t === undefined) continue;
        ctx.fs.writeFile(ctx.fs.resolve(ctx.cwd, f), run(cmds, t, quiet).out);
      }
      return status;
    }
    const texts = (files.length ? files : ['-']).map(readAll).filter((t): t is string => t !== undefined);
    if (separate) {
      for (const t of texts) ctx.stdout(run(cmds, t, quiet).out);
      return status;
    }
    const joined = texts.map((t, k) => (k < texts.length - 1 && t && !t.endsWith('\n') ? t + '\n' : t)).join('');
    const r = run(cmds, joined, quiet);
    ctx.stdout(r.out);
    return r.code ?? status;
  } catch (e) {
    if (e instanceof SedError) {
      ctx.stderr(`sed: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export const sedCommands: Record<string, CommandEntry> = {
  sed: { fn: sed, kind: 'program', summary: "stream editor (sed -n '2p', 's/a/b/g', '/re/d', -i, -E)" },
};
