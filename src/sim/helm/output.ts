/** Helm's output shapes: Go time formats, the uitable tables, the status block. */
import type { Release } from './storage';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** time.ANSIC in UTC: `Mon Jan  5 08:10:00 2026`. */
export function ansic(iso: string): string {
  const d = new Date(iso);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** Go's time.Time.String() in UTC: `2026-01-05 08:10:00.123 +0000 UTC`. */
export function goTimeString(iso: string): string {
  const d = new Date(iso);
  const frac = iso.match(/\.(\d+)Z$/)?.[1]?.replace(/0+$/, '') ?? '';
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${frac ? '.' + frac : ''} +0000 UTC`;
}

/** RFC 3339 with nanoseconds, as Helm stores times. */
export function isoNow(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** gosuri/uitable as Helm uses it: every cell padded to its column width, cells joined by a tab. */
export function uitable(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c))));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('\t') + '\n').join('');
}

function width(s: string): number {
  return [...s].length;
}

export function chartRef(r: Release): string {
  return `${r.chart.metadata.name}-${r.chart.metadata.version}`;
}

/** The block `helm install`, `upgrade` and `status` print. */
export function statusBlock(r: Release, opts: { showNotes?: boolean } = {}): string {
  let out = `NAME: ${r.name}\n`;
  out += `LAST DEPLOYED: ${ansic(r.info.last_deployed)}\n`;
  out += `NAMESPACE: ${r.namespace}\n`;
  out += `STATUS: ${r.info.status}\n`;
  out += `REVISION: ${r.version}\n`;
  out += `TEST SUITE: None\n`;
  if (opts.showNotes !== false && r.info.notes && r.info.notes.trim()) out += `NOTES:\n${r.info.notes.trim()}\n`;
  return out;
}
