/**
 * metrics-server as its release manifest (components.yaml, v0.7.2) installs it, reduced to what the
 * simulation uses: ServiceAccount, Deployment and Service `metrics-server` in kube-system. While the
 * Service has a ready endpoint, the apiserver serves metrics.k8s.io (the APIService the manifest
 * registers) — see apiserver/metrics.ts.
 */
import type { Client, Obj } from '../client/types';

const NS = 'kube-system';
const LABELS = { 'k8s-app': 'metrics-server' };

export function metricsServerObjects(): { resource: string; obj: Obj }[] {
  return [
    { resource: 'serviceaccounts', obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'metrics-server', namespace: NS, labels: LABELS } } },
    {
      resource: 'deployments',
      obj: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'metrics-server', namespace: NS, labels: LABELS },
        spec: {
          selector: { matchLabels: LABELS },
          strategy: { rollingUpdate: { maxUnavailable: 0 } },
          template: {
            metadata: { labels: LABELS },
            spec: {
              containers: [
                {
                  name: 'metrics-server',
                  image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
                  args: ['--cert-dir=/tmp', '--secure-port=10250', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--kubelet-use-node-status-port', '--metric-resolution=15s'],
                  ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }],
                  resources: { requests: { cpu: '100m', memory: '200Mi' } },
                },
              ],
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              priorityClassName: 'system-cluster-critical',
              serviceAccountName: 'metrics-server',
            },
          },
        },
      },
    },
    {
      resource: 'services',
      obj: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'metrics-server', namespace: NS, labels: LABELS },
        spec: { ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }], selector: LABELS },
      },
    },
  ];
}

export function installMetricsServer(client: Client): void {
  for (const o of metricsServerObjects()) {
    try {
      client.create(o.resource, NS, structuredClone(o.obj));
    } catch {
      // already installed
    }
  }
}
