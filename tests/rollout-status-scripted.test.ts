/**
 * In scripted runs (contract A's watchLimitMs) `kubectl rollout status` of a rollout that makes no
 * progress ends once it has printed nothing new for the watch limit, instead of advancing virtual
 * time forever (a real kubectl without --timeout waits until the user interrupts it).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let out = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t) });
  return { out, exit };
}

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: stuck
spec:
  serviceName: stuck
  replicas: 1
  selector:
    matchLabels:
      app: stuck
  template:
    metadata:
      labels:
        app: stuck
    spec:
      containers:
      - name: c
        image: nginx:no-such-tag
`;

describe('rollout status with a watch limit', () => {
  it('returns after the limit of silence when the StatefulSet never becomes ready', async () => {
    const sim = createSimulation({ watchLimitMs: 30_000 });
    await run(sim, `cat > sts.yaml <<'EOF'\n${STS}EOF`);
    await run(sim, 'kubectl apply -f sts.yaml');
    sim.advance(5000);
    const t0 = sim.now();
    const r = await run(sim, 'kubectl rollout status sts/stuck');
    expect(r.out).toBe('Waiting for 1 pods to be ready...\n');
    const waited = sim.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(30_000);
    expect(waited).toBeLessThan(120_000);
  });
});
