/** Go value formatting used in kubectl error texts: strconv.Quote (%q) and %#v of unstructured data. */
import { goFloat } from './gofmt';

function isGoPrint(ch: string): boolean {
  return ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  const simple: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch in simple) out += simple[ch];
    else if (c < 0x80 && (c < 0x20 || c === 0x7f)) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (isGoPrint(ch)) out += ch;
    else if (c <= 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** %#v of a value held in an interface{} inside unstructured data. */
function elem(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  return goSharpV(v);
}

/** fmt's %#v for unstructured content: map[string]interface {}{"k":v, …} (keys sorted), []interface {}{…}. */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (Array.isArray(v)) return '[]interface {}{' + v.map(elem).join(', ') + '}';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return 'map[string]interface {}{' + keys.map((k) => `${goQuote(k)}:${elem(o[k])}`).join(', ') + '}';
  }
  return String(v);
}
