/**
 * "kube-proxy stopped → new Services unreachable from that node": the kube-proxy DaemonSet is kept
 * off node01 (a nodeAffinity NotIn), so node01's rules stop following the API. A Service created
 * afterwards has no KUBE-SERVICES entry there; curl from node01 to its ClusterIP times out (exit 28),
 * while node02, whose kube-proxy still runs, reaches the pod.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

const AFFINITY = JSON.stringify({
  spec: { template: { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['node01'] }] }] } } } } } },
});

describe('kube-proxy stopped on one node', () => {
  it('a new Service is reachable from node02 but not from node01', async () => {
    const sim = createSimulation();
    expect((await run(sim, `kubectl -n kube-system patch ds kube-proxy -p '${AFFINITY}'`)).stdout).toBe('daemonset.apps/kube-proxy patched\n');
    await run(sim, 'sleep 60');
    const nodes = (await run(sim, "kubectl -n kube-system get pods -l k8s-app=kube-proxy -o jsonpath='{.items[*].spec.nodeName}'")).stdout.split(' ').sort();
    expect(nodes).toEqual(['controlplane', 'node02']);
    await run(sim, 'kubectl create deployment web --image=nginx');
    await run(sim, 'kubectl expose deployment web --port=80');
    await run(sim, 'sleep 20');
    const ip = (await run(sim, 'kubectl get svc web -o jsonpath={.spec.clusterIP}')).stdout;
    expect(await run(sim, `ssh node02 curl -s -m 2 -o /dev/null -w '%{http_code}' http://${ip}`)).toEqual({ stdout: '200', stderr: '', exit: 0 });
    expect(await run(sim, `ssh node01 curl -s -m 2 http://${ip}`)).toEqual({ stdout: '', stderr: '', exit: 28 });
    expect((await run(sim, 'ssh node01 iptables-save -t nat | grep -c default/web')).stdout).toBe('0\n');
    expect(Number((await run(sim, 'ssh node02 iptables-save -t nat | grep -c default/web')).stdout)).toBeGreaterThan(0);
    // kube-proxy back on node01: it syncs the Service
    await run(sim, `kubectl -n kube-system patch ds kube-proxy --type=json -p '[{"op":"remove","path":"/spec/template/spec/affinity"}]'`);
    await run(sim, 'sleep 60');
    expect((await run(sim, `ssh node01 curl -s -m 2 -o /dev/null -w '%{http_code}' http://${ip}`)).stdout).toBe('200');
  });
});
