import type { Scenario } from './types';

/**
 * An HA cluster laid out the kubeasz way: two control-plane nodes, three workers and an external
 * three-member etcd on its own hosts (etcd1..3 at 172.30.4.2..4). Stop one etcd member and the
 * cluster carries on; stop two and the apiserver answers `etcdserver: request timed out`.
 */
export const HA: Scenario = {
  name: 'ha',
  nodes: [
    { name: 'master1', ip: '172.30.1.2', podCIDR: '10.244.0.0/24', controlPlane: true },
    { name: 'master2', ip: '172.30.1.3', podCIDR: '10.244.1.0/24', controlPlane: true },
    { name: 'node1', ip: '172.30.2.2', podCIDR: '10.244.2.0/24', controlPlane: false },
    { name: 'node2', ip: '172.30.2.3', podCIDR: '10.244.3.0/24', controlPlane: false },
    { name: 'node3', ip: '172.30.2.4', podCIDR: '10.244.4.0/24', controlPlane: false },
  ],
  serviceCIDR: '10.96.0.0/12',
  clusterCIDR: '10.244.0.0/16',
  dnsIP: '10.96.0.10',
  bootSeconds: 600,
  etcd: {
    members: [
      { name: 'etcd1', ip: '172.30.4.2' },
      { name: 'etcd2', ip: '172.30.4.3' },
      { name: 'etcd3', ip: '172.30.4.4' },
    ],
  },
};
