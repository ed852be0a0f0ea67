/** POSIX regular expressions (basic and extended, GNU flavour) as JavaScript RegExps. */

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
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

export interface RegexOptions {
  extended?: boolean;
  ignoreCase?: boolean;
  /** Extra JS flags (e.g. 'g'). */
  flags?: string;
}

/** Regex source for a POSIX pattern. */
export function toJsSource(pat: string, extended: boolean): string {
  let out = '';
  let atStart = true; // where `*` is literal (BRE) and `^` is an anchor
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    const wasStart = atStart;
    atStart = false;
    if (c === '\\') {
      const n = pat[++i];
      if (n === undefined) {
        out += '\\\\';
        break;
      }
      if (!extended && (n === '(' || n === ')' || n === '|')) {
        out += n;
        atStart = n !== ')';
      } else if (!extended && (n === '{' || n === '}')) out += n;
      else if (!extended && (n === '+' || n === '?')) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else if (/[bBwWsS1-9]/.test(n)) out += '\\' + n;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else out += escapeChar(n);
      continue;
    }
    if (c === '[') {
      const b = bracket(pat, i);
      if (b) {
        out += b.src;
        i = b.end;
        continue;
      }
      out += '\\[';
      continue;
    }
    if (c === '*') {
      out += wasStart ? '\\*' : '*';
      continue;
    }
    if (c === '^') {
      if (extended || wasStart) out += '^';
      else out += '\\^';
      atStart = true;
      continue;
    }
    if (c === '$') {
      const atEnd = i === pat.length - 1 || (!extended && pat.startsWith('\\)', i + 1)) || (!extended && pat.startsWith('\\|', i + 1)) || (extended && (pat[i + 1] === ')' || pat[i + 1] === '|'));
      out += extended || atEnd ? '$' : '\\$';
      continue;
    }
    if (extended) {
      if (c === '(' || c === '|') {
        out += c;
        atStart = true;
        continue;
      }
      if (c === ')') {
        out += c;
        continue;
      }
      if (c === '+' || c === '?') {
        out += wasStart ? '\\' + c : c;
        continue;
      }
      if (c === '{') {
        const m = /^\{\d*(,\d*)?\}/.exec(pat.slice(i));
        if (m && !wasStart) {
          out += m[0];
          i += m[0].length - 1;
        } else out += '\\{';
        continue;
      }
      if (c === '}') {
        out += '\\}';
        continue;
      }
    } else if ('(){}|+?'.includes(c)) {
      out += '\\' + c;
      continue;
    }
    out += c === '.' ? '.' : escapeChar(c);
  }
  return out;
}

export function toJsRegex(pat: string, opts: RegexOptions = {}): RegExp {
  const src = toJsSource(pat, !!opts.extended);
  const flags = (opts.ignoreCase ? 'i' : '') + (opts.flags ?? '');
  try {
    return new RegExp(src, flags);
  } catch {
    return new RegExp(escapeRegExp(pat), flags);
  }
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

function bracket(pat: string, start: number): { src: string; end: number } | undefined {
  let i = start + 1;
  let neg = false;
  if (pat[i] === '^') {
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
      if (close !== -1 && CLASSES[pat.slice(i + 2, close)]) {
        body += CLASSES[pat.slice(i + 2, close)];
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' || c === ']' || c === '[' || c === '^') body += '\\' + c;
    else body += c;
  }
  return undefined;
}
