/**
 * The serviceaccount controller (a `default` ServiceAccount in every active namespace) and the
 * root-ca-cert-publisher (the `kube-root-ca.crt` ConfigMap with the cluster CA in every namespace,
 * put back when edited or deleted).
 */
import type { Obj } from '../../client/types';
import type { SyncResult } from '../../client/workqueue';
import { Controller, type ControllerContext } from '../controller';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

const active = (ns: Obj | undefined) => !!ns && !ns.metadata.deletionTimestamp && ns.status?.phase !== 'Terminating';

export class ServiceAccountsController extends Controller {
  readonly name = 'serviceaccount-controller';

  protected register(): void {
    this.informers.on('namespaces', { add: (n) => this.enqueue(n.metadata.name!), update: (_o, n) => this.enqueue(n.metadata.name!) });
    this.informers.on('serviceaccounts', { delete: (sa) => sa.metadata.name === 'default' && this.enqueue(sa.metadata.namespace!) });
  }

  protected sync(ns: string): SyncResult {
    if (!active(this.informers.get('namespaces').getByName(undefined, ns))) return;
    if (this.informers.get('serviceaccounts').getByName(ns, 'default')) return;
    try {
      this.client.create('serviceaccounts', ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    } catch (e) {
      if ((e as { code?: number }).code !== 409) throw e;
    }
  }
}

export class RootCACertPublisher extends Controller {
  readonly name = 'root-ca-cert-publisher';

  constructor(
    ctx: ControllerContext,
    private readonly caPEM: string,
  ) {
    super(ctx);
  }

  protected register(): void {
    this.informers.on('namespaces', { add: (n) => this.enqueue(n.metadata.name!), update: (_o, n) => this.enqueue(n.metadata.name!) });
    const onCM = (cm: Obj) => cm.metadata.name === ROOT_CA_CONFIGMAP && this.enqueue(cm.metadata.namespace!);
    this.informers.on('configmaps', { update: (_o, cm) => onCM(cm), delete: onCM });
  }

  protected sync(ns: string): SyncResult {
    if (!active(this.informers.get('namespaces').getByName(undefined, ns))) return;
    const cm = this.informers.get('configmaps').getByName(ns, ROOT_CA_CONFIGMAP);
    const data = { 'ca.crt': this.caPEM };
    const annotations = { 'kubernetes.io/description': ROOT_CA_DESCRIPTION };
    try {
      if (!cm) {
        this.client.create('configmaps', ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace: ns, annotations }, data });
        return;
      }
      const ok = cm.data?.['ca.crt'] === this.caPEM && Object.keys(cm.data ?? {}).length === 1 && cm.metadata.annotations?.['kubernetes.io/description'] === ROOT_CA_DESCRIPTION;
      if (!ok) this.client.update('configmaps', ns, { ...cm, metadata: { ...cm.metadata, annotations: { ...(cm.metadata.annotations ?? {}), ...annotations } }, data, binaryData: undefined });
    } catch (e) {
      if ((e as { code?: number }).code !== 409) throw e;
    }
  }
}

/** A PEM-shaped self-signed CA for the simulated cluster (the bytes come from the seeded RNG). */
export function fakeCAPEM(bytes: (n: number) => number[]): string {
  const b64chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const head = 'MIIDBTCCAe2gAwIBAgII';
  let body = head;
  for (const b of bytes(1020 - head.length)) body += b64chars[b % 64];
  body += '==';
  const lines = body.match(/.{1,64}/g)!;
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
