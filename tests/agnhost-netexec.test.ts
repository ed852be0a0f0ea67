/**
 * The hello-minikube walkthrough: `kubectl create deployment NAME --image=agnhost -- /agnhost netexec
 * --http-port=8080` (the command after `--` becomes the container command, as cobra's ArgsLenAtDash
 * makes it), agnhost netexec's own log lines (test/images/agnhost/netexec/netexec.go through the klog
 * bridge) and its HTTP answers.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

const CREATE = 'kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.53';

describe('kubectl create deployment -- COMMAND', () => {
  it('puts the command after -- into the container (real kubectl v1.32 dry-run output)', async () => {
    const sim = createSimulation();
    const r = await run(sim, `${CREATE} --dry-run=client -o yaml -- /agnhost netexec --http-port=8080`);
    // `kubectl create deployment hello-node --image=… --dry-run=client -o yaml -- /agnhost netexec --http-port=8080` (kubectl v1.32)
    expect(r.stdout).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: hello-node
  name: hello-node
spec:
  replicas: 1
  selector:
    matchLabels:
      app: hello-node
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: hello-node
    spec:
      containers:
      - command:
        - /agnhost
        - netexec
        - --http-port=8080
        image: registry.k8s.io/e2e-test-images/agnhost:2.53
        name: agnhost
        resources: {}
status: {}
`);
  });

  it('counts only the args before -- as names; several images cannot share a command', async () => {
    const sim = createSimulation();
    const two = await run(sim, 'kubectl create deployment a b --image=x');
    expect(two.stderr).toBe("error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n");
    const multi = await run(sim, 'kubectl create deployment a --image=x --image=y -- sh');
    expect(multi.stderr).toBe('error: cannot specify multiple --image options and command\n');
    expect(multi.exit).toBe(1);
  });
});

describe('agnhost netexec', () => {
  it('logs its servers at start and each request; answers /hostname and /echo', async () => {
    const sim = createSimulation();
    expect((await run(sim, `${CREATE} -- /agnhost netexec --http-port=8080`)).stdout).toBe('deployment.apps/hello-node created\n');
    await run(sim, 'kubectl expose deployment hello-node --port=8080');
    await run(sim, 'kubectl run client --image=busybox:1.36 -- sleep 3600');
    await run(sim, 'sleep 20');
    const logs = (await run(sim, 'kubectl logs deploy/hello-node')).stdout.split('\n');
    expect(logs[0]).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 log\.go:195\] Started HTTP server on port 8080$/);
    expect(logs[1]).toMatch(/ log\.go:195\] Started UDP server on port {2}8081$/);
    const pod = (await run(sim, "kubectl get pods -l app=hello-node -o jsonpath='{.items[0].metadata.name}'")).stdout;
    expect((await run(sim, 'kubectl exec client -- wget -qO- http://hello-node:8080/hostname')).stdout).toBe(pod);
    expect((await run(sim, "kubectl exec client -- wget -qO- 'http://hello-node:8080/echo?msg=hi'")).stdout).toBe('hi');
    const root = (await run(sim, 'kubectl exec client -- wget -qO- http://hello-node:8080/')).stdout;
    expect(root).toMatch(/^NOW: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC m=\+\d+\.\d{9}$/);
    const after = (await run(sim, 'kubectl logs deploy/hello-node')).stdout.split('\n').slice(2, 5).map((l) => l.split('] ')[1]);
    expect(after).toEqual(['GET /hostname', 'GET /echo?msg=hi&code=', 'GET /']);
  });

  it('with --udp-port=-1 it starts no UDP server', async () => {
    const sim = createSimulation();
    await run(sim, `${CREATE} -- /agnhost netexec --http-port=9000 --udp-port=-1`);
    await run(sim, 'sleep 20');
    const logs = (await run(sim, 'kubectl logs deploy/hello-node')).stdout.trim().split('\n');
    expect(logs.map((l) => l.split('] ')[1])).toEqual(['Started HTTP server on port 9000']);
  });
});
