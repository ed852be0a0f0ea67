/**
 * A load-balancer provider for scenarios that have one (Scenario.loadBalancerIPs): the cloud
 * controller manager's service controller as it behaves with a cloud's L4 balancer — each
 * LoadBalancer Service gets the next free address of the pool in status.loadBalancer.ingress
 * (ipMode VIP), with its EnsuringLoadBalancer / EnsuredLoadBalancer events (source
 * service-controller). Without a pool nothing runs and EXTERNAL-IP stays <pending>, as on kubeadm.
 */
import type { Obj } from '../../client/types';
import type { SyncResult } from '../../client/workqueue';
import { Controller, splitKey, type ControllerContext } from '../controller';

/** `172.30.1.240-172.30.1.250` or single addresses → the addresses in order. */
export function expandPool(ranges: string[]): string[] {
  const toNum = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0) >>> 0;
  const toIP = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
  const out: string[] = [];
  for (const r of ranges) {
    const [a, b] = r.split('-').map((x) => x.trim());
    for (let n = toNum(a); n <= toNum(b ?? a); n++) out.push(toIP(n));
  }
  return out;
}

export class ServiceLBController extends Controller {
  readonly name = 'service-lb-controller';
  protected readonly eventSource = 'service-controller';
  private readonly pool: string[];
  /** Addresses handed out and not yet seen back through the informer (two syncs in a row must not share one). */
  private readonly assigned = new Map<string, string>();

  constructor(ctx: ControllerContext, ranges: string[]) {
    super(ctx);
    this.pool = expandPool(ranges);
  }

  protected register(): void {
    this.informers.on('services', {
      add: (s) => this.enqueue(s),
      update: (_o, s) => this.enqueue(s),
      delete: (s) => this.assigned.delete(`${s.metadata.namespace}/${s.metadata.name}`),
    });
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const svc = this.informers.get('services').getByName(ns, name);
    if (!svc) return;
    const ingress: Obj[] = svc.status?.loadBalancer?.ingress ?? [];
    if (svc.spec?.type !== 'LoadBalancer') {
      // no longer a LoadBalancer: the balancer goes, and its address with it
      if (ingress.length) this.client.update('services', ns, { ...structuredClone(svc), status: { loadBalancer: {} } }, 'status');
      this.assigned.delete(key);
      return;
    }
    if (ingress.length) return;
    const used = new Set(this.informers.list('services').flatMap((s) => (s.status?.loadBalancer?.ingress ?? []).map((i: Obj) => i.ip)));
    for (const [k, a] of this.assigned) if (k !== key) used.add(a);
    const ip = this.pool.find((a) => !used.has(a));
    this.recorder.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    if (!ip) {
      this.recorder.event(svc, 'Warning', 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: no available IPs in the address pool');
      return { requeueAfterMs: 30_000 };
    }
    this.assigned.set(key, ip);
    this.client.update('services', ns, { ...structuredClone(svc), status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } }, 'status');
    this.recorder.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  }
}
