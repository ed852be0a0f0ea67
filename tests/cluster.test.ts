import { describe, expect, it } from 'vitest';
import { Cluster } from '../src/sim/cluster/cluster';
import { deployment, podSpec, running, sim } from './cluster-helpers';

describe('cluster boot (kubeadm default scenario)', () => {
  const s = sim();
  const { api } = s;

  it('has three Ready nodes with leases, pod CIDRs and the control-plane taint', () => {
    const nodes = api.list('nodes', undefined).items;
    expect(nodes.map((n) => n.metadata.name)).toEqual(['controlplane', 'node01', 'node02']);
    for (const n of nodes) {
      const ready = n.status.conditions.find((c: { type: string }) => c.type === 'Ready');
      expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
      expect(n.status.conditions.map((c: { type: string }) => c.type)).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']);
      expect(n.status.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
      const lease = api.get('leases', 'kube-node-lease', n.metadata.name!);
      expect(lease.spec).toMatchObject({ holderIdentity: n.metadata.name, leaseDurationSeconds: 40 });
      expect(Date.parse(lease.spec.renewTime)).toBeGreaterThan(s.cluster.clock.now() - 11_000);
      expect(lease.metadata.ownerReferences[0]).toMatchObject({ kind: 'Node', name: n.metadata.name, uid: n.metadata.uid });
    }
    expect(nodes[0].spec).toEqual({ podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] });
    expect(nodes[1].status.addresses).toEqual([
      { address: '172.30.2.2', type: 'InternalIP' },
      { address: 'node01', type: 'Hostname' },
    ]);
  });

  it('runs the static control-plane pods as mirror pods on controlplane', () => {
    for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const p = api.get('pods', 'kube-system', `${c}-controlplane`);
      expect(p.status.phase).toBe('Running');
      expect(p.status.podIP).toBe('172.30.1.2');
      expect(p.metadata.annotations['kubernetes.io/config.mirror']).toBe(p.metadata.annotations['kubernetes.io/config.hash']);
      expect(p.metadata.annotations['kubernetes.io/config.source']).toBe('file');
      expect(p.metadata.ownerReferences[0]).toMatchObject({ apiVersion: 'v1', kind: 'Node', name: 'controlplane', controller: true });
      expect(p.status.containerStatuses[0]).toMatchObject({ ready: true, started: true, restartCount: 0 });
    }
  });

  it('runs kube-proxy on every node and two CoreDNS replicas', () => {
    const proxies = s.pods('kube-system', 'k8s-app=kube-proxy');
    expect(proxies.map((p) => p.spec.nodeName).sort()).toEqual(['controlplane', 'node01', 'node02']);
    for (const p of proxies) {
      expect(running(p)).toBe(true);
      expect(p.status.podIP).toBe(p.status.hostIP);
      expect(p.metadata.labels['pod-template-generation']).toBe('1');
      expect(p.metadata.labels['controller-revision-hash']).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
      expect(p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] },
      ]);
      expect(p.spec.tolerations.map((t: { key?: string }) => t.key ?? '')).toEqual([
        '',
        'node.kubernetes.io/not-ready',
        'node.kubernetes.io/unreachable',
        'node.kubernetes.io/disk-pressure',
        'node.kubernetes.io/memory-pressure',
        'node.kubernetes.io/pid-pressure',
        'node.kubernetes.io/unschedulable',
        'node.kubernetes.io/network-unavailable',
      ]);
    }
    const ds = api.get('daemonsets', 'kube-system', 'kube-proxy');
    expect(ds.status).toMatchObject({ currentNumberScheduled: 3, desiredNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0, observedGeneration: 1 });
    const dns = s.pods('kube-system', 'k8s-app=kube-dns');
    expect(dns).toHaveLength(2);
    for (const p of dns) {
      expect(running(p)).toBe(true);
      expect(p.status.podIP).toMatch(/^10\.244\.[0-2]\.\d+$/);
      expect(p.metadata.name).toMatch(/^coredns-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    }
    const d = api.get('deployments', 'kube-system', 'coredns');
    expect(d.status).toMatchObject({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('records the kubelet node events in upstream wording', () => {
    const reasons = s.events('node01').filter((e) => e.source.component === 'kubelet').map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toEqual([
      'Starting: Starting kubelet.',
      'NodeHasSufficientMemory: Node node01 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node node01 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node node01 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeReady: Node node01 status is now: NodeReady',
    ]);
    // and the node controller's, as in `kubectl describe node` of a kubeadm cluster
    expect(s.events('node01').filter((e) => e.source.component === 'node-controller').map((e) => `${e.reason}: ${e.message}`)).toEqual(['RegisteredNode: Node node01 event: Registered Node node01 in Controller']);
  });

  it('boots quickly in wall time', () => {
    const t0 = performance.now();
    new Cluster({ seed: 7 });
    const ms = performance.now() - t0;
    console.log(`cluster boot: ${ms.toFixed(1)} ms wall`);
    expect(ms).toBeLessThan(2000);
  });
});

describe('determinism', () => {
  function script(seed: number): string {
    const s = sim(seed);
    s.api.create('deployments', 'default', deployment('web', 3));
    s.advance(20_000);
    s.api.create('pods', 'default', podSpec('one'));
    s.api.create('pods', 'default', podSpec('big', 'nginx:1.27', { containers: [{ name: 'big', image: 'nginx:1.27', resources: { requests: { cpu: '10' } } }] }));
    s.api.patch('deployments', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } }, 'strategic');
    s.advance(60_000);
    s.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Background' });
    s.advance(60_000);
    const kvs = s.cluster.etcd.range('/registry/', { rangeEnd: '/registry0' }).kvs;
    return JSON.stringify(kvs.map((kv) => [kv.key, kv.value, kv.modRevision]));
  }

  it('two clusters with the same seed and actions have byte-identical etcd contents', () => {
    const a = script(42);
    const b = script(42);
    expect(a.length).toBeGreaterThan(10_000);
    expect(a === b).toBe(true);
    expect(script(43) === a).toBe(false);
  });
});

describe('stopping and starting components', () => {
  const s = sim(21);

  it('a stopped scheduler leaves pods Pending until it is back', () => {
    s.cluster.scheduler.stop();
    s.api.create('pods', 'default', podSpec('waiting'));
    s.advance(10_000);
    expect(s.pod('waiting')!.spec.nodeName).toBeUndefined();
    expect(s.events('waiting')).toHaveLength(0);
    s.cluster.scheduler.start();
    s.until(() => running(s.pod('waiting')), 20_000, 'scheduled after restart');
  });

  it('a stopped controller-manager does not react until restarted', () => {
    s.api.create('deployments', 'default', deployment('cm', 1));
    s.until(() => s.pods('default', 'app=cm').length === 1, 10_000);
    s.cluster.controllerManager.stop();
    s.api.patch('deployments', 'default', 'cm', { spec: { replicas: 3 } }, 'merge');
    s.advance(10_000);
    expect(s.pods('default', 'app=cm')).toHaveLength(1);
    s.cluster.controllerManager.start();
    s.until(() => s.pods('default', 'app=cm').filter(running).length === 3, 30_000, 'scaled after restart');
  });

  it('a stopped kubelet stops renewing its lease; containers keep running; it resumes', () => {
    const k = s.cluster.kubelets.get('node01')!;
    k.stop();
    const renew = () => Date.parse(s.api.get('leases', 'kube-node-lease', 'node01').spec.renewTime);
    const before = renew();
    s.advance(30_000);
    expect(renew()).toBe(before);
    const onNode = s.pods().filter((p) => p.spec.nodeName === 'node01');
    expect(onNode.every((p) => p.status.phase === 'Running')).toBe(true);
    k.start();
    s.advance(15_000);
    expect(renew()).toBeGreaterThan(before);
    s.api.create('pods', 'default', podSpec('after', 'nginx:1.27', { nodeName: 'node01' }));
    s.until(() => running(s.pod('after')), 20_000, 'pod on restarted kubelet');
    // a restarted kubelet is a new process: a new Starting event, not a repeat
    expect(s.events('node01').filter((e) => e.reason === 'Starting')).toHaveLength(2);
  });
});
