/** awk [-F fs] [-v var=value] 'program' | -f progfile [file | var=value]… */
import type { BuiltinContext, CommandEntry } from '../../exec/context';
import { readFileOrReport } from '../lib/common';
import { AwkRuntime, AwkRuntimeError, type AwkInput } from './interp';
import { AwkSyntaxError } from './lexer';
import { parseProgram } from './parser';

function awk(argv: string[], ctx: BuiltinContext): number {
  let fs: string | undefined;
  const vars: [string, string][] = [];
  let progText: string | undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-F') fs = argv[++i];
    else if (a.startsWith('-F')) fs = a.slice(2);
    else if (a === '-v') {
      const kv = argv[++i] ?? '';
      const eq = kv.indexOf('=');
      if (eq < 1) {
        ctx.stderr(`awk: improper assignment: -v ${kv}\n`);
        return 2;
      }
      vars.push([kv.slice(0, eq), kv.slice(eq + 1)]);
    } else if (a.startsWith('-v') && a.includes('=')) {
      const kv = a.slice(2);
      vars.push([kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]);
    } else if (a === '-f') {
      const t = readFileOrReport(ctx, 'awk', argv[++i] ?? '');
      if (t === undefined) return 2;
      progText = (progText ?? '') + t + '\n';
    } else if (a.startsWith('-') && a.length > 1 && a !== '-') {
      ctx.stderr(`awk: not an option: ${a}\n`);
      return 2;
    } else break;
  }
  if (progText === undefined) {
    progText = argv[i++];
    if (progText === undefined) {
      ctx.stderr('usage: awk [-F value] [-v var=value] [--] \'program text\' [file ...]\n');
      return 2;
    }
  }
  const operands = argv.slice(i);
  let prog;
  try {
    prog = parseProgram(progText);
  } catch (e) {
    if (e instanceof AwkSyntaxError) {
      ctx.stderr(`awk: ${/^line \d/.test(e.message) ? e.message : 'line 1: ' + e.message}\n`);
      return 2;
    }
    throw e;
  }
  const rt = new AwkRuntime(prog, {
    stdout: (s) => ctx.stdout(s),
    stderr: (s) => ctx.stderr(s),
    writeFile: (name, data, append) => {
      const path = ctx.fs.resolve(ctx.cwd, name);
      if (append) ctx.fs.appendFile(path, data);
      else ctx.fs.writeFile(path, data);
    },
    env: ctx.env,
  });
  if (fs !== undefined) rt.setVar('FS', fs === 't' ? '\t' : fs);
  for (const [k, v] of vars) rt.setVar(k, v);
  // operands: files, and var=value assignments that take effect before the next file
  const files: string[] = [];
  const between = new Map<number, [string, string][]>();
  for (const op of operands) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(op);
    if (m) {
      const list = between.get(files.length) ?? [];
      list.push([m[1], m[2]]);
      between.set(files.length, list);
    } else files.push(op);
  }
  let status = 0;
  const inputs = (): AwkInput[] => {
    const names = files.length ? files : ['-'];
    const out: AwkInput[] = [];
    for (const n of names) {
      if (n === '-' || n === '/dev/stdin') out.push({ name: n === '-' && !files.length ? '' : n, text: ctx.stdin });
      else {
        const t = readFileOrReport(ctx, 'awk', n);
        if (t === undefined) {
          status = 2;
          continue;
        }
        out.push({ name: n, text: t });
      }
    }
    return out;
  };
  try {
    const code = rt.run(inputs, between);
    return code || status;
  } catch (e) {
    if (e instanceof AwkRuntimeError) {
      ctx.stderr(`awk: run time error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export const awkCommands: Record<string, CommandEntry> = {
  awk: { fn: awk, kind: 'program', summary: "pattern scanning ('{print $1}', -F:, 'NR>1', '$3 > 10 {print}', BEGIN/END)" },
};
