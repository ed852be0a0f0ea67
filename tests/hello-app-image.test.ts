/**
 * gcr.io/google-samples/hello-app (kubernetes-engine-samples quickstarts/hello-app/main.go): logs
 * `Server listening on port 8080` with Go's log prefix, answers every path with the greeting, the
 * version and the hostname, and logs `Serving request: <path>`.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let out = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t) });
  return { out, exit };
}

describe('hello-app image', () => {
  it('serves its greeting on 8080 and logs each request', async () => {
    const sim = createSimulation();
    await run(sim, 'kubectl run hello --image=gcr.io/google-samples/hello-app:2.0 --port=8080');
    await run(sim, 'kubectl run client --image=busybox:1.36 -- sleep 3600');
    await run(sim, 'sleep 20');
    const ip = (await run(sim, "kubectl get pod hello -o jsonpath='{.status.podIP}'")).out;
    expect((await run(sim, `kubectl exec client -- wget -qO- http://${ip}:8080/x`)).out).toBe('Hello, world!\nVersion: 2.0.0\nHostname: hello\n');
    const logs = (await run(sim, 'kubectl logs hello')).out.trim().split('\n');
    expect(logs[0]).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d Server listening on port 8080$/);
    expect(logs[1]).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d Serving request: \/x$/);
  });
});
