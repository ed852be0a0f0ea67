/** Label and field selectors: parsing and matching, with the apiserver's error texts. */
import { ApiError } from '../core/errors';

export type LabelRequirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

export type LabelSelector = LabelRequirement[];

/** Parse `a=b,c!=d,e in (x,y),!f,g`. Throws ApiError 400 on bad syntax. */
export function parseLabelSelector(text: string | undefined): LabelSelector {
  const s = (text ?? '').trim();
  if (!s) return [];
  const reqs: LabelRequirement[] = [];
  let i = 0;
  const err = (msg: string) => new ApiError(400, 'BadRequest', `unable to parse requirement: ${msg}`);
  const skipWs = () => {
    while (s[i] === ' ') i++;
  };
  const readWord = () => {
    skipWs();
    const start = i;
    while (i < s.length && !/[\s,=!()]/.test(s[i])) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    let neg = false;
    if (s[i] === '!') {
      neg = true;
      i++;
    }
    const key = readWord();
    if (!key) throw err(`found '${s[i] ?? ''}', expected: identifier`);
    skipWs();
    if (neg) {
      reqs.push({ key, op: '!' });
    } else if (s.startsWith('==', i) || s[i] === '=') {
      i += s.startsWith('==', i) ? 2 : 1;
      reqs.push({ key, op: '=', value: readWord() });
    } else if (s.startsWith('!=', i)) {
      i += 2;
      reqs.push({ key, op: '!=', value: readWord() });
    } else if (/^(in|notin)\s*\(/.test(s.slice(i))) {
      const op = s.startsWith('notin', i) ? 'notin' : 'in';
      i += op.length;
      skipWs();
      i++; // (
      const close = s.indexOf(')', i);
      if (close < 0) throw err(`found '', expected: ')'`);
      const values = s
        .slice(i, close)
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      i = close + 1;
      reqs.push({ key, op, values });
    } else {
      reqs.push({ key, op: 'exists' });
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ',') throw err(`found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return reqs;
}

export function matchLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of sel) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case '=':
        if (!has || l[r.key] !== r.value) return false;
        break;
      case '!=':
        if (has && l[r.key] === r.value) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(l[r.key])) return false;
        break;
      case 'notin':
        if (has && r.values.includes(l[r.key])) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** metav1.LabelSelector (matchLabels + matchExpressions) → requirements. */
export function fromLabelSelectorObject(sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): LabelSelector {
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key, op: '=', value });
  for (const e of sel?.matchExpressions ?? []) {
    if (e.operator === 'In') reqs.push({ key: e.key, op: 'in', values: e.values ?? [] });
    else if (e.operator === 'NotIn') reqs.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    else if (e.operator === 'Exists') reqs.push({ key: e.key, op: 'exists' });
    else if (e.operator === 'DoesNotExist') reqs.push({ key: e.key, op: '!' });
  }
  return reqs;
}

/** `a=b,c=d` for a map (keys sorted), as labels.SelectorFromSet(...).String() prints. */
export function selectorStringFromMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${m![k]}`)
    .join(',');
}

export { parseFieldSelector, matchFields, fieldValue, type FieldRequirement, type FieldSelectorKind } from './fieldselectors';
