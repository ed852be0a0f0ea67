/**
 * etcdctl's output helpers: the table writer it uses (olekukonko/tablewriter with right-aligned
 * cells and centred headers), go-humanize's Bytes, JSON with uint64 numbers, Go's %q.
 */

/** tablewriter as etcdctl configures it: borders, header centred, cells right-aligned. */
export function renderTable(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = '+' + w.map((n) => '-'.repeat(n + 2)).join('+') + '+\n';
  const centre = (s: string, n: number) => {
    const gap = n - s.length;
    const left = Math.floor(gap / 2);
    return ' '.repeat(left) + s + ' '.repeat(gap - left);
  };
  let out = line + '|' + header.map((h, i) => ` ${centre(h, w[i])} `).join('|') + '|\n' + line;
  for (const r of rows) out += '|' + w.map((n, i) => ` ${(r[i] ?? '').padStart(n)} `).join('|') + '|\n';
  return out + line;
}

/** go-humanize Bytes (SI units): 20480 → "20 kB", 4096 → "4.1 kB". */
export function humanBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const v = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  if (v < 10) return `${v.toFixed(1)} ${units[e]}`;
  // Go's %.0f rounds half to even (20.5 → "20")
  const f = Math.floor(v);
  const r = v - f > 0.5 || (v - f === 0.5 && f % 2 === 1) ? f + 1 : f;
  return `${r} ${units[e]}`;
}

const BIG = '\u0000BIG';
/** A uint64 for json(): printed as a bare number. */
export const u64 = (hex: string): string => BIG + BigInt('0x' + (hex || '0')).toString(10);

/** JSON.stringify (compact) where u64() strings become bare numbers, as Go prints uint64s. */
export function json(v: unknown): string {
  return JSON.stringify(v).replace(/"\\u0000BIG(\d+)"/g, '$1');
}

export function b64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Go's %q (strconv.Quote) for printable text; non-printable bytes as \xNN. */
export function goQ(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** Go's time.Duration String for small durations in ms (9.3 → "9.3ms"). */
export function goDurationMs(ms: number): string {
  if (ms >= 1000) return `${+(ms / 1000).toFixed(9)}s`;
  return `${+ms.toFixed(6)}ms`;
}

/** zap's ISO8601 UTC with microseconds, as etcd 3.5 logs: 2026-01-05T08:10:00.000000Z. */
export function zapTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** zap console time (etcdutl): 2026-01-05T08:10:00Z. */
export function consoleTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function hex16(id: string): string {
  return id.padStart(16, '0');
}
