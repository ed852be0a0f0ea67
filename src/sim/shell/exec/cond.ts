/** `[[ … ]]`: no word splitting or globbing, `==` matches patterns, `=~` regexes, `&&` `||` `!` `( )`. */
import { plainText, type Word } from '../ast';
import { arith, expandPattern, expandString, type ExpandHost } from '../expand/expand';
import { matchPattern } from '../expand/pattern';
import { toJsRegex } from '../builtins/lib/regex';
import { binary, compareInts, TestError, unary } from './test-expr';

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-a', '-L', '-h', '-t', '-v']);
const INT_OPS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
const BIN = new Set(['==', '=', '!=', '<', '>', '=~', '-nt', '-ot', '-ef', ...INT_OPS]);

export async function evalCond(words: Word[], h: ExpandHost): Promise<boolean> {
  let i = 0;
  const op = (k = 0): string | undefined => {
    const w = words[i + k];
    return w ? plainText(w) : undefined;
  };
  const env = { fs: h.fs, cwd: h.state.cwd };

  const or = async (): Promise<boolean> => {
    let v = await and();
    while (op() === '||') {
      i++;
      const r = await and();
      v = v || r;
    }
    return v;
  };
  const and = async (): Promise<boolean> => {
    let v = await not();
    while (op() === '&&') {
      i++;
      const r = await not();
      v = v && r;
    }
    return v;
  };
  const not = async (): Promise<boolean> => {
    if (op() === '!') {
      i++;
      return !(await not());
    }
    return primary();
  };
  const primary = async (): Promise<boolean> => {
    if (i >= words.length) throw new TestError('unexpected argument');
    if (op() === '(') {
      i++;
      const v = await or();
      if (op() !== ')') throw new TestError("syntax error in conditional expression");
      i++;
      return v;
    }
    const o1 = op(1);
    if (o1 !== undefined && BIN.has(o1) && words[i + 2]) {
      const l = await expandString(words[i], h);
      const w = words[i + 2];
      i += 3;
      if (o1 === '==' || o1 === '=' || o1 === '!=') {
        const m = matchPattern(await expandPattern(w, h), l);
        return o1 === '!=' ? !m : m;
      }
      if (o1 === '=~') {
        const re = toJsRegex(await expandString(w, h), { extended: true });
        const m = re.exec(l);
        h.state.set('BASH_REMATCH', m ? m[0] : '');
        return m !== null;
      }
      const r = await expandString(w, h);
      if (INT_OPS.has(o1)) return compareInts(arith(l, h), o1, arith(r, h));
      return binary(l, o1, r, env);
    }
    const o0 = op();
    if (o0 !== undefined && UNARY.has(o0) && words[i + 1]) {
      i++;
      const arg = await expandString(words[i++], h);
      if (o0 === '-v') return h.state.get(arg) !== undefined;
      return unary(o0, arg, env);
    }
    return (await expandString(words[i++], h)) !== '';
  };

  const v = await or();
  if (i < words.length) throw new TestError(`syntax error in conditional expression: unexpected token \`${op() ?? ''}'`);
  return v;
}
