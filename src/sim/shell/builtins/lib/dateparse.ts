/** `date -d` strings, always read in UTC: @SECONDS, now, ISO dates/times, "+N unit", "N unit ago". */

const UNITS: Record<string, number> = { second: 1e3, sec: 1e3, minute: 6e4, min: 6e4, hour: 36e5, day: 864e5, week: 6048e5 };

/** Milliseconds since the epoch, or undefined when the text is not understood. */
export function parseDate(text: string, now: number): number | undefined {
  const s = text.trim().toLowerCase();
  const at = /^@(-?\d+(?:\.\d+)?)$/.exec(s);
  if (at) return Math.round(Number(at[1]) * 1000);
  if (s === 'now' || s === '') return now;
  if (s === 'today') return now;
  if (s === 'yesterday') return now - 864e5;
  if (s === 'tomorrow') return now + 864e5;
  const rel = /^([+-]?\d+)\s*(second|sec|minute|min|hour|day|week)s?(\s+ago)?$/.exec(s);
  if (rel) return now + Number(rel[1]) * UNITS[rel[2]] * (rel[3] ? -1 : 1);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(z|utc|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!iso) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '0', tz] = iso;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), Number(frac.slice(0, 3).padEnd(3, '0')));
  if (tz && tz !== 'z' && tz !== 'utc') {
    const m = /^([+-])(\d{2}):?(\d{2})$/.exec(tz)!;
    ms -= (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 6e4;
  }
  return Number.isNaN(ms) ? undefined : ms;
}
