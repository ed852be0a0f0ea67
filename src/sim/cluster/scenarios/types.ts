/** A named starting cluster. */
export interface NodeSpec {
  name: string;
  ip: string;
  podCIDR: string;
  controlPlane: boolean;
}

export interface Scenario {
  name: string;
  nodes: NodeSpec[];
  serviceCIDR: string;
  clusterCIDR: string;
  /** ClusterIP of kube-dns. */
  dnsIP: string;
  /** External etcd members (kubeasz-style); absent = kubeadm's stacked etcd on each control-plane node. */
  etcd?: { members: { name: string; ip: string }[] };
  /** Virtual seconds the cluster runs before the reader arrives (ages, settled pods). */
  bootSeconds: number;
  /**
   * Seconds after `kubeadm init` at which the workers run `kubeadm join` (their kubelets start).
   * kubeadm installs CoreDNS at init, so its Pods land on the control-plane node before any worker
   * exists. Absent: every node starts at once (kubeasz installs the add-ons after all nodes).
   */
  workerJoinSeconds?: number;
  /** Add-ons installed after kubeadm's (e.g. 'ingress-nginx'). */
  addons?: string[];
  /** A load-balancer provider's address pool (`a.b.c.d-a.b.c.e`); absent: LoadBalancer Services stay <pending>. */
  loadBalancerIPs?: string[];
}
