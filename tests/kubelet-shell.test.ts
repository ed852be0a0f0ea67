/**
 * Container processes on the shared shell: `sh -c` loops on the virtual clock, exit codes into
 * restartPolicy, wget/nslookup inside container commands over the simulated network, the image
 * deciding which programs exist, and SIGTERM/SIGKILL on deletion. Expected texts are busybox's,
 * dash's and runc's own wording.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../src/sim/index';

async function sh(sim: Simulation, cmd: string, thinkMs = 0): Promise<string> {
  let out = '';
  await sim.shell.run(cmd, { stdout: (s) => void (out += s), stderr: (s) => void (out += s) });
  if (thinkMs) await sim.advanceSettled(thinkMs);
  return out;
}

const phase = async (sim: Simulation, pod: string) => sh(sim, `kubectl get pod ${pod} -o jsonpath={.status.phase}`);

describe('container processes on the shared shell', () => {
  it('a sh -c loop prints on the virtual clock: one line per sleep, stamped when printed', async () => {
    const sim = createSimulation({ seed: 3 });
    await sh(sim, `kubectl run ticker --image=busybox -- sh -c 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 10; done'`);
    await sh(sim, 'kubectl wait --for=condition=Ready pod/ticker --timeout=60s');
    await sim.advanceSettled(35_000);
    const logs = await sh(sim, 'kubectl logs ticker --timestamps');
    const lines = logs.trim().split('\n');
    expect(lines.map((l) => l.split(' ').slice(1).join(' '))).toEqual(['tick 0', 'tick 1', 'tick 2', 'tick 3']);
    const times = lines.map((l) => Date.parse(l.split(' ')[0]));
    expect(times.slice(1).map((t, i) => Math.round((t - times[i]) / 1000))).toEqual([10, 10, 10]);
    // the sleeping loop prints nothing until its next wake-up, then exactly on time
    await sim.advanceSettled(times[3] + 10_000 - sim.now() - 500);
    expect((await sh(sim, 'kubectl logs ticker')).trim().split('\n').length).toBe(4);
    await sim.advanceSettled(1000);
    expect((await sh(sim, 'kubectl logs ticker --tail=1 --timestamps')).startsWith(new Date(times[3] + 10_000).toISOString().slice(0, 19))).toBe(true);
  });

  it('exit codes feed restartPolicy: Failed with the exit code under Never, --previous under Always', async () => {
    const sim = createSimulation({ seed: 4 });
    await sh(sim, `kubectl run once --image=busybox --restart=Never -- sh -c 'echo starting; sleep 2; echo failing >&2; exit 3'`, 20_000);
    expect(await phase(sim, 'once')).toBe('Failed');
    expect(await sh(sim, 'kubectl get pod once -o jsonpath={.status.containerStatuses[0].state.terminated.exitCode}')).toBe('3');
    expect(await sh(sim, 'kubectl logs once')).toBe('starting\nfailing\n');
    await sh(sim, `kubectl run again --image=busybox -- sh -c 'echo run at $(date +%s); exit 1'`, 30_000);
    expect(await sh(sim, 'kubectl get pod again -o jsonpath={.status.containerStatuses[0].lastState.terminated.reason}')).toBe('Error');
    // in back-off both name the container that exited last (as upstream), started when it printed
    const prev = await sh(sim, 'kubectl logs again --previous');
    const cur = await sh(sim, 'kubectl logs again');
    expect(prev).toBe(cur);
    const started = await sh(sim, 'kubectl get pod again -o jsonpath={.status.containerStatuses[0].lastState.terminated.startedAt}');
    expect(cur).toBe(`run at ${Date.parse(started) / 1000}\n`);
    expect(Number(await sh(sim, 'kubectl get pod again -o jsonpath={.status.containerStatuses[0].restartCount}'))).toBeGreaterThanOrEqual(2);
  });

  it('wget in a container command reaches a Service through kube-proxy; nslookup waits for the Service (init container)', async () => {
    const sim = createSimulation({ seed: 5 });
    await sh(sim, 'kubectl create deployment web --image=nginx');
    await sh(sim, 'kubectl expose deployment web --port 80');
    await sh(sim, 'kubectl rollout status deployment/web --timeout=60s');
    await sh(sim, `kubectl run load --image=busybox -- sh -c 'while sleep 2; do wget -q -O- http://web | grep title; done'`, 30_000);
    const logs = await sh(sim, 'kubectl logs load');
    expect(logs.split('\n').filter((l) => l === '<title>Welcome to nginx!</title>').length).toBeGreaterThanOrEqual(5);
    // nginx logged the requests, from the load pod's IP
    const ip = await sh(sim, 'kubectl get pod load -o jsonpath={.status.podIP}');
    expect(await sh(sim, 'kubectl logs deployment/web')).toContain(`${ip} - - [`);

    await sh(sim, `kubectl run waiter --image=busybox -- sh -c 'until nslookup mydb.default.svc.cluster.local; do echo waiting for mydb; sleep 2; done; echo found'`, 15_000);
    expect(await sh(sim, 'kubectl logs waiter')).toContain("** server can't find mydb.default.svc.cluster.local: NXDOMAIN\n\nwaiting for mydb\n");
    await sh(sim, 'kubectl create service clusterip mydb --tcp=3306:3306', 10_000);
    expect(await sh(sim, 'kubectl logs waiter --tail=1')).toBe('found\n');
  });

  it('the image decides which programs exist: busybox has no curl, nginx (Debian) has no wget', async () => {
    const sim = createSimulation({ seed: 6 });
    await sh(sim, `kubectl run bb --image=busybox -- sh -c 'curl http://x; echo status $?; sleep 3600'`);
    await sh(sim, 'kubectl run ng --image=nginx');
    await sh(sim, 'kubectl wait --for=condition=Ready pod/bb pod/ng --timeout=60s');
    expect(await sh(sim, 'kubectl logs bb')).toBe('sh: curl: not found\nstatus 127\n');
    expect(await sh(sim, `kubectl exec ng -- sh -c 'wget -q -O- http://localhost; echo $?'`)).toBe('sh: 1: wget: not found\n127\n');
    expect(await sh(sim, 'kubectl exec ng -- curl -s localhost')).toContain('<h1>Welcome to nginx!</h1>');
    // a command the image does not have: runc cannot start it (StartError, exit 128)
    await sh(sim, 'kubectl run nocurl --image=busybox --restart=Never --command -- curl http://web', 20_000);
    const t = JSON.parse(await sh(sim, 'kubectl get pod nocurl -o jsonpath={.status.containerStatuses[0].state.terminated}'));
    expect(t.reason).toBe('StartError');
    expect(t.exitCode).toBe(128);
    expect(t.message).toBe('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown');
  });

  it('a loop that never waits is bounded: the cluster keeps answering', async () => {
    const sim = createSimulation({ seed: 7 });
    await sh(sim, `kubectl run spin --image=busybox -- sh -c 'while true; do echo spin; done'`, 20_000);
    const started = performance.now();
    await sim.advanceSettled(10_000);
    expect(await sh(sim, 'kubectl get pod spin -o jsonpath={.status.phase}')).toBe('Running');
    expect(performance.now() - started).toBeLessThan(10_000);
    const n = (await sh(sim, 'kubectl logs spin')).split('\n').length;
    expect(n).toBeGreaterThan(2000);
  });

  it('deleting a pod whose PID 1 ignores SIGTERM waits out the grace period, then SIGKILL (137)', async () => {
    const sim = createSimulation({ seed: 8 });
    await sh(sim, 'kubectl run sleeper --image=busybox --restart=Never -- sleep 3600');
    await sh(sim, 'kubectl wait --for=condition=Ready pod/sleeper --timeout=60s');
    const t0 = sim.now();
    await sh(sim, 'kubectl delete pod sleeper --grace-period=10 --wait=false');
    await sim.advanceSettled(5_000);
    expect(await phase(sim, 'sleeper')).toBe('Running');
    await sh(sim, 'kubectl wait --for=delete pod/sleeper --timeout=60s');
    const took = sim.now() - t0;
    expect(took).toBeGreaterThanOrEqual(10_000);
    expect(took).toBeLessThan(15_000);
  });
});
