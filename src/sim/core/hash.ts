/**
 * Deterministic, non-cryptographic hashes used where upstream derives names from content:
 * pod-template-hash (fnv32a), controller-revision-hash (fnv32), and stand-ins for digests.
 */
import { ALPHANUMS } from './rng';

const enc = new TextEncoder();

/** FNV-1 32-bit (Go's hash/fnv New32). */
export function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (const b of enc.encode(s)) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1a 32-bit (Go's hash/fnv New32a) of a string's UTF-8 bytes. */
export function fnv32a(s: string): number {
  return fnv32aBytes(enc.encode(s));
}

/** FNV-1a 32-bit of bytes; pass the previous sum as `h` to keep writing to the same hash. */
export function fnv32aBytes(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h = (h ^ b) >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** apimachinery's rand.SafeEncodeString: each character mapped into the no-vowel alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** `n` hex characters derived from `s` (a stand-in for sha256/md5 digests, stable across runs). */
export function hexDigest(s: string, n = 64): string {
  let out = '';
  for (let i = 0; out.length < n; i++) out += fnv32a(`${i}:${s}:${out.length}`).toString(16).padStart(8, '0');
  return out.slice(0, n);
}

/**
 * JSON with object keys sorted at every level, as Go's json.Marshal writes a map[string]interface{}
 * (including its HTML escaping of <, > and &).
 */
export function canonicalJSON(v: unknown): string {
  return JSON.stringify(sortKeys(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}
