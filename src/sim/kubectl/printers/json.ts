/**
 * `kubectl -o json`: json.MarshalIndent of the unstructured object (a Go map), so keys come out
 * SORTED (byte order) at every level, 4-space indent, HTML-safe escaping (`<` → `\u003c`), final newline.
 */

function cmpKeys(a: string, b: string): number {
  // UTF-8 byte order == code point order
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx - cy;
  }
}

export function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined).sort(cmpKeys);
}

const ESC: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** encoding/json string encoding with HTML escaping (Go 1.23). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch in ESC) out += ESC[ch];
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += ch + s[i + 1];
        i++;
      } else out += '\\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${n}`);
  return Object.is(n, -0) ? '-0' : String(n);
}

export interface JsonOptions {
  /**
   * Keep the object's own key order instead of sorting: kubectl prints TYPED objects (e.g. what
   * `create --dry-run=client -o json` built) in Go struct field order; objects read from the server
   * (unstructured, what `get -o json` prints) come out sorted.
   */
  preserveOrder?: boolean;
}

let preserve = false;
// JS puts integer-like keys first, so their original order is lost; only Go maps have such keys, and
// json.Marshal sorts maps: sort those objects even when preserving order.
const keysOf = (o: Record<string, unknown>) => {
  if (!preserve) return sortedKeys(o);
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  return keys.some((k) => /^(0|[1-9]\d*)$/.test(k)) ? keys.sort(cmpKeys) : keys;
};

function enc(v: unknown, indent: string, step: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = indent + step;
    return '[\n' + v.map((x) => inner + enc(x, inner, step)).join(',\n') + '\n' + indent + ']';
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = keysOf(o);
    if (keys.length === 0) return '{}';
    const inner = indent + step;
    return '{\n' + keys.map((k) => `${inner}${goJsonString(k)}: ${enc(o[k], inner, step)}`).join(',\n') + '\n' + indent + '}';
  }
  return 'null';
}

/** json.MarshalIndent(v, "", "    ") + "\n", as kubectl's JSONPrinter writes it. */
export function printJson(v: unknown, opts: JsonOptions = {}): string {
  preserve = !!opts.preserveOrder;
  try {
    return enc(v, '', '    ') + '\n';
  } finally {
    preserve = false;
  }
}

/** Alias of printJson. */
export const toJson = printJson;

/** Compact json.Marshal (sorted keys, HTML-safe) — e.g. for jsonpath's printing of maps and lists. */
export function goJsonCompact(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(goJsonCompact).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + sortedKeys(o).map((k) => `${goJsonString(k)}:${goJsonCompact(o[k])}`).join(',') + '}';
}
