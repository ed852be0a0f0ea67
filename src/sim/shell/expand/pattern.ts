/**
 * Shell patterns (`*`, `?`, `[…]`) as regular expressions, for `case`, `[[ == ]]`, `${x#pat}` and
 * pathname expansion. A backslash makes the next character literal (the expander escapes quoted text).
 */

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'A-Za-z0-9_',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

/** True when the pattern has an unescaped `*`, `?` or `[`. */
export function hasGlob(pat: string): boolean {
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Remove the escaping backslashes of a pattern (what the word means when it matches nothing). */
export function unescapePattern(pat: string): string {
  return pat.replace(/\\([\s\S])/g, '$1');
}

/** Escape text so it matches only itself as a pattern. */
export function escapePattern(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Regex source for a pattern. `pathname`: `*` and `?` do not match `/`. `greedy` false makes `*`
 * lazy (shortest match, for `${x#pat}` / `${x%pat}`).
 */
export function patternSource(pat: string, opts: { pathname?: boolean; greedy?: boolean } = {}): string {
  const any = opts.pathname ? '[^/]' : '[\\s\\S]';
  const star = any + (opts.greedy === false ? '*?' : '*');
  let out = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') {
      i++;
      out += escapeRe(pat[i] ?? '\\');
    } else if (c === '*') {
      while (pat[i + 1] === '*') i++;
      out += star;
    } else if (c === '?') out += any;
    else if (c === '[') {
      const cls = bracket(pat, i);
      if (cls) {
        out += cls.src;
        i = cls.end;
      } else out += '\\[';
    } else out += escapeRe(c);
  }
  return out;
}

/** Whole-string match. */
export function matchPattern(pat: string, text: string, opts: { pathname?: boolean } = {}): boolean {
  return new RegExp(`^(?:${patternSource(pat, opts)})$`).test(text);
}

function bracket(pat: string, start: number): { src: string; end: number } | undefined {
  let i = start + 1;
  let neg = false;
  if (pat[i] === '!' || pat[i] === '^') {
    neg = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < pat.length; i++) {
    const c = pat[i];
    if (c === ']' && !first) return { src: `[${neg ? '^' : ''}${body}]`, end: i };
    first = false;
    if (c === '[' && pat[i + 1] === ':') {
      const close = pat.indexOf(':]', i + 2);
      if (close !== -1) {
        const name = pat.slice(i + 2, close);
        if (CLASSES[name]) {
          body += CLASSES[name];
          i = close + 1;
          continue;
        }
      }
    }
    if (c === '\\') {
      i++;
      body += escapeClass(pat[i] ?? '\\');
    } else if (c === '-' ) body += '-';
    else body += escapeClass(c);
  }
  return undefined;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

function escapeClass(c: string): string {
  return /[\]\\^[]/.test(c) ? '\\' + c : c;
}
