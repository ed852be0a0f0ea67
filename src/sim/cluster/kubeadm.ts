/** `kubeadm init` add-ons: kube-proxy DaemonSet, CoreDNS Deployment and the kube-dns Service. */
import type { Client, Obj } from '../client/types';
import type { Scenario } from './scenarios';
import objects from './scenarios/kubeadm-objects.json';

export const KUBEADM = objects as unknown as {
  staticPods: Obj[];
  kubeProxy: Obj;
  coredns: Obj;
  nodeTemplate: { metadata: Obj['metadata']; status: Obj['status'] };
};

export function kubeadmAddons(client: Client, sc: Scenario): void {
  client.create('daemonsets', 'kube-system', structuredClone(KUBEADM.kubeProxy));
  client.create('deployments', 'kube-system', structuredClone(KUBEADM.coredns));
  client.create('services', 'kube-system', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      name: 'kube-dns',
      namespace: 'kube-system',
    },
    spec: {
      clusterIP: sc.dnsIP,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      type: 'ClusterIP',
    },
  });
}

/** The static pod manifests kubeadm writes to /etc/kubernetes/manifests on a control-plane node. */
export function staticPodManifests(nodeIp: string): Obj[] {
  return KUBEADM.staticPods.map((p) => JSON.parse(JSON.stringify(p).replaceAll('172.30.1.2', nodeIp)) as Obj);
}
