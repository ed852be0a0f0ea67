/** Backslash escapes as `echo -e` and `printf` interpret them. */

/**
 * Decode escapes. `echo` style: `\0nnn` octal and `\c` (stop); printf style: `\nnn` octal.
 * Returns the text and whether `\c` asked to stop all further output.
 */
export function decodeEscapes(s: string, style: 'echo' | 'printf'): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i === s.length - 1) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'e':
      case 'E': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': out += style === 'printf' ? '"' : '\\"'; break;
      case "'": out += style === 'printf' ? "'" : "\\'"; break;
      case 'c':
        return { text: out, stop: true };
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        } else out += '\\x';
        break;
      }
      default: {
        const re = style === 'echo' ? /^0([0-7]{0,3})/ : /^([0-7]{1,3})/;
        const m = re.exec(s.slice(i));
        if (m) {
          out += String.fromCharCode(parseInt(m[1] || '0', 8) & 0xff);
          i += m[0].length - 1;
        } else out += '\\' + n;
      }
    }
  }
  return { text: out, stop: false };
}
