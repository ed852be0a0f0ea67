/** Go's fmt.Sprint for values decoded from JSON (int64 for integers, float64 otherwise). */

/**
 * strconv.FormatFloat(f, 'g', -1, 64) — fmt's %v (exponent when exp < -4 || exp >= 6).
 * encoding/json uses the same digits with limits -6 / 21: `goFloat(f, -6, 21)`.
 */
export function goFloat(f: number, lo = -4, hi = 6): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const exp = parseInt(f.toExponential().split("e")[1], 10);
  if (exp < lo || exp >= hi) {
    const [mant, e] = f.toExponential().split('e');
    const n = parseInt(e, 10);
    const sign = n < 0 ? '-' : '+';
    const abs = Math.abs(n);
    return `${mant}e${sign}${abs < 10 ? '0' + abs : abs}`;
  }
  return String(f);
}

export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(v) : goFloat(v);
  if (Array.isArray(v)) return '[' + v.map(goSprint).join(' ') + ']';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return 'map[' + Object.keys(o).sort().map((k) => `${k}:${goSprint(o[k])}`).join(' ') + ']';
  }
  return String(v);
}
