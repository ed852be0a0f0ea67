/**
 * What kube-apiserver creates for itself at start: the system namespaces and the `kubernetes`
 * Service on the first address of the service range (its bootstrap controller).
 */
import type { Client } from '../client/types';
import { intToIp, parseCidr } from './allocators';
import { ApiError } from '../core/errors';

export function bootstrapApiServer(client: Client, serviceCIDR: string): void {
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
}

function ensure(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
  }
}
