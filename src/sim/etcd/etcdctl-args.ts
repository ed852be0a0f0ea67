/**
 * Argument handling as etcdctl 3.4 does it: pflag-style flags (anywhere among the arguments,
 * `--f=v`, `--f v`, `-w json`, `--` ends flags), Go's %q quoted strings, and etcdctl's Argify
 * (the word splitter for txn op lines).
 */

/** etcdctl exit codes (etcdctl/ctlv3/command/error.go). */
export const EXIT_ERROR = 1;
export const EXIT_BAD_CONNECTION = 2;
export const EXIT_INVALID_INPUT = 3;
export const EXIT_BAD_FEATURE = 4;
export const EXIT_INTERRUPTED = 5;
export const EXIT_BAD_ARGS = 128;

export class EtcdctlError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'EtcdctlError';
  }
}

export type FlagType = 'bool' | 'string' | 'int';
export interface FlagSpec {
  type: FlagType;
  short?: string;
  default?: string | number | boolean;
}
export type FlagValues = Record<string, string | number | boolean>;

/** Split argv into positional args and flag values per spec; unknown flags are errors. */
export function parseFlags(argv: readonly string[], spec: Record<string, FlagSpec>): { args: string[]; flags: FlagValues } {
  const flags: FlagValues = {};
  for (const [name, s] of Object.entries(spec)) flags[name] = s.default ?? (s.type === 'bool' ? false : s.type === 'int' ? 0 : '');
  const byShort = new Map(Object.entries(spec).flatMap(([n, s]) => (s.short ? [[s.short, n] as const] : [])));
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      args.push(a);
      continue;
    }
    let name: string;
    let value: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      value = eq < 0 ? undefined : a.slice(eq + 1);
      if (!spec[name]) throw new EtcdctlError(EXIT_ERROR, `unknown flag: --${name}`);
    } else {
      const n = byShort.get(a[1]);
      if (!n) throw new EtcdctlError(EXIT_ERROR, `unknown shorthand flag: '${a[1]}' in ${a}`);
      name = n;
      const rest = a.slice(2);
      value = rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest;
    }
    const s = spec[name];
    if (s.type === 'bool') {
      if (value === undefined || value === 'true') flags[name] = true;
      else if (value === 'false') flags[name] = false;
      else throw new EtcdctlError(EXIT_ERROR, `invalid argument "${value}" for "--${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new EtcdctlError(EXIT_ERROR, `flag needs an argument: --${name}`);
      value = argv[++i];
    }
    if (s.type === 'int') {
      if (!/^[+-]?\d+$/.test(value)) throw new EtcdctlError(EXIT_ERROR, `invalid argument "${value}" for "--${name}" flag: ${parseIntError(value)}`);
      flags[name] = Number(value);
    } else flags[name] = value;
  }
  return { args, flags };
}

export function parseIntError(s: string): string {
  return `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`;
}

/** strconv.ParseInt(s, base, 64) for base 10 or 16; undefined when invalid. */
export function parseGoInt(s: string, base: 10 | 16): bigint | undefined {
  const re = base === 10 ? /^[+-]?\d+$/ : /^[+-]?[0-9a-fA-F]+$/;
  if (!re.test(s)) return undefined;
  const neg = s.startsWith('-');
  const digits = s.replace(/^[+-]/, '');
  const n = BigInt(base === 16 ? '0x' + digits : digits);
  return neg ? -n : n;
}

/** Go's %q for ASCII-ish strings. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/**
 * Read one Go-quoted string (%q: "…" with escapes, or `…`) at s[i]; returns the value and the
 * index after it, or undefined when there is none.
 */
export function scanQuoted(s: string, i: number): { value: string; end: number } | undefined {
  if (s[i] === '`') {
    const j = s.indexOf('`', i + 1);
    return j < 0 ? undefined : { value: s.slice(i + 1, j), end: j + 1 };
  }
  if (s[i] !== '"') return undefined;
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (c === '"') return { value: out, end: j + 1 };
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = s[++j];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (e in simple) out += simple[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = s.slice(j + 1, j + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) return undefined;
      out += String.fromCodePoint(parseInt(hex, 16));
      j += n;
    } else if (e >= '0' && e <= '7') {
      const oct = s.slice(j, j + 3);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      j += 2;
    } else return undefined;
  }
  return undefined;
}

/** etcdctl's Argify: words, "double-quoted" (Go escapes) and 'single-quoted' strings. */
export function argify(line: string): string[] {
  const re = /"(?:[^"\\]|\\.)*"|'[^']*'|[^'"\s]\S*[^'"\s]?/g;
  const out: string[] = [];
  for (const m of line.match(re) ?? []) {
    if (m.startsWith("'")) out.push(m.slice(1, -1));
    else if (m.startsWith('"')) {
      const q = scanQuoted(m, 0);
      if (!q) throw new EtcdctlError(EXIT_INVALID_INPUT, `invalid syntax: ${m}`);
      out.push(q.value);
    } else out.push(m);
  }
  return out;
}
