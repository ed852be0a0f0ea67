import { describe, expect, it } from 'vitest';
import { Clock } from '../src/sim/core/clock';
import { Rng } from '../src/sim/core/rng';
import { EventRecorder, MAX_SEEN } from '../src/sim/client/events';
import type { Client } from '../src/sim/client/types';

// upstream client-go tools/record EventCorrelator keeps an LRU of maxLruCacheEntries = 4 * 1024:
// repeats of a remembered event become a patch (count++), forgotten ones a new Event
function recorder() {
  const calls: string[] = [];
  const client = {
    create: (_r: string, _ns: string, o: { metadata: { name: string } }) => {
      calls.push(`create ${o.metadata.name}`);
      return o;
    },
    patch: (_r: string, _ns: string, name: string) => {
      calls.push(`patch ${name}`);
      return {};
    },
  } as unknown as Client;
  const rec = new EventRecorder(client, new Clock(Date.UTC(2026, 0, 5)), new Rng(1), 'kubelet', 'node01');
  const pod = (i: number) => ({ kind: 'Pod', name: `p${i}`, namespace: 'default', uid: `u${i}`, apiVersion: 'v1' });
  return { calls, rec, pod };
}

describe('EventRecorder seen cache', () => {
  it('is capped at 4096 entries, dropping the least recently used', () => {
    expect(MAX_SEEN).toBe(4096);
    const { calls, rec, pod } = recorder();
    rec.event(pod(0), 'Normal', 'Pulled', 'x');
    for (let i = 1; i < MAX_SEEN; i++) rec.event(pod(i), 'Normal', 'Pulled', 'x');
    rec.event(pod(0), 'Normal', 'Pulled', 'x'); // hit: p0 becomes most recently used
    expect(calls.at(-1)).toMatch(/^patch p0\./);
    rec.event(pod(MAX_SEEN), 'Normal', 'Pulled', 'x'); // one over: evicts p1, the oldest used
    rec.event(pod(0), 'Normal', 'Pulled', 'x');
    expect(calls.at(-1)).toMatch(/^patch p0\./);
    rec.event(pod(1), 'Normal', 'Pulled', 'x');
    expect(calls.at(-1)).toMatch(/^create p1\./);
    rec.event(pod(3), 'Normal', 'Pulled', 'x'); // p1's return evicted p2, not p3
    expect(calls.at(-1)).toMatch(/^patch p3\./);
    rec.event(pod(2), 'Normal', 'Pulled', 'x');
    expect(calls.at(-1)).toMatch(/^create p2\./);
  });
});

describe('event names', () => {
  it('end in the UnixNano time in hex, exactly as BigInt arithmetic gives it', async () => {
    const { unixNanoHex } = await import('../src/sim/client/events');
    const rng = new (await import('../src/sim/core/rng')).Rng(5);
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor(rng.next() * 2 ** 41);
      const ns = rng.int(1_000_000);
      expect(unixNanoHex(ms, ns)).toBe((BigInt(ms) * 1_000_000n + BigInt(ns)).toString(16));
    }
    // 2026-01-05T00:00:00Z plus 123 µs: the form kubectl shows (pod.188...)
    expect(unixNanoHex(Date.UTC(2026, 0, 5), 123_000)).toBe((BigInt(Date.UTC(2026, 0, 5)) * 1_000_000n + 123_000n).toString(16));
    expect(unixNanoHex(0, 5)).toBe('5');
  });
});
