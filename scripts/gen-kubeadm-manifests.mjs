// One-off generator: derives the kubeadm objects of the default scenario (static pod manifests,
// kube-proxy DaemonSet, CoreDNS Deployment) from the recorded golden cluster
// (../shared/reference/goldens/cluster.json), stripping what the cluster itself fills in.
// Usage: node scripts/gen-kubeadm-manifests.mjs > src/sim/cluster/scenarios/kubeadm-objects.json
import fs from 'node:fs';

const src = process.argv[2] ?? '../shared/reference/goldens/cluster.json';
const items = JSON.parse(fs.readFileSync(src, 'utf8')).items;
const find = (kind, name) => items.find((i) => i.kind === kind && i.metadata.name === name);

function staticManifest(podName, node) {
  const p = structuredClone(find('Pod', podName));
  const name = podName.slice(0, -(node.length + 1));
  const ann = { ...(p.metadata.annotations ?? {}) };
  for (const k of Object.keys(ann)) if (k.startsWith('kubernetes.io/config.')) delete ann[k];
  const spec = p.spec;
  delete spec.nodeName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(Object.keys(ann).length ? { annotations: ann } : {}), labels: p.metadata.labels, name, namespace: 'kube-system' },
    spec,
  };
}

function podTemplate(podName) {
  const p = structuredClone(find('Pod', podName));
  const spec = p.spec;
  delete spec.nodeName;
  spec.volumes = (spec.volumes ?? []).filter((v) => !v.name.startsWith('kube-api-access-'));
  for (const c of spec.containers) c.volumeMounts = (c.volumeMounts ?? []).filter((m) => !m.name.startsWith('kube-api-access-'));
  spec.tolerations = (spec.tolerations ?? []).filter((t) => t.tolerationSeconds === undefined);
  delete spec.enableServiceLinks;
  delete spec.preemptionPolicy;
  delete spec.priority;
  const labels = { ...p.metadata.labels };
  delete labels['pod-template-hash'];
  return { metadata: { labels }, spec };
}

const ds = structuredClone(find('DaemonSet', 'kube-proxy'));
const out = {
  staticPods: ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((n) => staticManifest(`${n}-controlplane`, 'controlplane')),
  kubeProxy: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { labels: ds.metadata.labels, name: 'kube-proxy', namespace: 'kube-system' }, spec: ds.spec },
  coredns: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels: { 'k8s-app': 'kube-dns' }, name: 'coredns', namespace: 'kube-system' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: podTemplate('coredns-668d6bf9bc-5xq8z'),
    },
  },
  nodeTemplate: (() => {
    const n = structuredClone(find('Node', 'node01'));
    return { metadata: { annotations: n.metadata.annotations, labels: n.metadata.labels }, status: { allocatable: n.status.allocatable, capacity: n.status.capacity, nodeInfo: n.status.nodeInfo, runtimeHandlers: n.status.runtimeHandlers } };
  })(),
};
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
