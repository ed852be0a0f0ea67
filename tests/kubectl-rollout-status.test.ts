/**
 * rollout status texts (upstream polymorphichelpers/rollout_status.go format strings; the final lines are
 * also recorded from the real kubectl in fixtures/kubectl/rollout.json) and a live rollout on the
 * virtual clock; tab completion for the new commands; drain of a worker node.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';
import { statusOf } from '../src/sim/kubectl/commands/rollout';
import { completeKubectl } from '../src/sim/kubectl/completion';
import type { ApiResource } from '../src/sim/kubectl/discovery';
import type { Obj } from '../src/sim/client/types';

const DEPLOY = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' } as ApiResource;
const DS = { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet' } as ApiResource;
const d = (spec: Obj['spec'], status: Obj['status'], generation = 2) => ({ metadata: { name: 'web', generation }, spec, status }) as Obj;

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

describe('rollout status messages', () => {
  it('deployment', () => {
    expect(statusOf(DEPLOY, d({ replicas: 3 }, { observedGeneration: 1 })).msg).toBe('Waiting for deployment spec update to be observed...\n');
    expect(statusOf(DEPLOY, d({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 1, replicas: 3 })).msg).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n');
    expect(statusOf(DEPLOY, d({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, replicas: 4 })).msg).toBe('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n');
    expect(statusOf(DEPLOY, d({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 1 })).msg).toBe('Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...\n');
    expect(statusOf(DEPLOY, d({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }))).toEqual({ msg: 'deployment "web" successfully rolled out\n', done: true });
    expect(() => statusOf(DEPLOY, d({ replicas: 3 }, { observedGeneration: 2, conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }] }))).toThrow('deployment "web" exceeded its progress deadline');
  });

  it('daemonset', () => {
    const ds = (status: Obj['status']) => ({ metadata: { name: 'kube-proxy', generation: 1 }, spec: { updateStrategy: { type: 'RollingUpdate' } }, status }) as Obj;
    expect(statusOf(DS, ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 1 })).msg).toBe('Waiting for daemon set "kube-proxy" rollout to finish: 1 out of 3 new pods have been updated...\n');
    expect(statusOf(DS, ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 })).msg).toBe('Waiting for daemon set "kube-proxy" rollout to finish: 2 of 3 updated pods are available...\n');
    expect(statusOf(DS, ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 })).msg).toBe('daemon set "kube-proxy" successfully rolled out\n');
  });

  it('waits on the virtual clock until the rollout finishes, or times out', async () => {
    const sim = createSimulation();
    await run(sim, 'kubectl create deployment web --image=nginx --replicas=3');
    const r = await run(sim, 'kubectl rollout status deployment/web');
    expect(r.exit).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^Waiting for deployment (spec update to be observed|"web" rollout to finish: \d+ (out of \d+ new replicas have been updated|old replicas are pending termination|of \d+ updated replicas are available))\.\.\.$/);
    await run(sim, 'kubectl set image deployment/web nginx=nginx:does-not-exist');
    const t = await run(sim, 'kubectl rollout status deployment/web --timeout=20s');
    expect(t.exit).toBe(1);
    expect(t.stderr).toBe('error: timed out waiting for the condition\n');
  });
});

describe('drain on the virtual clock', () => {
  it('evicts (or deletes) the pods and waits until they are gone', async () => {
    const sim = createSimulation();
    await run(sim, 'kubectl create deployment web --image=nginx --replicas=4');
    await run(sim, 'kubectl rollout status deployment/web');
    const r = await run(sim, 'kubectl drain node01 --ignore-daemonsets');
    expect(r.exit).toBe(0);
    expect(r.stdout.startsWith('node/node01 cordoned\n')).toBe(true);
    expect(r.stdout.endsWith('node/node01 drained\n')).toBe(true);
    expect(r.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-[a-z0-9]{5}\n$/);
    const evicting = r.stdout.split('\n').filter((l) => l.startsWith('evicting pod '));
    const evicted = r.stdout.split('\n').filter((l) => / evicted$/.test(l));
    expect(evicting.length).toBeGreaterThan(0);
    expect(evicted.length).toBe(evicting.length);
    const pods = await run(sim, 'kubectl get pods -A --field-selector=spec.nodeName=node01 -o name');
    expect(pods.stdout).toMatch(/^(pod\/kube-proxy-[a-z0-9]{5}\n)$/);
  });
});

describe('completion for the new commands', () => {
  it('completes subcommands, types and names', () => {
    const sim = createSimulation();
    const client = sim.cluster.client('completion');
    expect(completeKubectl(client, ['kubectl', 'rollout'], '')).toEqual(['history', 'pause', 'restart', 'resume', 'status', 'undo']);
    expect(completeKubectl(client, ['kubectl', 'rollout', 'status'], 'deploy')).toEqual(['deployments']);
    expect(completeKubectl(client, ['kubectl', 'rollout', 'status', 'deployments'], 'core')).toEqual([]);
    expect(completeKubectl(client, ['kubectl', 'rollout', 'status', 'deployments', '-n', 'kube-system'], 'core')).toEqual(['coredns']);
    expect(completeKubectl(client, ['kubectl', 'cordon'], 'node')).toEqual(['node01', 'node02']);
    expect(completeKubectl(client, ['kubectl', 'set'], '')).toEqual(['env', 'image']);
    expect(completeKubectl(client, ['kubectl', 'config'], 'use')).toEqual(['use-context']);
    expect(completeKubectl(client, ['kubectl', 'config', 'use-context'], '')).toEqual(['kubernetes-admin@kubernetes']);
    expect(completeKubectl(client, ['kubectl', 'create'], 'se')).toEqual(['secret', 'service', 'serviceaccount']);
    expect(completeKubectl(client, ['kubectl'], 'ta')).toEqual(['taint']);
  });
});
