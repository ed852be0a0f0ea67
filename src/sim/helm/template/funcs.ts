/**
 * The template functions charts lean on: Go's builtins (eq, ne, lt, not, len, index, print, printf)
 * and the Sprig/Helm ones most charts use (default, quote, toYaml, nindent, trunc, trimSuffix …).
 */
import { stringify } from 'yaml';
import { TemplateError } from './parse';

export interface FuncEnv {
  where: string;
}

/** Go template truthiness: false, 0, "", nil and empty lists/maps are false. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

type Fn = (env: FuncEnv, ...args: unknown[]) => unknown;

/** Go's %v for the values YAML/JSON produce. */
export function goString(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(goString).join(' ') + ']';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return 'map[' + Object.keys(o).sort().map((k) => `${k}:${goString(o[k])}`).join(' ') + ']';
  }
  return String(v);
}

function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    // values from YAML are float64 in Helm: %v prints 1e+06 for a million
    if (Math.abs(n) >= 1e21) return n.toExponential().replace('e+', 'e+');
    return String(n);
  }
  return String(n);
}

/** `toYaml`: sigs.k8s.io/yaml (sorted keys, lists not indented under their key), no trailing newline. */
export function toYaml(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  const s = stringify(v, { sortMapEntries: true, indentSeq: false, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
  return s.replace(/\n$/, '');
}

function empty(v: unknown): boolean {
  return !truthy(v);
}

function indent(n: unknown, s: unknown): string {
  const pad = ' '.repeat(Number(n));
  return pad + String(s ?? '').replace(/\n/g, '\n' + pad);
}

function cmp(env: FuncEnv, a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new TemplateError(`${env.where}: error calling lt: incompatible types for comparison`);
}

function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([vsdqfxXt%])/g, (m, _flags, width, prec, verb) => {
    if (verb === '%') return '%';
    const a = args[i++];
    let s: string;
    switch (verb) {
      case 'd':
        s = typeof a === 'number' ? String(Math.trunc(a)) : `%!d(${goTypeName(a)}=${goString(a)})`;
        break;
      case 'q':
        s = JSON.stringify(String(a));
        break;
      case 'f':
        s = Number(a).toFixed(prec ? Number(prec) : 6);
        break;
      case 'x':
        s = typeof a === 'number' ? a.toString(16) : Array.from(String(a)).map((c) => c.charCodeAt(0).toString(16)).join('');
        break;
      default:
        s = a === undefined ? '%!' + verb + '(MISSING)' : goString(a);
    }
    if (width) s = s.padStart(Number(width));
    return s;
  });
}

function goTypeName(v: unknown): string {
  return typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'float64';
}

function toInt(v: unknown): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') {
    const n = parseInt(v, 10);
    return Number.isNaN(n) ? 0 : n;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

function b64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export const FUNCS: Record<string, Fn> = {
  // Go builtins
  eq: (_e, a, ...bs) => bs.some((b) => a === b || (a == null && b == null)),
  ne: (_e, a, b) => a !== b,
  lt: (e, a, b) => cmp(e, a, b) < 0,
  le: (e, a, b) => cmp(e, a, b) <= 0,
  gt: (e, a, b) => cmp(e, a, b) > 0,
  ge: (e, a, b) => cmp(e, a, b) >= 0,
  not: (_e, a) => !truthy(a),
  len: (e, a) => {
    if (typeof a === 'string' || Array.isArray(a)) return a.length;
    if (a && typeof a === 'object') return Object.keys(a).length;
    throw new TemplateError(`${e.where}: error calling len: len of nil pointer`);
  },
  index: (_e, a, ...keys) => keys.reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<string, unknown>)[k as string]), a),
  print: (_e, ...a) => a.map(goString).join(''),
  println: (_e, ...a) => a.map(goString).join(' ') + '\n',
  printf: (_e, f, ...a) => sprintf(String(f), a),
  // Sprig / Helm
  default: (_e, ...a) => {
    const given = a.length > 1 ? a[a.length - 1] : undefined;
    return empty(given) ? a[0] : given;
  },
  empty: (_e, a) => empty(a),
  coalesce: (_e, ...a) => a.find(truthy),
  ternary: (_e, t, f, c) => (truthy(c) ? t : f),
  required: (e, msg, v) => {
    if (v === undefined || v === null || v === '') throw new TemplateError(`${e.where}: error calling required: ${goString(msg)}`);
    return v;
  },
  fail: (e, msg) => {
    throw new TemplateError(`${e.where}: error calling fail: ${goString(msg)}`);
  },
  quote: (_e, ...a) => a.filter((x) => x != null).map((x) => JSON.stringify(goString(x))).join(' '),
  squote: (_e, ...a) => a.filter((x) => x != null).map((x) => `'${goString(x)}'`).join(' '),
  toString: ((_e: FuncEnv, a: unknown) => goString(a)) as Fn,
  toYaml: (_e, a) => toYaml(a),
  toJson: (_e, a) => JSON.stringify(a ?? null),
  fromYaml: (_e, a) => {
    // not needed by the bundled charts; kept minimal
    return a;
  },
  indent: (_e, n, s) => indent(n, s),
  nindent: (_e, n, s) => '\n' + indent(n, s),
  trim: (_e, s) => String(s ?? '').trim(),
  trimSuffix: (_e, suf, s) => {
    const str = String(s ?? '');
    return str.endsWith(String(suf)) ? str.slice(0, str.length - String(suf).length) : str;
  },
  trimPrefix: (_e, pre, s) => {
    const str = String(s ?? '');
    return str.startsWith(String(pre)) ? str.slice(String(pre).length) : str;
  },
  trunc: (_e, n, s) => {
    const str = goString(s ?? '');
    const k = Number(n);
    return k >= 0 ? str.slice(0, k) : str.slice(Math.max(0, str.length + k));
  },
  upper: (_e, s) => String(s ?? '').toUpperCase(),
  lower: (_e, s) => String(s ?? '').toLowerCase(),
  title: (_e, s) => String(s ?? '').replace(/\b\w/g, (c) => c.toUpperCase()),
  replace: (_e, a, b, s) => String(s ?? '').split(String(a)).join(String(b)),
  contains: (_e, sub, s) => String(s ?? '').includes(String(sub)),
  hasPrefix: (_e, p, s) => String(s ?? '').startsWith(String(p)),
  hasSuffix: (_e, p, s) => String(s ?? '').endsWith(String(p)),
  repeat: (_e, n, s) => String(s ?? '').repeat(Number(n)),
  b64enc: (_e, s) => b64(goString(s)),
  int: (_e, a) => toInt(a),
  int64: (_e, a) => toInt(a),
  float64: (_e, a) => Number(a),
  add: (_e, ...a) => a.reduce<number>((x, y) => x + toInt(y), 0),
  add1: (_e, a) => toInt(a) + 1,
  sub: (_e, a, b) => toInt(a) - toInt(b),
  mul: (_e, ...a) => a.reduce<number>((x, y) => x * toInt(y), 1),
  div: (_e, a, b) => Math.trunc(toInt(a) / toInt(b)),
  max: (_e, ...a) => Math.max(...a.map(toInt)),
  min: (_e, ...a) => Math.min(...a.map(toInt)),
  list: (_e, ...a) => a,
  dict: (_e, ...a) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i + 1 < a.length; i += 2) o[goString(a[i])] = a[i + 1];
    return o;
  },
  get: (_e, d, k) => (d as Record<string, unknown>)?.[String(k)] ?? '',
  hasKey: (_e, d, k) => !!d && typeof d === 'object' && Object.prototype.hasOwnProperty.call(d, String(k)),
  keys: (_e, ...ds) => ds.flatMap((d) => Object.keys((d as object) ?? {})),
  join: (_e, sep, l) => (Array.isArray(l) ? l.map(goString).join(String(sep)) : goString(l)),
  split: (_e, sep, s) => {
    const o: Record<string, string> = {};
    String(s).split(String(sep)).forEach((p, i) => (o[`_${i}`] = p));
    return o;
  },
  splitList: (_e, sep, s) => String(s).split(String(sep)),
  first: (_e, l) => (Array.isArray(l) ? l[0] : undefined),
  last: (_e, l) => (Array.isArray(l) ? l[l.length - 1] : undefined),
  kindIs: (_e, k, v) => kindOf(v) === k,
  kindOf: (_e, v) => kindOf(v),
  semverCompare: () => true,
};

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return 'slice';
  return 'map';
}
