/** grep: -i -v -c -E -F -q -w -x -n -h -H -l -L -o -r -s -m -A -B -C -e, BRE/ERE via regex.ts. */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { getopts } from './lib/common';
import { escapeRegExp, toJsSource } from './lib/regex';

const USAGE = 'Usage: grep [OPTION]... PATTERNS [FILE]...';

async function grep(argv: string[], ctx: BuiltinContext): Promise<number> {
  const extendedByName = argv[0] === 'egrep';
  const p = getopts(ctx, 'grep', argv.slice(1), {
    flags: 'ivcEFGPqwxnhHlLorRsIaTUZz',
    values: 'efmABC',
    long: {
      'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'perl-regexp': 'P',
      quiet: 'q', silent: 'q', 'word-regexp': 'w', 'line-regexp': 'x', 'line-number': 'n', 'no-filename': 'h', 'with-filename': 'H',
      'files-with-matches': 'l', 'files-without-match': 'L', 'only-matching': 'o', recursive: 'r', 'dereference-recursive': 'R',
      'no-messages': 's', 'regexp=': 'e', 'file=': 'f', 'max-count=': 'm', 'after-context=': 'A', 'before-context=': 'B', 'context=': 'C',
      'color=': 'color', colour: 'color', color: 'color', 'colour=': 'color', 'include=': 'include', 'exclude=': 'exclude',
    },
  }, 2, USAGE);
  if (typeof p === 'number') return p;
  const o = (k: string): boolean => p.opts.has(k);
  const args = [...p.args];
  let patterns: string[] = [...(p.opts.get('e') ?? [])];
  for (const f of p.opts.get('f') ?? []) {
    const t = ctx.fs.tryReadFile(ctx.fs.resolve(ctx.cwd, f));
    if (t === undefined) {
      ctx.stderr(`grep: ${f}: No such file or directory\n`);
      return 2;
    }
    patterns.push(...t.split('\n').filter((l, i, all) => i < all.length - 1 || l !== ''));
  }
  if (!p.opts.has('e') && !p.opts.has('f')) {
    if (!args.length) {
      ctx.stderr(`${USAGE}\nTry 'grep --help' for more information.\n`);
      return 2;
    }
    patterns = args.shift()!.split('\n');
  }
  const extended = extendedByName || o('E') || o('P');
  const sources = patterns.map((pat) => (o('F') ? escapeRegExp(pat) : toJsSource(pat, extended)));
  let src = sources.length ? sources.map((s) => `(?:${s})`).join('|') : '(?!)';
  if (o('x')) src = `^(?:${src})$`;
  else if (o('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
  let re: RegExp;
  try {
    re = new RegExp(src, o('i') ? 'i' : '');
  } catch {
    ctx.stderr('grep: Unmatched ( or \\(\n');
    return 2;
  }
  const reGlobal = new RegExp(re.source, re.flags + 'g');
  const recursive = o('r') || o('R');
  if (!args.length) args.push(recursive ? '.' : '-');

  // expand the file operands (recursively with -r)
  const files: string[] = [];
  let error = false;
  const walk = (name: string): void => {
    const path = ctx.fs.resolve(ctx.cwd, name);
    if (ctx.fs.isDir(path)) {
      for (const child of ctx.fs.readdir(path)) walk(name === '.' && !p.args.includes('.') ? child : `${name.replace(/\/$/, '')}/${child}`);
    } else files.push(name);
  };
  for (const a of args) {
    if (recursive && a !== '-' && ctx.fs.isDir(ctx.fs.resolve(ctx.cwd, a))) walk(a);
    else files.push(a);
  }
  const showNames = o('H') || (!o('h') && (files.length > 1 || recursive));
  const maxCount = p.opts.has('m') ? Number(p.opts.get('m')!.at(-1)) : Infinity;
  const ctxN = (k: string): number => Number(p.opts.get(k)?.at(-1) ?? p.opts.get('C')?.at(-1) ?? 0);
  const after = ctxN('A');
  const before = ctxN('B');
  let anySelected = false;
  let out = '';
  const useContext = before > 0 || after > 0;
  let lastOut: { file: number; line: number } | undefined;

  for (let fi = 0; fi < files.length; fi++) {
    const name = files[fi];
    let text: string;
    const label = name === '-' ? '(standard input)' : name;
    if (name === '-') text = ctx.stdin;
    else {
      const path = ctx.fs.resolve(ctx.cwd, name);
      const st = ctx.fs.stat(path);
      if (!st) {
        if (!o('s')) ctx.stderr(`grep: ${name}: No such file or directory\n`);
        error = true;
        continue;
      }
      if (st.type === 'dir') {
        if (!o('s')) ctx.stderr(`grep: ${name}: Is a directory\n`);
        error = true;
        continue;
      }
      text = ctx.fs.readFile(path);
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let count = 0;
    let afterLeft = 0;
    const listing = o('c') || o('l') || o('L');
    const emit = (i: number, sep: string, body: string = lines[i]): void => {
      if (useContext && lastOut && (lastOut.file !== fi || i > lastOut.line + 1)) out += '--\n';
      out += (showNames ? label + sep : '') + (o('n') ? `${i + 1}${sep}` : '') + body + '\n';
      lastOut = { file: fi, line: i };
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const selected = count < maxCount && re.test(line) !== o('v');
      if (selected) {
        count++;
        anySelected = true;
        if (o('q')) return 0;
        if (listing) continue;
        const from = Math.max(i - before, lastOut && lastOut.file === fi ? lastOut.line + 1 : 0);
        for (let b = from; b < i; b++) emit(b, '-');
        if (o('o')) {
          if (!o('v')) for (const m of line.matchAll(reGlobal)) if (m[0]) emit(i, ':', m[0]);
        } else emit(i, ':');
        afterLeft = after;
      } else if (afterLeft > 0 && !listing) {
        emit(i, '-');
        afterLeft--;
      } else if (count >= maxCount) break;
    }
    if (o('c')) out += (showNames ? `${label}:` : '') + `${count}\n`;
    if (o('l') && count) out += label + '\n';
    if (o('L') && !count) out += label + '\n';
    ctx.stdout(out);
    out = '';
  }
  if (error && !(o('q') && anySelected)) return 2;
  return anySelected ? 0 : 1;
}

export const grepCommands: Record<string, CommandEntry> = {
  grep: { fn: grep, kind: 'program', summary: 'print matching lines (-i -v -c -E -F -w -x -n -o -r -A/-B/-C N)' },
  egrep: { fn: grep, kind: 'program' },
};
