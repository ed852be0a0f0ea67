/**
 * What kube-apiserver creates for itself at start: the system namespaces and the `kubernetes`
 * Service on the first address of the service range (its bootstrap controller), the system
 * PriorityClasses (scheduling post-start hook), the bootstrap RBAC policy (rbac/bootstrap-roles
 * post-start hook) and the binding kubeadm adds for its admin kubeconfig.
 */
import type { Client } from '../client/types';
import { intToIp, parseCidr } from './allocators';
import { ApiError } from '../core/errors';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from '../api/rbac';

export const SYSTEM_PRIORITY_CLASSES = [
  { name: 'system-node-critical', value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.' },
  { name: 'system-cluster-critical', value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
];

export function bootstrapApiServer(client: Client, serviceCIDR: string, advertiseIP = '172.30.1.2'): void {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    ensure(() => client.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  }
  const first = intToIp((parseCidr(serviceCIDR).base + 1) >>> 0);
  ensure(() =>
    client.create('services', 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: first, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
    }),
  );
  // the endpoint reconciler: the apiservers' addresses behind the `kubernetes` Service
  ensure(() =>
    client.create('endpoints', 'default', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: advertiseIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    }),
  );
  ensure(() =>
    client.create('endpointslices', 'default', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [advertiseIP], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    }),
  );
  for (const pc of SYSTEM_PRIORITY_CLASSES) {
    ensure(() =>
      client.create('priorityclasses', undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: pc.name }, value: pc.value, description: pc.description } as never),
    );
  }
  for (const r of bootstrapClusterRoles()) ensure(() => client.create('clusterroles', undefined, r));
  for (const b of bootstrapClusterRoleBindings()) ensure(() => client.create('clusterrolebindings', undefined, b));
}

function ensure(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
  }
}
