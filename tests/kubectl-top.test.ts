/**
 * kubectl top and the Metrics API (metrics.k8s.io/v1beta1) it reads — served while metrics-server
 * runs (scenario `metrics-server`), from the same usage model the HorizontalPodAutoscaler acts on.
 * A fresh kubeadm cluster has no metrics-server: `error: Metrics API not available`
 * (kubectl-auth.test.ts, and the recorded real-cluster fixture). Table layouts were checked by running the real kubectl v1.32
 * against contract B on the same state (every cell tab-terminated, so rows carry trailing padding).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

const LOADED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
  annotations:
    kube-anatomy.dev/cpu-load: 900m
spec:
  replicas: 3
  selector:
    matchLabels: {run: php-apache}
  template:
    metadata:
      labels: {run: php-apache}
    spec:
      containers:
      - name: php-apache
        image: nginx:1.27
        resources:
          requests: {cpu: 200m}
          limits: {cpu: 500m}
`;

describe('kubectl top', () => {
  it('node: usage and percentages of allocatable (capacity with --show-capacity)', async () => {
    const sim = createSimulation({ scenario: 'metrics-server' });
    expect(await run(sim, 'kubectl top nodes')).toEqual({
      stdout:
        'NAME           CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \n' +
        // the control plane also runs both CoreDNS pods (kubeadm schedules them before the workers join)
        'controlplane   47m          2%       656Mi           17%         \n' +
        'node01         41m          2%       608Mi           15%         \n' +
        'node02         42m          2%       616Mi           16%         \n',
      stderr: '',
      exit: 0,
    });
    expect((await run(sim, 'kubectl top node node01 --show-capacity --no-headers')).stdout).toBe('node01   41m   2%    608Mi   15%   \n');
    expect(await run(sim, 'kubectl top node nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): nodes "nope" not found\n', exit: 1 });
  });

  it('pod: a new pod has no metrics until a scrape has seen it; then the workload load is shared by its pods', async () => {
    const sim = createSimulation({ scenario: 'metrics-server' });
    await run(sim, `cat > php.yaml <<'EOF'\n${LOADED}EOF`);
    await run(sim, 'kubectl apply -f php.yaml');
    expect(await run(sim, 'kubectl top pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exit: 0 });
    await run(sim, 'sleep 5');
    expect(await run(sim, 'kubectl top pods')).toEqual({ stdout: '', stderr: 'error: metrics not available yet\n', exit: 1 });
    await run(sim, 'sleep 40');
    const top = await run(sim, 'kubectl top pods --sort-by=cpu');
    const rows = top.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('NAME                          CPU(cores)   MEMORY(bytes)   ');
    // 900m of load over 3 pods, each under its 500m limit
    expect(rows.slice(1).map((r) => r.split(/\s+/).slice(1, 3).join(' '))).toEqual(['300m 8Mi', '300m 8Mi', '300m 8Mi']);
    const sum = await run(sim, 'kubectl top pods --sum --no-headers');
    expect(sum.stdout.split('\n').slice(-3)).toEqual(['                              ________   ________   ', '                              900m       24Mi       ', '']);
    // the same pods from the Metrics API, as metrics-server serves them
    const raw = sim.cluster.client('test').request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods' }).body as { kind: string; items: { containers: unknown }[] };
    expect(raw.kind).toBe('PodMetricsList');
    expect(raw.items[0].containers).toEqual([{ name: 'php-apache', usage: { cpu: '300000000n', memory: '8192Ki' } }]);
    const errors = await run(sim, 'kubectl top pod nope');
    expect(errors).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "default/nope" not found\n', exit: 1 });
    expect((await run(sim, 'kubectl top pods -n kube-public')).stderr).toBe('No resources found in kube-public namespace.\n');
  });

  it('pod --containers -A: NAMESPACE and POD columns, sorted by namespace and name', async () => {
    const sim = createSimulation({ scenario: 'metrics-server' });
    const out = (await run(sim, 'kubectl top pods -A --containers -l component=etcd')).stdout;
    expect(out).toBe('NAMESPACE     POD                 NAME   CPU(cores)   MEMORY(bytes)   \nkube-system   etcd-controlplane   etcd   1m           8Mi             \n');
  });

  it('validates like kubectl: usage, --sort-by, NAME with a selector', async () => {
    const sim = createSimulation({ scenario: 'metrics-server' });
    expect((await run(sim, 'kubectl top pod a b')).stderr).toBe("error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n");
    expect((await run(sim, 'kubectl top pod --sort-by=name')).stderr).toBe('error: --sort-by accepts only cpu or memory\n');
    expect((await run(sim, 'kubectl top pod x -l a=b')).stderr).toBe('error: only one of NAME or selector can be provided\n');
    expect((await run(sim, 'kubectl top node x -l a=b')).stderr).toBe('error: only one of NAME or --selector can be provided\n');
  });

  it('a node whose kubelet stopped has no metrics: <unknown>', async () => {
    const sim = createSimulation({ scenario: 'metrics-server' });
    // node01: the node without the metrics-server pod (on node02, its endpoint would go NotReady too)
    await run(sim, 'ssh node01 systemctl stop kubelet');
    await run(sim, 'sleep 60');
    const out = (await run(sim, 'kubectl top nodes')).stdout.split('\n');
    expect(out[3]).toBe('node01         <unknown>    <unknown>   <unknown>       <unknown>   ');
  });

  it('api-resources lists the metrics.k8s.io resources', async () => {
    const sim = createSimulation({ scenario: 'metrics-server' });
    const out = (await run(sim, 'kubectl api-resources --api-group=metrics.k8s.io')).stdout;
    expect(out).toBe('NAME    SHORTNAMES   APIVERSION               NAMESPACED   KIND\nnodes                metrics.k8s.io/v1beta1   false        NodeMetrics\npods                 metrics.k8s.io/v1beta1   true         PodMetrics\n');
  });

  it('the Metrics API appears when metrics-server becomes ready, and goes with it', async () => {
    const sim = createSimulation();
    expect((await run(sim, 'kubectl top pods')).stderr).toBe('error: Metrics API not available\n');
    expect(sim.cluster.apiserver.handle({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/nodes' }).code).toBe(404);
    const { metricsServerObjects } = await import('../src/sim/cluster/metrics-server');
    const client = sim.cluster.client('test');
    for (const o of metricsServerObjects()) client.create(o.resource, 'kube-system', structuredClone(o.obj));
    await run(sim, 'sleep 40');
    expect((await run(sim, 'kubectl top pods -n kube-system -l k8s-app=metrics-server --no-headers')).stdout).toMatch(/^metrics-server-[a-z0-9]+-[a-z0-9]{5}\s+1m\s+8Mi\s+\n$/);
    await run(sim, 'kubectl -n kube-system scale deploy metrics-server --replicas=0');
    await run(sim, 'sleep 40');
    expect((await run(sim, 'kubectl top nodes')).stderr).toBe('error: Metrics API not available\n');
  });
});
