/**
 * The resourcequota controller: keeps each ResourceQuota's status.hard (= spec.hard) and
 * status.used current — pods and their requests/limits (non-terminal pods), object counts
 * (services, configmaps, secrets, persistentvolumeclaims, count/<resource>.<group> …) and
 * requested storage. (Enforcement on create is the apiserver's ResourceQuota admission.)
 */
import type { Obj } from '../../client/types';
import type { SyncResult } from '../../client/workqueue';
import { canonicalJSON } from '../../core/hash';
import { milliCPU, parseQuantity } from '../../core/quantity';
import { Controller, splitKey } from '../controller';

const COUNTED: Record<string, string> = {
  services: 'services',
  configmaps: 'configmaps',
  secrets: 'secrets',
  persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

/** A CPU amount as Kubernetes prints a sum: whole cores plain, else millicores. */
export function formatCPU(m: number): string {
  if (m === 0) return '0';
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** A byte amount in the binary suffix that divides it (Gi, Mi, Ki), else plain. */
export function formatBytes(b: number): string {
  if (b === 0) return '0';
  for (const [u, f] of [['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as [string, number][]) if (b % f === 0) return `${b / f}${u}`;
  return String(b);
}

const terminal = (p: Obj) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function containerSum(pod: Obj, kind: 'requests' | 'limits', res: string): number {
  const sum = (cs: Obj[]) => cs.reduce((n, c) => n + (res === 'cpu' ? milliCPU(c.resources?.[kind]?.[res] ?? 0) : parseQuantity(c.resources?.[kind]?.[res] ?? 0)), 0);
  const main = sum(pod.spec?.containers ?? []);
  const init = Math.max(0, ...(pod.spec?.initContainers ?? []).map((c: Obj) => sum([c])));
  return Math.max(main, init);
}

export class ResourceQuotaController extends Controller {
  readonly name = 'resourcequota-controller';

  protected register(): void {
    this.informers.on('resourcequotas', { add: (q) => this.enqueue(q), update: (_o, q) => this.enqueue(q) });
    const touch = (o: Obj) => {
      for (const q of this.informers.list('resourcequotas', o.metadata.namespace)) this.enqueue(q);
    };
    for (const r of ['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']) {
      this.informers.on(r, { add: touch, update: (_o, n) => touch(n), delete: touch });
    }
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const q = this.informers.get('resourcequotas').getByName(ns, name);
    if (!q) return;
    const hard: Record<string, string> = q.spec?.hard ?? {};
    const used: Record<string, string> = {};
    const pods = this.informers.list('pods', ns).filter((p) => !terminal(p));
    for (const k of Object.keys(hard).sort()) {
      if (k === 'pods' || k === 'count/pods') used[k] = String(pods.length);
      else if (k === 'requests.cpu' || k === 'cpu') used[k] = formatCPU(pods.reduce((n, p) => n + containerSum(p, 'requests', 'cpu'), 0));
      else if (k === 'limits.cpu') used[k] = formatCPU(pods.reduce((n, p) => n + containerSum(p, 'limits', 'cpu'), 0));
      else if (k === 'requests.memory' || k === 'memory') used[k] = formatBytes(pods.reduce((n, p) => n + containerSum(p, 'requests', 'memory'), 0));
      else if (k === 'limits.memory') used[k] = formatBytes(pods.reduce((n, p) => n + containerSum(p, 'limits', 'memory'), 0));
      else if (k === 'requests.storage') used[k] = formatBytes(this.informers.list('persistentvolumeclaims', ns).reduce((n, c) => n + parseQuantity(c.spec?.resources?.requests?.storage ?? 0), 0));
      else if (k === 'services.nodeports') used[k] = String(this.informers.list('services', ns).reduce((n, s) => n + (s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer' ? (s.spec.ports ?? []).length : 0), 0));
      else if (k === 'services.loadbalancers') used[k] = String(this.informers.list('services', ns).filter((s) => s.spec?.type === 'LoadBalancer').length);
      else if (COUNTED[k]) used[k] = String(this.informers.list(COUNTED[k], ns).length);
      else if (k.startsWith('count/')) {
        const resource = k.slice(6).split('.')[0];
        used[k] = String(this.informers.list(resource, ns).length);
      }
    }
    const status = { hard: { ...hard }, used };
    if (canonicalJSON(status) === canonicalJSON(q.status ?? {})) return;
    try {
      this.client.update('resourcequotas', ns, { ...q, status }, 'status');
    } catch {
      return { requeueAfterMs: 1000 };
    }
  }
}
