/** awk tokens. A `/` starts a regex literal where an operand is expected. */

export type TokType = 'num' | 'str' | 'regex' | 'name' | 'funcname' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof';

export interface Tok {
  t: TokType;
  v: string;
  n?: number;
  line: number;
}

export class AwkSyntaxError extends Error {}

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'getline', 'print', 'printf', 'in']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  const operandEnd = (): boolean => {
    const p = out[out.length - 1];
    if (!p) return false;
    if (p.t === 'num' || p.t === 'str' || p.t === 'regex' || p.t === 'name' || p.t === 'builtin') return true;
    if (p.t === 'kw') return p.v === 'getline';
    return p.t === 'op' && (p.v === ')' || p.v === ']' || p.v === '$' || p.v === '++' || p.v === '--');
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      out.push({ t: 'nl', v: '\n', line });
      line++;
      i++;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\n') throw new AwkSyntaxError(`runaway string constant "${s.slice(0, 10)} ...`);
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[i + 1];
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
          if (n in map) {
            s += map[n];
            i += 2;
          } else if (/[0-7]/.test(n)) {
            const m = /^[0-7]{1,3}/.exec(src.slice(i + 1))!;
            s += String.fromCharCode(parseInt(m[0], 8));
            i += 1 + m[0].length;
          } else {
            s += '\\' + n;
            i += 2;
          }
          continue;
        }
        s += src[i++];
      }
      if (src[i] !== '"') throw new AwkSyntaxError(`runaway string constant "${s.slice(0, 10)} ...`);
      i++;
      out.push({ t: 'str', v: s, line });
      continue;
    }
    if (c === '/' && !operandEnd()) {
      let s = '';
      i++;
      let inBracket = false;
      while (i < src.length && (src[i] !== '/' || inBracket)) {
        if (src[i] === '\n') throw new AwkSyntaxError('runaway regular expression /' + s.slice(0, 10) + ' ...');
        if (src[i] === '\\' && i + 1 < src.length) {
          s += src[i + 1] === '/' ? '/' : src[i] + src[i + 1];
          i += 2;
          continue;
        }
        if (src[i] === '[') inBracket = true;
        else if (src[i] === ']') inBracket = false;
        s += src[i++];
      }
      i++;
      out.push({ t: 'regex', v: s, line });
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(src.slice(i));
    if (num && /[\d.]/.test(c)) {
      out.push({ t: 'num', v: num[0], n: Number(num[0]), line });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      const w = id[0];
      i += w.length;
      if (KEYWORDS.has(w)) out.push({ t: 'kw', v: w === 'func' ? 'function' : w, line });
      else if (BUILTINS.has(w)) out.push({ t: 'builtin', v: w, line });
      else if (src[i] === '(') out.push({ t: 'funcname', v: w, line });
      else out.push({ t: 'name', v: w, line });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`syntax error at or near ${c}`);
    out.push({ t: 'op', v: op === '**' ? '^' : op === '**=' ? '^=' : op, line });
    i += op.length;
  }
  out.push({ t: 'eof', v: 'end of file', line });
  return out;
}
