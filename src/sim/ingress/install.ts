/** ingress-nginx as its bare-metal manifest installs it (reduced): namespace, controller, NodePort service, IngressClass. */
import type { Client, Obj } from '../client/types';
import { INGRESS_NS, CONTROLLER_CLASS } from './controller';

export const INGRESS_HTTP_NODEPORT = 30080;
export const INGRESS_HTTPS_NODEPORT = 30443;

const LABELS = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/part-of': 'ingress-nginx', 'app.kubernetes.io/version': '1.11.3' };
const SELECTOR = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };

export function ingressNginxObjects(): { resource: string; ns?: string; obj: Obj }[] {
  return [
    { resource: 'namespaces', obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: INGRESS_NS, labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } } },
    {
      resource: 'deployments',
      ns: INGRESS_NS,
      obj: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'ingress-nginx-controller', namespace: INGRESS_NS, labels: LABELS },
        spec: {
          replicas: 1,
          revisionHistoryLimit: 10,
          selector: { matchLabels: SELECTOR },
          template: {
            metadata: { labels: LABELS },
            spec: {
              containers: [
                {
                  name: 'controller',
                  image: 'registry.k8s.io/ingress-nginx/controller:v1.11.3',
                  args: ['/nginx-ingress-controller', '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx', '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller', '--validating-webhook=:8443', '--validating-webhook-certificate=/usr/local/certificates/cert', '--validating-webhook-key=/usr/local/certificates/key', '--enable-metrics=false'],
                  env: [
                    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                    { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
                  ],
                  ports: [
                    { containerPort: 80, name: 'http', protocol: 'TCP' },
                    { containerPort: 443, name: 'https', protocol: 'TCP' },
                    { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
                  ],
                  readinessProbe: { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
                  resources: { requests: { cpu: '100m', memory: '90Mi' } },
                },
              ],
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              terminationGracePeriodSeconds: 300,
            },
          },
        },
      },
    },
    {
      resource: 'services',
      ns: INGRESS_NS,
      obj: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'ingress-nginx-controller', namespace: INGRESS_NS, labels: LABELS },
        spec: {
          type: 'NodePort',
          ipFamilyPolicy: 'SingleStack',
          ipFamilies: ['IPv4'],
          ports: [
            { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: INGRESS_HTTP_NODEPORT },
            { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', nodePort: INGRESS_HTTPS_NODEPORT },
          ],
          selector: SELECTOR,
        },
      },
    },
    {
      resource: 'ingressclasses',
      obj: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', labels: LABELS }, spec: { controller: CONTROLLER_CLASS } },
    },
  ];
}

export function installIngressNginx(client: Client): void {
  for (const o of ingressNginxObjects()) {
    try {
      client.create(o.resource, o.ns, structuredClone(o.obj));
    } catch {
      // already installed
    }
  }
}
