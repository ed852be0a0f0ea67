/**
 * kubectl auth can-i / --as against the simulated RBAC (SelfSubjectAccessReview, impersonation).
 * Message formats as the real kubectl prints them (KUBECTL-PROTOCOL.md §7; can-i prints yes/no).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

describe('kubectl auth can-i and --as', () => {
  it('answers for the admin and for an impersonated user', async () => {
    const sim = createSimulation();
    expect(await run(sim, 'kubectl auth can-i create deployments')).toEqual({ stdout: 'yes\n', stderr: '', exit: 0 });
    expect(await run(sim, 'kubectl auth can-i get pods --as=bob')).toEqual({ stdout: 'no\n', stderr: '', exit: 1 });
    expect((await run(sim, 'kubectl get pods --as=bob')).stderr).toBe('Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"\n');
    await run(sim, 'kubectl create role r --verb=get,list --resource=pods');
    await run(sim, 'kubectl create rolebinding rb --role=r --user=bob');
    expect(await run(sim, 'kubectl auth can-i list pods --as=bob')).toEqual({ stdout: 'yes\n', stderr: '', exit: 0 });
    expect(await run(sim, 'kubectl auth can-i delete pods --as=bob -q')).toEqual({ stdout: '', stderr: '', exit: 1 });
    expect((await run(sim, 'kubectl get pods -A --as=bob')).stderr).toBe('Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" at the cluster scope\n');
    expect((await run(sim, 'kubectl auth can-i get')).stderr).toBe("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
  });

  it('top without metrics-server', async () => {
    const sim = createSimulation();
    expect(await run(sim, 'kubectl top node')).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', exit: 1 });
    expect(await run(sim, 'kubectl top pods -A')).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', exit: 1 });
  });
});
