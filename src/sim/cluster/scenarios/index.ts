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
};

export const SCENARIOS: Record<string, Scenario> = { default: DEFAULT, ha: HA };

export type { Scenario, NodeSpec } from './types';
