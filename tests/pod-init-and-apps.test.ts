/**
 * Init containers run to completion, in order, before the app containers (STATUS Init:0/1, then
 * Running; the init container's log stays readable with -c), and the simulated images answer like
 * the real ones: redis-cli PING → PONG; the nginx image has no ps (procps is not installed in it).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

const INIT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  initContainers:
  - name: wait
    image: busybox:1.36
    command: ['sh', '-c', 'echo waiting; sleep 8; echo done']
  containers:
  - name: app
    image: nginx:1.27
`;

const statusCol = (out: string) => out.split('\n')[1].trim().split(/\s+/).slice(1, 3);

describe('init containers', () => {
  it('Init:0/1 while the init container runs, then the app starts', async () => {
    const sim = createSimulation();
    await run(sim, `cat > init.yaml <<'EOF'\n${INIT_POD}EOF`);
    await run(sim, 'kubectl apply -f init.yaml');
    await run(sim, 'sleep 3');
    expect(statusCol((await run(sim, 'kubectl get pod init-demo')).stdout)).toEqual(['0/1', 'Init:0/1']);
    for (let i = 0; i < 15; i++) await run(sim, 'sleep 1');
    expect(statusCol((await run(sim, 'kubectl get pod init-demo')).stdout)).toEqual(['1/1', 'Running']);
    expect((await run(sim, 'kubectl logs init-demo -c wait')).stdout).toBe('waiting\ndone\n');
    const pod = JSON.parse((await run(sim, 'kubectl get pod init-demo -o json')).stdout);
    expect(pod.status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    // the app container started after the init container finished
    expect(Date.parse(pod.status.containerStatuses[0].state.running.startedAt)).toBeGreaterThanOrEqual(Date.parse(pod.status.initContainerStatuses[0].state.terminated.finishedAt));
  });
});

describe('simulated images', () => {
  it('redis answers PING; nginx has no ps', async () => {
    const sim = createSimulation();
    await run(sim, 'kubectl run r --image=redis:7');
    await run(sim, 'kubectl run web --image=nginx:1.27');
    await run(sim, 'sleep 10');
    expect(await run(sim, 'kubectl exec r -- redis-cli ping')).toEqual({ stdout: 'PONG\n', stderr: '', exit: 0 });
    const ps = await run(sim, 'kubectl exec web -- ps');
    expect(ps.exit).toBe(1);
    expect(ps.stderr).toMatch(/exec: "ps": executable file not found in \$PATH: unknown\n$/);
  });
});
