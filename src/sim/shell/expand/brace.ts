/** Brace expansion: `a{b,c}d` → `abd acd`, `{1..3}`, `{a..e}`, `{01..10}`, `{1..10..2}`. */
import type { Word } from '../ast';

/** Expand the braces in a word's unquoted literal text (one word → one or more words). */
export function braceExpand(word: Word): Word[] {
  for (let i = 0; i < word.parts.length; i++) {
    const part = word.parts[i];
    if (part.kind !== 'lit' || part.quoted) continue;
    const found = findBrace(part.text);
    if (!found) continue;
    const out: Word[] = [];
    for (const alt of found.alternatives) {
      const text = part.text.slice(0, found.start) + alt + part.text.slice(found.end + 1);
      const parts = [...word.parts.slice(0, i), { ...part, text }, ...word.parts.slice(i + 1)];
      out.push(...braceExpand({ parts }));
    }
    return out;
  }
  return [word];
}

function findBrace(text: string): { start: number; end: number; alternatives: string[] } | undefined {
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    const commas: number[] = [];
    let end = -1;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          end = i;
          break;
        }
      } else if (c === ',' && depth === 1) commas.push(i);
    }
    if (end === -1) return undefined;
    const body = text.slice(start + 1, end);
    if (commas.length) {
      const alternatives: string[] = [];
      let from = start + 1;
      for (const c of [...commas, end]) {
        alternatives.push(text.slice(from, c));
        from = c + 1;
      }
      return { start, end, alternatives };
    }
    const seq = sequence(body);
    if (seq) return { start, end, alternatives: seq };
  }
  return undefined;
}

function sequence(body: string): string[] | undefined {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  if (num) {
    const a = Number(num[1]);
    const b = Number(num[2]);
    let step = Math.abs(Number(num[3] ?? 1)) || 1;
    const width = /^-?0\d/.test(num[1]) || /^-?0\d/.test(num[2]) ? Math.max(num[1].length, num[2].length) : 0;
    if (a > b) step = -step;
    const out: string[] = [];
    for (let v = a; a <= b ? v <= b : v >= b; v += step) {
      out.push(width ? (v < 0 ? '-' + String(-v).padStart(width - 1, '0') : String(v).padStart(width, '0')) : String(v));
      if (out.length > 100_000) break;
    }
    return out;
  }
  const chr = /^([A-Za-z])\.\.([A-Za-z])$/.exec(body);
  if (chr) {
    const a = chr[1].charCodeAt(0);
    const b = chr[2].charCodeAt(0);
    const out: string[] = [];
    for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? 1 : -1) out.push(String.fromCharCode(v));
    return out;
  }
  return undefined;
}
