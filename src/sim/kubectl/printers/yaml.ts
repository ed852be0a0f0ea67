/**
 * `kubectl -o yaml`: sigs.k8s.io/yaml.Marshal = JSON → go-yaml v2 (map keys sorted with go-yaml's
 * natural order, strings quoted only when they would not read back as strings), 2-space indent,
 * sequences not indented inside mappings, long strings folded at 80 columns.
 */
import { goFloat } from './gofmt';
import { type YNode, YamlEmitter } from './yaml-emitter';

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Go strconv.ParseFloat acceptance (decimal / hex float / inf / nan), approximately. */
function goParsesFloat(s: string): boolean {
  if (/^[+-]?(inf|infinity|nan)$/i.test(s)) return true;
  if (/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(s)) return !/_/.test(s);
  return /^[+-]?0[xX]([0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+)[pP][+-]?\d+$/.test(s);
}

/** Go strconv.ParseInt(s, 0, 64) || ParseUint(s, 0, 64) acceptance (s has no underscores). */
function goParsesInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const body = m[2];
  const v = /^0[0-7]+$/.test(body) ? BigInt('0o' + body.slice(1)) : /^0[oO]/.test(body) ? BigInt('0o' + body.slice(2)) : BigInt(body);
  if (m[1] === '-') return v <= 2n ** 63n;
  if (m[1] === '+') return v < 2n ** 63n;
  return v < 2n ** 64n;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?))?$/.exec(s);
  if (!m) return false;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (mo === 2 && !leap ? 28 : DAYS[mo - 1])) return false;
  const h = m[5] ?? m[10];
  const mi = m[6] ?? m[11];
  const se = m[7] ?? m[12];
  if (h !== undefined && (+h > 23 || +mi > 59 || +se > 59)) return false;
  return true;
}

/** go-yaml resolve("", s) == !!str (and not a base-60 float): the string may be written plain. */
const PLAIN_FAST = /^[a-eg-mp-su-xzA-EG-MP-SU-XZ][A-Za-z0-9_./-]*$/;

export function resolvesToString(s: string): boolean {
  if (PLAIN_FAST.test(s)) return true;
  const c = s[0];
  // resolveTable hint: only these first characters (or the empty string) lead to a non-string tag
  if (s !== '' && !'+-0123456789yYnNtTfFoO~.'.includes(c)) return true;
  if (RESOLVE_MAP.has(s)) return false;
  if (c === '.') return !goParsesFloat(s);
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return false;
    const plain = s.replace(/_/g, '');
    if (goParsesInt(plain)) return false;
    if (YAML_STYLE_FLOAT.test(plain) && goParsesFloat(plain)) return false;
    if (/^-?0b[01]+$/.test(plain)) return false;
  }
  return !BASE60_FLOAT.test(s);
}

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}
function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Nd}/u.test(ch);
}

/** go-yaml v2 keyList.Less for string keys: digit runs compare as numbers, non-letters before letters. */
const ASCII = /^[\x00-\x7f]*$/;

/** ASCII fast path of yamlKeyLess (same rules with A-Z/a-z letters and 0-9 digits). */
function isL(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isD(c: number): boolean {
  return c >= 48 && c <= 57;
}
function asciiKeyLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const al = isL(x);
    const bl = isL(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (x === 48 || y === 48) {
      for (let j = i - 1; j >= 0 && isD(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== 48) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < a.length && isD(a.charCodeAt(ai)); ai++) an = an * 10 + (a.charCodeAt(ai) - 48);
    let bi = i;
    for (; bi < b.length && isD(b.charCodeAt(bi)); bi++) bn = bn * 10 + (b.charCodeAt(bi) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return a.length < b.length;
}

export function yamlKeyLess(a: string, b: string): boolean {
  if (ASCII.test(a) && ASCII.test(b)) return asciiKeyLess(a, b);
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].codePointAt(0)! - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

export function sortYamlKeys(keys: string[]): string[] {
  // Go's sort.Sort is not stable, but keys of a map are distinct and the order is total
  return [...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

/**
 * sigs.k8s.io/yaml reads the intermediate JSON with the YAML parser: a raw NEL (U+0085, which
 * encoding/json does not escape) is a line break there and folds like one in a quoted scalar.
 */
function foldNel(s: string): string {
  if (!s.includes('\u0085')) return s;
  return s.replace(/[ \t]*\u0085(?:[ \t]*\u0085)*[ \t]*/g, (m) => {
    const k = m.split('\u0085').length - 1;
    return k === 1 ? ' ' : '\n'.repeat(k - 1);
  });
}

function scalarNode(v: unknown): YNode {
  if (v === null || v === undefined) return { t: 'scalar', value: 'null', style: 'plain' };
  if (typeof v === 'boolean') return { t: 'scalar', value: v ? 'true' : 'false', style: 'plain' };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) return { t: 'scalar', value: String(v), style: 'plain' };
    if (Number.isNaN(v)) return { t: 'scalar', value: '.nan', style: 'plain' };
    if (!Number.isFinite(v)) return { t: 'scalar', value: v > 0 ? '.inf' : '-.inf', style: 'plain' };
    return { t: 'scalar', value: goFloat(v), style: 'plain' };
  }
  const s = foldNel(String(v));
  if (s.includes('\n')) return { t: 'scalar', value: s, style: 'literal' };
  return { t: 'scalar', value: s, style: resolvesToString(s) ? 'plain' : 'double' };
}

/** Build the go-yaml node tree for a JSON value (undefined members are dropped, as json.Marshal would). */
export function toYamlNode(v: unknown): YNode {
  if (Array.isArray(v)) return { t: 'seq', items: v.map((x) => toYamlNode(x === undefined ? null : x)) };
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const folded = new Map<string, unknown>();
    for (const k of Object.keys(o)) if (o[k] !== undefined) folded.set(foldNel(k), o[k]);
    const keys = sortYamlKeys([...folded.keys()]);
    return { t: 'map', entries: keys.map((k) => [scalarNode(k), toYamlNode(folded.get(k))]) };
  }
  return scalarNode(v);
}

// Raw characters the go-yaml reader rejects that encoding/json leaves unescaped in the intermediate JSON
const REJECTED = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

function checkControl(v: unknown): void {
  if (typeof v === 'string') {
    if (REJECTED.test(v)) throw new Error('yaml: control characters are not allowed');
  } else if (Array.isArray(v)) v.forEach(checkControl);
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      checkControl(k);
      checkControl(x);
    }
  }
}

/**
 * The YAML text of one value, as sigs.k8s.io/yaml.Marshal produces it. Throws
 * `yaml: control characters are not allowed` like kubectl for DEL and C1 control characters.
 */
export function toYaml(v: unknown): string {
  checkControl(v);
  return new YamlEmitter().document(toYamlNode(v));
}

/** kubectl's YAMLPrinter.PrintObj for one object (a List for several items is built by the caller). */
export function printYaml(obj: unknown): string {
  return toYaml(obj);
}
