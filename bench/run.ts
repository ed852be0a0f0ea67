/**
 * `npm run bench`: the DESIGN.md measures, in wall time on this machine.
 *  - cluster boot (default scenario, 605 s of virtual time)
 *  - scheduling throughput: pods bound per second with 5,000 nodes (floor 10,000 pods/s)
 *  - `kubectl get pods` on 10,000 pods (budget 150 ms)
 *  - 1,000 nodes + 100,000 pods created through the apiserver (time, heap) and listed by kubectl
 *  - page: terminal prompt after load, JS before interaction, Monaco not loaded (bench/page.ts)
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Clock } from '../src/sim/core/clock';
import { Rng } from '../src/sim/core/rng';
import { Trace } from '../src/sim/core/trace';
import { EtcdStore } from '../src/sim/etcd/store';
import { ApiServer } from '../src/sim/apiserver/server';
import { bootstrapApiServer } from '../src/sim/apiserver/bootstrap';
import { LocalClient } from '../src/sim/client/local';
import { Scheduler } from '../src/sim/scheduler/scheduler';
import { Cluster } from '../src/sim/cluster/cluster';
import { createSession } from '../src/sim/cluster/session';
import type { Obj } from '../src/sim/client/types';
import { kubectl } from '../src/sim/kubectl';
import type { KubectlEnv } from '../src/sim/kubectl/env';
import { pageBench } from './page';

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

function bare() {
  const clock = new Clock(Date.UTC(2026, 0, 5));
  const etcd = new EtcdStore(clock);
  const trace = new Trace(100);
  const api = new ApiServer({ etcd, clock, rng: new Rng(1), trace, serviceCIDR: '10.96.0.0/12' });
  const client = new LocalClient(api, 'bench');
  bootstrapApiServer(client, '10.96.0.0/12');
  return { clock, etcd, api, client };
}

function node(name: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
    spec: {},
    status: {
      allocatable: { cpu: '32', memory: '128Gi', pods: '110' },
      capacity: { cpu: '32', memory: '128Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    },
  };
}

function pod(name: string, ns = 'bench'): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { app: 'bench' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } };
}

function ms(t: number): string {
  return `${t.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  if (want('boot')) {
    new Cluster(); // warm up the JIT
    const t0 = performance.now();
    new Cluster();
    console.log(`boot: default scenario (605 s virtual) in ${ms(performance.now() - t0)}`);
  }

  if (want('schedule')) {
    const { clock, client } = bare();
    client.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
    for (let i = 0; i < 5000; i++) client.create('nodes', undefined, node(`n${i}`));
    const schedClient = new LocalClient(client.api, 'kube-scheduler');
    const sched = new Scheduler({ client: schedClient, clock, rng: new Rng(2), decisionLimit: 0 });
    sched.start();
    clock.runDue();
    const N = Number(process.env.BENCH_PODS ?? 10000);
    for (let i = 0; i < N; i++) client.create('pods', 'bench', pod(`p${i}`));
    // the scheduler's own share: its scheduling cycles minus the API requests they make (the
    // binding POST, the Scheduled event), which a real apiserver would serve on other cores
    const cycle = timeCalls(sched as unknown as Record<string, unknown>, 'scheduleOne');
    const api = timeCalls(schedClient as unknown as Record<string, unknown>, 'request');
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    clock.advanceUntil(() => sched.pendingPods().length === 0, 3_600_000);
    clock.advance(1000);
    const dt = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    // each pod counts only if the apiserver stored it bound (etcd holds spec.nodeName)
    const bound = client.list('pods', 'bench').items.filter((p) => p.spec.nodeName).length;
    const own = cycle.ms - api.ms;
    console.log(
      `schedule: ${bound}/${N} pods bound on 5,000 nodes in ${ms(dt)} → ${Math.round((bound / dt) * 1000)} pods/s end to end, every component in one thread (floor 10,000); ` +
        `CPU ${ms(cpuMs)} → ${Math.round((bound / cpuMs) * 1000)} pods/s per CPU-second; ` +
        `the scheduler's own cycles ${ms(own)} → ${Math.round((bound / own) * 1000)} pods/s (its API requests, ${ms(api.ms)}, excluded)`,
    );
  }

  if (want('get')) {
    const s = createSession();
    const c = s.cluster.client('bench');
    s.cluster.scheduler.stop();
    c.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
    for (let i = 0; i < 10000; i++) c.create('pods', 'bench', pod(`p${String(i).padStart(5, '0')}`));
    s.cluster.clock.runDue();
    const io = { stdout: () => {}, stderr: () => {} };
    await s.shell.run('kubectl get pods -n bench', io);
    const runs: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c0 = cpuMs();
      const t0 = performance.now();
      await s.shell.run('kubectl get pods -n bench', io);
      runs.push(performance.now() - t0);
      cpus.push(cpuMs() - c0);
    }
    runs.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    console.log(`get: kubectl get pods on 10,000 pods: median ${ms(runs[2])} (budget 150 ms; CPU ${ms(cpus[2])})`);
  }

  if (want('scale')) {
    // DESIGN.md: 1,000 nodes and 100,000 pods in one process, created through the apiserver
    const { client, api, clock } = bare();
    client.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
    const heap0 = heapMiB();
    const c0 = cpuMs();
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) client.create('nodes', undefined, node(`n${i}`));
    for (let i = 0; i < 100000; i++) client.create('pods', 'bench', pod(`p${i}`));
    const created = performance.now() - t0;
    const createdCpu = cpuMs() - c0;
    const heap1 = heapMiB();
    // `kubectl get pods -A --no-headers | wc -l`: list as Table, print, count the lines
    let lines = 0;
    const env: KubectlEnv = {
      client: new LocalClient(api, 'kubectl'),
      now: () => clock.now(),
      sleep: async (ms) => void clock.advance(ms),
      stdout: (t) => void (lines += t.split('\n').length - 1),
      stderr: (t) => void process.stderr.write(t),
      stdin: '',
      readFile: () => undefined,
      listDir: () => undefined,
      namespace: 'default',
      pid: 1,
    };
    const runs: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < 3; i++) {
      lines = 0;
      const c1 = cpuMs();
      const t1 = performance.now();
      await kubectl(['get', 'pods', '-A', '--no-headers'], env);
      runs.push(performance.now() - t1);
      cpus.push(cpuMs() - c1);
    }
    runs.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    console.log(
      `scale: 1,000 nodes + 100,000 pods created through the apiserver in ${ms(created)} (CPU ${ms(createdCpu)}; heap +${(heap1 - heap0).toFixed(0)} MiB, ${heapMiB().toFixed(0)} MiB in all); ` +
        `kubectl get pods -A --no-headers | wc -l → ${lines} in ${ms(runs[1])} (CPU ${ms(cpus[1])}, median of 3)`,
    );
  }

  if (want('page')) await pageBench();
}

/** Wrap obj[method] to add up the wall time spent in it (nested calls counted once). */
function timeCalls(obj: Record<string, unknown>, method: string): { ms: number } {
  const acc = { ms: 0 };
  const orig = obj[method] as (...a: unknown[]) => unknown;
  let depth = 0;
  obj[method] = function (this: unknown, ...args: unknown[]) {
    if (depth++ > 0) {
      try {
        return orig.apply(this, args);
      } finally {
        depth--;
      }
    }
    const t = performance.now();
    try {
      return orig.apply(this, args);
    } finally {
      depth--;
      acc.ms += performance.now() - t;
    }
  };
  return acc;
}

/** CPU time of this process (user + system): steadier than wall time on a busy machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Heap in use after a full GC (the GC is reached through V8's flag, as `node --expose-gc` would). */
function heapMiB(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
