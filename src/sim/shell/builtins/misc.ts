/** sleep, clear, seq, tee, base64. */
import type { BuiltinContext, CommandEntry } from '../exec/context';
import { VfsError } from '../vfs';
import { getopts } from './lib/common';

async function sleep(argv: string[], ctx: BuiltinContext): Promise<number> {
  const args = argv.slice(1);
  if (!args.length) {
    ctx.stderr("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  if (args.length === 1 && /^(inf|infinity)$/i.test(args[0])) {
    // until interrupted (Ctrl-C, or the container being killed)
    for (;;) await ctx.sleep(86_400_000);
  }
  let total = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      ctx.stderr(`sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  }
  await ctx.sleep(Math.round(total * 1000));
  return 0;
}

function clear(_argv: string[], ctx: BuiltinContext): number {
  ctx.stdout('\x1b[2J\x1b[3J\x1b[H');
  return 0;
}

function seq(argv: string[], ctx: BuiltinContext): number {
  let sep = '\n';
  let width = false;
  const nums: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-s') sep = argv[++i] ?? '';
    else if (a.startsWith('-s')) sep = a.slice(2);
    else if (a === '-w') width = true;
    else nums.push(a);
  }
  if (!nums.length) {
    ctx.stderr("seq: missing operand\nTry 'seq --help' for more information.\n");
    return 1;
  }
  for (const n of nums) {
    if (Number.isNaN(Number(n)) || n.trim() === '') {
      ctx.stderr(`seq: invalid floating point argument: ‘${n}’\nTry 'seq --help' for more information.\n`);
      return 1;
    }
  }
  const [first, step, last] = nums.length === 1 ? [1, 1, Number(nums[0])] : nums.length === 2 ? [Number(nums[0]), 1, Number(nums[1])] : nums.map(Number);
  const decimals = Math.max(...nums.slice(0, nums.length === 3 ? 2 : 1).map((n) => (n.includes('.') ? n.split('.')[1].length : 0)), 0);
  const out: string[] = [];
  if (step !== 0) {
    for (let i = 0; out.length < 1_000_000; i++) {
      const v = first + i * step;
      if (step > 0 ? v > last + 1e-9 : v < last - 1e-9) break;
      out.push(v.toFixed(decimals));
    }
  }
  if (width) {
    const w = Math.max(...out.map((s) => s.replace('-', '').length));
    for (let i = 0; i < out.length; i++) out[i] = out[i].startsWith('-') ? '-' + out[i].slice(1).padStart(w, '0') : out[i].padStart(w, '0');
  }
  if (out.length) ctx.stdout(out.join(sep) + '\n');
  return 0;
}

function tee(argv: string[], ctx: BuiltinContext): number {
  const p = getopts(ctx, 'tee', argv.slice(1), { flags: 'ai', long: { append: 'a' } });
  if (typeof p === 'number') return p;
  const data = ctx.stdin;
  let status = 0;
  for (const f of p.args) {
    try {
      const path = ctx.fs.resolve(ctx.cwd, f);
      if (p.opts.has('a')) ctx.fs.appendFile(path, data);
      else ctx.fs.writeFile(path, data);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      ctx.stderr(`tee: ${f}: ${e.message}\n`);
      status = 1;
    }
  }
  ctx.stdout(data);
  return status;
}

function base64(argv: string[], ctx: BuiltinContext): number {
  const p = getopts(ctx, 'base64', argv.slice(1), { flags: 'di', values: 'w', long: { decode: 'd', 'ignore-garbage': 'i', 'wrap=': 'w' } });
  if (typeof p === 'number') return p;
  let input: string;
  const file = p.args[0];
  if (file && file !== '-') {
    const data = ctx.fs.tryReadFile(ctx.fs.resolve(ctx.cwd, file));
    if (data === undefined) {
      ctx.stderr(`base64: ${file}: No such file or directory\n`);
      return 1;
    }
    input = data;
  } else input = ctx.stdin;
  if (p.opts.has('d')) {
    const clean = input.replace(/[\s]/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
      const ok = clean.replace(/[^A-Za-z0-9+/=]/g, '');
      ctx.stdout(p.opts.has('i') ? decode(ok) : decode(ok.slice(0, ok.length - (ok.length % 4))));
      if (!p.opts.has('i')) {
        ctx.stderr('base64: invalid input\n');
        return 1;
      }
      return 0;
    }
    ctx.stdout(decode(clean));
    return 0;
  }
  const wrap = Number(p.opts.get('w')?.at(-1) ?? 76);
  const enc = encode(input);
  if (!wrap) ctx.stdout(enc + (enc ? '\n' : ''));
  else {
    let out = '';
    for (let i = 0; i < enc.length; i += wrap) out += enc.slice(i, i + wrap) + '\n';
    ctx.stdout(out);
  }
  return 0;
}

export function encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function decode(b64: string): string {
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    return '';
  }
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

export const miscCommands: Record<string, CommandEntry> = {
  sleep: { fn: sleep, kind: 'program', summary: 'wait N seconds of (virtual) time (s, m, h suffixes)' },
  clear: { fn: clear, kind: 'program', summary: 'clear the terminal' },
  seq: { fn: seq, kind: 'program', summary: 'print a sequence of numbers (seq 5, seq 2 10, -s, -w)' },
  tee: { fn: tee, kind: 'program', summary: 'copy standard input to files and standard output (-a)' },
  base64: { fn: base64, kind: 'program', summary: 'encode or decode base64 (-d, -w 0)' },
};
