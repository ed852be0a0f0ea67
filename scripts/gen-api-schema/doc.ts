/**
 * Comment-marker, struct-tag and description helpers of gen-api-schema, following gengo
 * (ExtractCommentTags), reflect.StructTag.Get and kube-openapi (generateDescription, enum
 * "Possible enum values"). Dev-only.
 */

/** gengo ExtractCommentTags("+", lines). */
export function commentTags(lines: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let line of lines) {
    line = line.replace(/^ +| +$/g, '');
    if (!line.startsWith('+')) continue;
    const s = line.slice(1);
    const eq = s.indexOf('=');
    const k = eq >= 0 ? s.slice(0, eq) : s;
    const v = eq >= 0 ? s.slice(eq + 1) : '';
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(v);
  }
  return out;
}

/** reflect.StructTag.Get */
export function structTagGet(tag: string, key: string): string | undefined {
  let t = tag;
  while (t !== '') {
    t = t.replace(/^ +/, '');
    if (t === '') break;
    let i = 0;
    while (i < t.length && t.charCodeAt(i) > 0x20 && t[i] !== ':' && t[i] !== '"' && t.charCodeAt(i) !== 0x7f) i++;
    if (i === 0 || i + 1 >= t.length || t[i] !== ':' || t[i + 1] !== '"') break;
    const name = t.slice(0, i);
    t = t.slice(i + 1);
    i = 1;
    while (i < t.length && t[i] !== '"') {
      if (t[i] === '\\') i++;
      i++;
    }
    if (i >= t.length) break;
    const qvalue = t.slice(0, i + 1);
    t = t.slice(i + 1);
    if (key === name) return JSON.parse(qvalue) as string;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Descriptions: kube-openapi generateDescription + enum "Possible enum values"

export function openAPIDescription(lines: string[]): string {
  let buf = '';
  const delPrevChar = (): void => {
    if (buf.length > 0) buf = buf.slice(0, -1);
  };
  for (let line of lines) {
    if (line === '---') break;
    line = line.replace(/ +$/, '');
    const leading = line.replace(/^ +/, '');
    if (line.length === 0) {
      delPrevChar();
      buf += '\n\n';
    } else if (leading.startsWith('TODO')) {
      // ignore one-line TODOs
    } else if (leading.startsWith('+')) {
      // generator markers
    } else if (line.startsWith(' ') || line.startsWith('\t')) {
      delPrevChar();
      buf += '\n' + line + '\n';
    } else {
      buf += line + ' ';
    }
  }
  return buf.replace(/^\s+|\s+$/g, '');
}

export interface EnumInfo {
  name: string; // qualified OpenAPI-style name
  values: Array<{ name: string; value: string; comment: string }>;
}

export function enumDescriptionLines(e: EnumInfo): string[] {
  if (e.values.length === 0) return [];
  const lines = e.values.map((v) => {
    let c = v.comment.trim();
    if (c.startsWith(v.name)) c = c.slice(v.name.length);
    c = c.trim().replace(/\s+/g, ' ');
    return ` - \`${JSON.stringify(v.value)}\` ${c}`;
  });
  lines.sort(goStringLess);
  return ['', 'Possible enum values:', ...lines];
}

export function goStringLess(a: string, b: string): number {
  // Go compares strings bytewise (UTF-8); for these ASCII strings this is code unit order.
  return a < b ? -1 : a > b ? 1 : 0;
}

