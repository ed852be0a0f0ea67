/**
 * Values: the chart's values.yaml, overridden by each `-f file` in order, then by each `--set`
 * (Helm's strvals syntax: `a.b=c`, `a={x,y}`, `a[0]=x`, `a\.b=c`, several pairs split by commas).
 */
import { parse } from 'yaml';

export type Values = Record<string, unknown>;

export class ValuesError extends Error {}

function isMap(v: unknown): v is Values {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Deep merge: maps merge key by key, anything else (lists included) is replaced; null deletes. */
export function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = mergeValues(out[k] as Values, v);
    else out[k] = v;
  }
  return out;
}

export function parseValuesFile(text: string, path: string): Values {
  try {
    const v = parse(text);
    if (v === null || v === undefined) return {};
    if (!isMap(v)) throw new Error('cannot unmarshal into map');
    return v;
  } catch (e) {
    throw new ValuesError(`failed to parse ${path}: error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** A --set value: Helm types ints and bools (and null), --set-string keeps strings. */
function typed(s: string, asString: boolean): unknown {
  if (asString) return s;
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null') return null;
  if (/^-?(0|[1-9]\d*)$/.test(s) && Number.isSafeInteger(Number(s))) return Number(s);
  return s;
}

/** Split on an unescaped separator, keeping `{…}` lists together. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[++i];
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (c === sep && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Apply one `--set` argument to `into`. */
export function applySet(into: Values, arg: string, asString = false): void {
  for (const pair of splitTop(arg, ',')) {
    if (pair === '') continue;
    const eq = findUnescaped(pair, '=');
    if (eq < 0) throw new ValuesError(`failed parsing --set data: key "${unescape(pair)}" has no value`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value: unknown;
    if (raw.startsWith('{') && raw.endsWith('}')) {
      const inner = raw.slice(1, -1);
      value = inner === '' ? [] : splitTop(inner, ',').map((x) => typed(unescape(x), asString));
    } else value = typed(unescape(raw), asString);
    setPath(into, parseKey(key), value);
  }
}

function findUnescaped(s: string, ch: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ch) return i;
  }
  return -1;
}

type Seg = string | number;

function parseKey(key: string): Seg[] {
  const segs: Seg[] = [];
  let cur = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === '\\' && i + 1 < key.length) cur += key[++i];
    else if (c === '.') {
      if (cur) segs.push(cur);
      cur = '';
    } else if (c === '[') {
      if (cur) segs.push(cur);
      cur = '';
      const end = key.indexOf(']', i);
      const n = Number(key.slice(i + 1, end));
      if (end < 0 || !Number.isInteger(n) || n < 0) throw new ValuesError(`failed parsing --set data: invalid index in "${key}"`);
      segs.push(n);
      i = end;
    } else cur += c;
  }
  if (cur) segs.push(cur);
  if (!segs.length) throw new ValuesError(`failed parsing --set data: key "" has no value`);
  return segs;
}

function setPath(root: Values, segs: Seg[], value: unknown): void {
  let cur: Record<string | number, unknown> = root;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const last = i === segs.length - 1;
    if (last) {
      cur[s] = value;
      return;
    }
    const next = segs[i + 1];
    let child = cur[s];
    if (typeof next === 'number') {
      if (!Array.isArray(child)) child = [];
      const arr = child as unknown[];
      while (arr.length <= next) arr.push(null);
    } else if (!isMap(child)) child = {};
    cur[s] = child;
    cur = child as Record<string | number, unknown>;
  }
}
