/** strftime as GNU date prints it, always in UTC (the simulated machines run in UTC). */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const p2 = (n: number): string => String(n).padStart(2, '0');

export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const w = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, m, day) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%' || i === fmt.length - 1) {
      out += c;
      continue;
    }
    let f = fmt[++i];
    let pad: string | undefined;
    if (f === '-' || f === '_' || f === '0') {
      pad = f;
      f = fmt[++i] ?? '';
    }
    const num = (n: number, width = 2, dflt = '0'): string => {
      const p = pad === '-' ? '' : pad === '_' ? ' ' : pad === '0' ? '0' : dflt;
      return p ? String(n).padStart(width, p) : String(n);
    };
    switch (f) {
      case 'Y': out += String(Y); break;
      case 'C': out += num(Math.floor(Y / 100)); break;
      case 'y': out += num(Y % 100); break;
      case 'm': out += num(m + 1); break;
      case 'd': out += num(day); break;
      case 'e': out += num(day, 2, ' '); break;
      case 'H': out += num(H); break;
      case 'k': out += num(H, 2, ' '); break;
      case 'I': out += num(H % 12 || 12); break;
      case 'l': out += num(H % 12 || 12, 2, ' '); break;
      case 'M': out += num(M); break;
      case 'S': out += num(S); break;
      case 'N': out += String((ms % 1000) * 1_000_000).padStart(9, '0'); break;
      case 's': out += String(Math.floor(ms / 1000)); break;
      case 'p': out += H < 12 ? 'AM' : 'PM'; break;
      case 'P': out += H < 12 ? 'am' : 'pm'; break;
      case 'a': out += DAYS[w].slice(0, 3); break;
      case 'A': out += DAYS[w]; break;
      case 'b':
      case 'h': out += MONTHS[m].slice(0, 3); break;
      case 'B': out += MONTHS[m]; break;
      case 'j': out += num(yday, 3); break;
      case 'u': out += String(w || 7); break;
      case 'w': out += String(w); break;
      case 'Z': out += 'UTC'; break;
      case 'z': out += '+0000'; break;
      case 'T': out += `${p2(H)}:${p2(M)}:${p2(S)}`; break;
      case 'R': out += `${p2(H)}:${p2(M)}`; break;
      case 'D': out += `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`; break;
      case 'F': out += `${Y}-${p2(m + 1)}-${p2(day)}`; break;
      case 'c': out += strftime('%a %b %e %H:%M:%S %Y', ms); break;
      case 'x': out += strftime('%m/%d/%y', ms); break;
      case 'X': out += strftime('%H:%M:%S', ms); break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '%': out += '%'; break;
      default: out += '%' + f;
    }
  }
  return out;
}
