/** Helpers shared by the builtin commands: reading file operands, lines, option errors. */
import { VfsError } from '../../vfs';
import type { BuiltinContext } from '../../exec/context';
import { OptError, parseArgs, type OptSpec, type Parsed } from './args';

export interface InputFile {
  /** The operand as given ('-' or none: standard input). */
  name: string;
  text: string;
}

/**
 * Read each file operand (or standard input when there are none, or for `-`). Missing files are
 * reported as `cmd: name: No such file or directory`; `ok` is false when any failed.
 */
export function readInputs(ctx: BuiltinContext, cmd: string, files: string[]): { inputs: InputFile[]; ok: boolean } {
  const inputs: InputFile[] = [];
  let ok = true;
  const names = files.length ? files : ['-'];
  for (const name of names) {
    if (name === '-') {
      inputs.push({ name: '(standard input)', text: ctx.stdin });
      continue;
    }
    const text = readFileOrReport(ctx, cmd, name);
    if (text === undefined) ok = false;
    else inputs.push({ name, text });
  }
  return { inputs, ok };
}

/** Read one file, or print `cmd: name: <error>` and return undefined. */
export function readFileOrReport(ctx: BuiltinContext, cmd: string, name: string): string | undefined {
  try {
    return ctx.fs.readFile(ctx.fs.resolve(ctx.cwd, name));
  } catch (e) {
    if (e instanceof VfsError) {
      // busybox applets (but grep) word it `cat: can't open 'x': No such file or directory`
      if (ctx.sh.core.dialect === 'ash' && cmd !== 'grep') ctx.stderr(`${cmd}: can't open '${name}': ${e.message}\n`);
      else ctx.stderr(`${cmd}: ${name}: ${e.message}\n`);
      return undefined;
    }
    throw e;
  }
}

/** Lines of text (a final newline does not start another line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Join lines, each ended by a newline. */
export function joinLines(lines: string[]): string {
  return lines.length ? lines.join('\n') + '\n' : '';
}

/**
 * Parse options; on error print GNU's two lines (`cmd: invalid option -- 'z'`, `Try 'cmd --help' …`)
 * and return the status to exit with.
 */
export function getopts(ctx: BuiltinContext, cmd: string, argv: string[], spec: OptSpec, status = 1, usage?: string): Parsed | number {
  try {
    return parseArgs(argv, spec);
  } catch (e) {
    if (!(e instanceof OptError)) throw e;
    ctx.stderr(`${cmd}: ${e.message}\n${usage ? usage + '\n' : ''}Try '${cmd} --help' for more information.\n`);
    return status;
  }
}

/** `cmd: name: message` for a filesystem error, or rethrow. */
export function reportFsError(ctx: BuiltinContext, prefix: string, e: unknown): void {
  if (e instanceof VfsError) ctx.stderr(`${prefix}: ${e.message}\n`);
  else throw e;
}
