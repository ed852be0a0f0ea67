/** `kubeadm init` add-ons: kube-proxy DaemonSet, CoreDNS Deployment and the kube-dns Service. */
import type { Client, Obj } from '../client/types';
import type { Scenario } from './scenarios';
import objects from './scenarios/kubeadm-objects.json';
import { KUBEADM_COREFILE } from '../dns/corefile';

export const KUBEADM = objects as unknown as {
  staticPods: Obj[];
  kubeProxy: Obj;
  coredns: Obj;
  nodeTemplate: { metadata: Obj['metadata']; status: Obj['status'] };
};

export function kubeadmAddons(client: Client, sc: Scenario): void {
  client.create('configmaps', 'kube-system', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: KUBEADM_COREFILE } });
  client.create('configmaps', 'kube-system', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } }, data: { 'config.conf': kubeProxyConfig(sc), 'kubeconfig.conf': KUBE_PROXY_KUBECONFIG(sc) } });
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

/** The KubeProxyConfiguration kubeadm writes (mode "" = iptables on Linux). */
export function kubeProxyConfig(sc: Scenario): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${sc.clusterCIDR}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ""
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForProbes: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`;
}

function KUBE_PROXY_KUBECONFIG(sc: Scenario): string {
  const cp = sc.nodes.find((n) => n.controlPlane) ?? sc.nodes[0];
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://${cp.ip}:6443
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;
}
