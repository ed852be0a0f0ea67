/**
 * Oracle: the 75 etcdctl steps recorded from a real etcd 3.4 (tests/fixtures/etcd/etcd-ops.*),
 * replayed on the simulated store; every normalized output line must be identical.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Replayer, scriptInfo, type Step } from './etcd/replay';

const dir = new URL('./fixtures/etcd/', import.meta.url);
const expected = readFileSync(new URL('etcd-ops.expected.jsonl', dir), 'utf8').split('\n').filter(Boolean);
const sh = readFileSync(new URL('etcd-ops.sh', dir), 'utf8');

describe('etcd oracle (etcd-ops.expected.jsonl)', () => {
  it('replays all 75 steps with identical normalized output', () => {
    const info = scriptInfo(sh);
    expect([info.txnStdin.size, info.windows.size]).toEqual([11, 5]);
    const r = new Replayer(info);
    const diffs: string[] = [];
    for (const line of expected) {
      const got = r.run(JSON.parse(line) as Step);
      if (got !== line) diffs.push(`expected ${line}\n     got ${got}`);
    }
    const score = `${expected.length - diffs.length}/${expected.length}`;
    console.log(`etcd oracle score: ${score}`);
    expect(diffs, diffs.join('\n')).toEqual([]);
    expect(score).toBe('75/75');
  });

  it('is deterministic: a second replay gives the same lines', () => {
    const run = () => {
      const r = new Replayer(scriptInfo(sh));
      return expected.map((l) => r.run(JSON.parse(l) as Step));
    };
    expect(run()).toEqual(run());
  });
});
