/** Redirections: `<` `>` `>>` `&>` `2>&1` `>&2` heredocs and here-strings, onto the virtual filesystem. */
import type { Redir } from '../ast';
import { expandString, type ExpandHost } from '../expand/expand';
import { Input, nullSink, type Sink, type StdIO } from '../io';
import { VfsError } from '../vfs';
import type { ShellDialect } from './context';

/**
 * The shell's words for a file a redirection cannot open, as each one prints them:
 *   bash             bash: /nope/x: No such file or directory
 *   dash (Debian)    sh: 1: cannot create /nope/x: Directory nonexistent   (errmsg, E_CREAT / E_OPEN)
 *   busybox ash      sh: can't create /nope/x: nonexistent directory       (errmsg(errno, "…"))
 * Errors other than ENOENT/ENOTDIR are strerror's text in all three (Read-only file system …).
 */
function openFailed(dialect: ShellDialect | undefined, target: string, e: VfsError, creating: boolean): string {
  const missing = e.code === 'ENOENT' || e.code === 'ENOTDIR';
  if (dialect === 'ash') return `sh: can't ${creating ? 'create' : 'open'} ${target}: ${missing ? (creating ? 'nonexistent directory' : 'no such file') : e.message}\n`;
  if (dialect === 'dash') return `sh: 1: cannot ${creating ? 'create' : 'open'} ${target}: ${missing ? (creating ? 'Directory nonexistent' : 'No such file') : e.message}\n`;
  return `bash: ${target}: ${e.message}\n`;
}

/** Apply redirects left to right; undefined (after printing bash's message) when one fails. */
export async function applyRedirs(redirs: Redir[], io: StdIO, h: ExpandHost, dialect?: ShellDialect): Promise<StdIO | undefined> {
  if (!redirs.length) return io;
  const out: StdIO = { ...io };
  const fs = h.fs;
  const fail = (target: string, msg: string): undefined => {
    out.stderr.write(`bash: ${target}: ${msg}\n`);
    return undefined;
  };
  const failOpen = (target: string, e: VfsError, creating: boolean): undefined => {
    out.stderr.write(openFailed(dialect, target, e, creating));
    return undefined;
  };
  const setOut = (fd: number, sink: Sink): void => {
    if (fd === 1) out.stdout = sink;
    else if (fd === 2) out.stderr = sink;
  };
  const fileSink = (target: string, append: boolean): Sink | undefined => {
    if (target === '/dev/null') return nullSink;
    if (target === '/dev/stdout') return out.stdout;
    if (target === '/dev/stderr') return out.stderr;
    if (target === '') return fail('', 'No such file or directory');
    const path = fs.resolve(h.state.cwd, target);
    try {
      if (append) fs.appendFile(path, '');
      else fs.writeFile(path, '');
    } catch (e) {
      if (e instanceof VfsError) return failOpen(target, e, true);
      throw e;
    }
    return { tty: false, write: (s: string) => fs.appendFile(path, s) };
  };

  for (const r of redirs) {
    if (r.op === '<<' || r.op === '<<-') {
      const body = r.heredoc ? await expandString(r.heredoc, h) : '';
      if (r.fd === 0) out.stdin = new Input(body);
      continue;
    }
    const target = await expandString(r.target, h);
    switch (r.op) {
      case '<<<':
        if (r.fd === 0) out.stdin = new Input(target + '\n');
        break;
      case '<':
      case '<>': {
        if (target === '/dev/null' || target === '/dev/stdin') {
          if (target === '/dev/null' && r.fd === 0) out.stdin = new Input('');
          break;
        }
        const path = fs.resolve(h.state.cwd, target);
        let data: string;
        try {
          data = fs.readFile(path);
        } catch (e) {
          if (e instanceof VfsError) return failOpen(target, e, false);
          throw e;
        }
        if (r.fd === 0) out.stdin = new Input(data);
        break;
      }
      case '>&':
      case '<&': {
        if (target === '-') {
          if (r.fd === 0) out.stdin = new Input('');
          else setOut(r.fd, nullSink);
        } else if (/^\d+$/.test(target)) {
          const n = Number(target);
          if (r.op === '<&') break;
          if (n === 1) setOut(r.fd, out.stdout);
          else if (n === 2) setOut(r.fd, out.stderr);
          else return fail(target, 'Bad file descriptor');
        } else if (r.fd === 1 && r.op === '>&') {
          const sink = fileSink(target, false);
          if (!sink) return undefined;
          out.stdout = out.stderr = sink;
        } else return fail(target, 'ambiguous redirect');
        break;
      }
      case '&>':
      case '&>>': {
        const sink = fileSink(target, r.op === '&>>');
        if (!sink) return undefined;
        out.stdout = out.stderr = sink;
        break;
      }
      default: {
        const sink = fileSink(target, r.op === '>>');
        if (!sink) return undefined;
        setOut(r.fd, sink);
      }
    }
  }
  return out;
}
