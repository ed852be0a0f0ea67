/** `test` / `[` expressions (POSIX rules by argument count, then -a/-o/!/parentheses). */
import type { Vfs } from '../vfs';

/** Thrown with bash's message (without the `bash: [: ` prefix); status 2. */
export class TestError extends Error {}

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-z', '-n', '-t', '-a', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-O', '-G', '-N']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

export interface TestEnv {
  fs: Vfs;
  cwd: string;
}

export function evalTest(args: string[], env: TestEnv): boolean {
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    if (args[0] === '!') return !evalTest(args.slice(1), env);
    if (UNARY.has(args[0])) return unary(args[0], args[1], env);
    throw new TestError(`${args[0]}: unary operator expected`);
  }
  if (args.length === 3) {
    if (BINARY.has(args[1])) return binary(args[0], args[1], args[2], env);
    if (args[1] === '-a') return args[0] !== '' && args[2] !== '';
    if (args[1] === '-o') return args[0] !== '' || args[2] !== '';
    if (args[0] === '!') return !evalTest(args.slice(1), env);
    if (args[0] === '(' && args[2] === ')') return args[1] !== '';
    throw new TestError(`${args[1]}: binary operator expected`);
  }
  if (args.length === 4) {
    if (args[0] === '!') return !evalTest(args.slice(1), env);
    if (args[0] === '(' && args[3] === ')') return evalTest(args.slice(1, 3), env);
  }
  return new Parser(args, env).run();
}

class Parser {
  private i = 0;

  constructor(
    private a: string[],
    private env: TestEnv,
  ) {}

  run(): boolean {
    const v = this.or();
    if (this.i < this.a.length) throw new TestError('too many arguments');
    return v;
  }

  private or(): boolean {
    let v = this.and();
    while (this.a[this.i] === '-o') {
      this.i++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.a[this.i] === '-a') {
      this.i++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  private not(): boolean {
    if (this.a[this.i] === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.a;
    const t = a[this.i];
    if (t === undefined) throw new TestError('argument expected');
    if (t === '(') {
      this.i++;
      const v = this.or();
      if (a[this.i] !== ')') throw new TestError("`)' expected");
      this.i++;
      return v;
    }
    if (BINARY.has(a[this.i + 1] ?? '')) {
      this.i += 3;
      if (a[this.i - 1] === undefined) throw new TestError('argument expected');
      return binary(t, a[this.i - 2], a[this.i - 1], this.env);
    }
    if (UNARY.has(t) && a[this.i + 1] !== undefined) {
      this.i += 2;
      return unary(t, a[this.i - 1], this.env);
    }
    this.i++;
    return t !== '';
  }
}

export function unary(op: string, arg: string, env: TestEnv): boolean {
  const st = () => env.fs.stat(env.fs.resolve(env.cwd, arg));
  switch (op) {
    case '-z':
      return arg === '';
    case '-n':
      return arg !== '';
    case '-e':
    case '-a':
    case '-r':
    case '-w':
      return arg !== '' && st() !== undefined;
    case '-f':
      return arg !== '' && st()?.type === 'file';
    case '-d':
      return arg !== '' && st()?.type === 'dir';
    case '-s':
      return arg !== '' && (st()?.size ?? 0) > 0;
    case '-x':
      return arg !== '' && st()?.type === 'dir';
    case '-c':
      return arg === '/dev/null';
    default:
      return false;
  }
}

export function binary(l: string, op: string, r: string, env: TestEnv): boolean {
  switch (op) {
    case '=':
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '-ef':
      return env.fs.resolve(env.cwd, l) === env.fs.resolve(env.cwd, r);
    case '-nt':
    case '-ot': {
      const a = env.fs.stat(env.fs.resolve(env.cwd, l))?.mtime;
      const b = env.fs.stat(env.fs.resolve(env.cwd, r))?.mtime;
      if (a === undefined || b === undefined) return op === '-nt' ? a !== undefined : b !== undefined;
      return op === '-nt' ? a > b : a < b;
    }
  }
  return compareInts(int(l), op, int(r));
}

export function compareInts(a: number, op: string, b: number): boolean {
  switch (op) {
    case '-eq':
      return a === b;
    case '-ne':
      return a !== b;
    case '-lt':
      return a < b;
    case '-le':
      return a <= b;
    case '-gt':
      return a > b;
    case '-ge':
      return a >= b;
  }
  return false;
}

function int(s: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new TestError(`${s}: integer expression expected`);
  return Number(s.trim());
}
