import type { Scenario } from './types';
import { HA } from './ha';

/** A fresh kubeadm v1.32 cluster as DESIGN.md describes it (matches reference/goldens). */
export const DEFAULT: Scenario = {
  name: 'default',
  nodes: [
    { name: 'controlplane', ip: '172.30.1.2', podCIDR: '10.244.0.0/24', controlPlane: true },
    { name: 'node01', ip: '172.30.2.2', podCIDR: '10.244.1.0/24', controlPlane: false },
    { name: 'node02', ip: '172.30.3.2', podCIDR: '10.244.2.0/24', controlPlane: false },
  ],
  serviceCIDR: '10.96.0.0/12',
  clusterCIDR: '10.244.0.0/16',
  dnsIP: '10.96.0.10',
  bootSeconds: 600,
  workerJoinSeconds: 60,
};

/** The default cluster with ingress-nginx installed (bare-metal manifest: NodePort 30080/30443, IngressClass nginx). */
export const INGRESS: Scenario = { ...DEFAULT, name: 'ingress', addons: ['ingress-nginx'] };

/** The default cluster with a load-balancer provider: LoadBalancer Services get an address from 172.30.10.100-172.30.10.120. */
export const LOADBALANCER: Scenario = { ...DEFAULT, name: 'loadbalancer', loadBalancerIPs: ['172.30.10.100-172.30.10.120'] };

/** The default cluster with metrics-server (components.yaml): `kubectl top` and CPU-based HPAs work. */
export const METRICS: Scenario = { ...DEFAULT, name: 'metrics-server', addons: ['metrics-server'] };

export const SCENARIOS: Record<string, Scenario> = { default: DEFAULT, ha: HA, ingress: INGRESS, loadbalancer: LOADBALANCER, 'metrics-server': METRICS };

export type { Scenario, NodeSpec } from './types';
