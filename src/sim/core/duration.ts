/** apimachinery's duration.HumanDuration: the text of every AGE cell (reference/TABLES.md §4). */
export function humanDuration(ms: number): string {
  const s = Math.trunc(ms / 1000);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.trunc(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.trunc(s / 3600);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (h < 192) return h % 24 === 0 ? `${Math.trunc(h / 24)}d` : `${Math.trunc(h / 24)}d${h % 24}h`;
  if (h < 24 * 365 * 2) return `${Math.trunc(h / 24)}d`;
  const days = Math.trunc(h / 24);
  const y = Math.trunc(days / 365);
  if (h < 24 * 365 * 8) return days % 365 === 0 ? `${y}y` : `${y}y${days % 365}d`;
  return `${y}y`;
}

/** `translateTimestampSince`: `<unknown>` for a missing time. */
export function ageSince(nowMs: number, t: number | undefined): string {
  if (t === undefined) return '<unknown>';
  return humanDuration(nowMs - t);
}

/** Go's time.Duration.String() for whole seconds and above: 1h2m3s, 5m0s, 30s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const m = Math.floor(rest / 60000);
  rest -= m * 60000;
  const s = rest / 1000;
  const sec = Number.isInteger(s) ? `${s}s` : `${s.toFixed(3).replace(/0+$/, '')}s`;
  let out = h ? `${h}h${m}m${sec}` : m ? `${m}m${sec}` : sec;
  if (neg) out = '-' + out;
  return out;
}
