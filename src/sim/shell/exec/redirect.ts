/** Redirections: `<` `>` `>>` `&>` `2>&1` `>&2` heredocs and here-strings, onto the virtual filesystem. */
import type { Redir } from '../ast';
import { expandString, type ExpandHost } from '../expand/expand';
import { Input, nullSink, type Sink, type StdIO } from '../io';
import { VfsError } from '../vfs';

/** Apply redirects left to right; undefined (after printing bash's message) when one fails. */
export async function applyRedirs(redirs: Redir[], io: StdIO, h: ExpandHost): Promise<StdIO | undefined> {
  if (!redirs.length) return io;
  const out: StdIO = { ...io };
  const fs = h.fs;
  const fail = (target: string, msg: string): undefined => {
    out.stderr.write(`bash: ${target}: ${msg}\n`);
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
      if (e instanceof VfsError) return fail(target, e.message);
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
          if (e instanceof VfsError) return fail(target, e.message);
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
