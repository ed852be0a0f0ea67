/**
 * `etcdctl txn` standard input: compares, a blank line, success ops, a blank line, failure ops,
 * a blank line. Compares look like `mod("/k") = "6"` (targets ver|version, c|create, m|mod,
 * val|value, lease; operators = != < >); ops are `put k v`, `get k [flags]`, `del k [flags]`.
 * Like etcdctl, input that ends before the third blank line is an error (`EOF`, exit code 3).
 */
import { argify, EtcdctlError, EXIT_BAD_ARGS, EXIT_INVALID_INPUT, goQuote, parseGoInt, scanQuoted } from './etcdctl-args';
import type { Compare, CompareResult, CompareTarget, Op, TxnRequest } from './types';

const TARGETS: Record<string, CompareTarget> = {
  ver: 'VERSION',
  version: 'VERSION',
  c: 'CREATE',
  create: 'CREATE',
  m: 'MOD',
  mod: 'MOD',
  val: 'VALUE',
  value: 'VALUE',
  lease: 'LEASE',
};
const RESULTS: Record<string, CompareResult> = { '=': 'EQUAL', '!=': 'NOT_EQUAL', '<': 'LESS', '>': 'GREATER' };

/** The op-line parsers (get/put/del argument handling) come from etcdctl-ops, to avoid a cycle. */
export type OpLineParser = (argv: string[]) => Op;

export function parseTxnStdin(text: string, parseOp: OpLineParser): TxnRequest {
  // bufio.Reader.ReadString('\n'): only newline-terminated lines count; the rest is EOF
  const lines = text.split('\n');
  let i = 0;
  const section = <T>(parse: (line: string) => T): T[] => {
    const out: T[] = [];
    for (;;) {
      if (i >= lines.length - 1) throw new EtcdctlError(EXIT_INVALID_INPUT, 'EOF');
      const line = lines[i++].trim();
      if (!line) return out;
      out.push(parse(line));
    }
  };
  const compare = section(parseCompare);
  const success = section((l) => parseOpLine(l, parseOp));
  const failure = section((l) => parseOpLine(l, parseOp));
  return { compare, success, failure };
}

export function parseCompare(line: string): Compare {
  const lp = line.indexOf('(');
  if (lp < 0) throw new EtcdctlError(EXIT_INVALID_INPUT, `malformed comparison: ${line}`);
  const target = line.slice(0, lp);
  const rest = line.slice(lp + 1);
  // fmt.Sscanf(rest, "%q) %s %q", &key, &op, &val)
  const k = scanQuoted(rest, 0);
  const m = k && rest[k.end] === ')' ? /^\s+(\S+)\s+/.exec(rest.slice(k.end + 1)) : null;
  const v = k && m ? scanQuoted(rest, k.end + 1 + m[0].length) : undefined;
  if (!k || !m || !v) {
    const got = `${target}(${goQuote(k?.value ?? '')}) ${m?.[1] ?? ''} ${goQuote('')}`;
    throw new EtcdctlError(EXIT_INVALID_INPUT, `malformed comparison: ${line}; got ${got}`);
  }
  const t = TARGETS[target];
  if (!t) throw new EtcdctlError(EXIT_INVALID_INPUT, `malformed comparison: ${line} (unknown target ${target})`);
  const result = RESULTS[m[1]];
  if (!result) throw new EtcdctlError(EXIT_INVALID_INPUT, `Unknown compare type ${m[1]}`);
  let value: string | number | bigint = v.value;
  if (t === 'VERSION' || t === 'CREATE' || t === 'MOD') {
    const n = parseGoInt(v.value, 10);
    if (n === undefined) throw new EtcdctlError(EXIT_INVALID_INPUT, `invalid txn compare request: ${line}`);
    value = Number(n);
  } else if (t === 'LEASE') {
    const n = parseGoInt(v.value, 16);
    if (n === undefined) throw new EtcdctlError(EXIT_INVALID_INPUT, `invalid txn compare request: ${line}`);
    value = n;
  }
  return { key: k.value, target: t, result, value };
}

function parseOpLine(line: string, parseOp: OpLineParser): Op {
  const args = argify(line);
  if (args.length < 2) throw new EtcdctlError(EXIT_INVALID_INPUT, `invalid txn compare request: ${line}`);
  try {
    return parseOp(args);
  } catch (e) {
    if (e instanceof EtcdctlError && e.exitCode !== EXIT_BAD_ARGS) throw new EtcdctlError(EXIT_INVALID_INPUT, `invalid txn request: ${line}`);
    throw e;
  }
}
