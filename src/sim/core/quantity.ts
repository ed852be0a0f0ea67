/** resource.Quantity: parse to a number (cores / bytes) and print in canonical form. */
const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DEC: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

// a cluster uses a handful of quantities ("100m", "128Mi") over and over: parse each once
const parsed = new Map<string, number>();

export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined || q === null) return 0;
  if (typeof q === 'number') return q;
  let v = parsed.get(q);
  if (v === undefined) {
    v = parseQuantityText(q);
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(q, v);
  }
  return v;
}

function parseQuantityText(q: string): number {
  const m = /^([+-]?[0-9.]+)(e[+-]?\d+)?([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return NaN;
  const n = Number(m[1] + (m[2] ?? ''));
  const suf = m[3];
  if (suf in BIN) return n * BIN[suf];
  if (suf in DEC) return n * DEC[suf];
  return NaN;
}

export function isValidQuantity(q: unknown): boolean {
  if (typeof q === 'number') return Number.isFinite(q);
  if (typeof q !== 'string') return false;
  return !Number.isNaN(parseQuantity(q));
}

/** CPU as millicores. */
export function milliCPU(q: string | number | undefined): number {
  return Math.round(parseQuantity(q) * 1000);
}
