import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createSimulation } from '../src/sim/index';

// Expected wordings come from tests/fixtures/etcd/member-real.txt (real etcdctl against a live etcd)
// and from the real etcdctl's argument checks (run offline: they fail before connecting).
const real = readFileSync(new URL('./fixtures/etcd/member-real.txt', import.meta.url), 'utf8');
const shape = (s: string) => s.replace(/\b[0-9a-f]{16}\b/g, 'ID');

describe('etcdctl member remove (HA scenario, 3 members)', () => {
  const sh = async (sim: ReturnType<typeof createSimulation>, text: string) => {
    let out = '';
    const rc = await sim.shell.run(text, { stdout: (s) => (out += s), stderr: (s) => (out += s) });
    return { out, rc };
  };
  const E = 'etcdctl --endpoints=https://172.30.4.2:2379';

  it('removes the member: real output line, member list shrinks, the quorum is counted without it', async () => {
    const sim = createSimulation({ scenario: 'ha' });
    const ids = (await sh(sim, `${E} member list`)).out.trim().split('\n').map((l) => l.split(',')[0]);
    expect(ids).toHaveLength(3);
    const rm = await sh(sim, `${E} member remove ${ids[2]}`);
    expect(rm.rc).toBe(0);
    expect(shape(rm.out)).toBe(shape(real.match(/^Member [0-9a-f]{16} removed from cluster [0-9a-f]{16}\n/m)![0]));
    expect((await sh(sim, `${E} member list`)).out.trim().split('\n')).toHaveLength(2);
    const ec = sim.cluster.etcdCluster;
    expect(ec.members).toHaveLength(2);
    expect(ec.quorum).toBe(2);
  });

  it('argument errors: real wording, exit 128', async () => {
    const sim = createSimulation({ scenario: 'ha' });
    const missing = await sh(sim, `${E} member remove`);
    expect([missing.out, missing.rc]).toEqual(['Error: member ID is not provided\n', 128]);
    expect(real).toContain('Error: member ID is not provided');
    const badHex = await sh(sim, `${E} member remove zz`);
    expect([badHex.out, badHex.rc]).toEqual(['Error: bad member ID arg (strconv.ParseUint: parsing "zz": invalid syntax), expecting ID in Hex\n', 128]);
    const big = await sh(sim, `${E} member remove 1ffffffffffffffff`);
    expect(big.out).toBe('Error: bad member ID arg (strconv.ParseUint: parsing "1ffffffffffffffff": value out of range), expecting ID in Hex\n');
  });
});
