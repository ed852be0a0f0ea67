/**
 * An ingress-nginx-like controller: watches Ingresses (of its class), Services and EndpointSlices
 * through its own client, keeps a routing table (host → paths → backend endpoints) and publishes
 * the addresses it serves on in each Ingress's status. The controller pods (Deployment
 * ingress-nginx-controller) are what the network reaches; they ask this table where to send a request.
 */
import type { Clock, TimerId } from '../core/clock';
import type { Client, Obj } from '../client/types';
import { Informer } from '../client/informer';
import type { Component } from '../cluster/component';

export const INGRESS_NS = 'ingress-nginx';
export const CONTROLLER_CLASS = 'k8s.io/ingress-nginx';

export interface Route {
  ingress: string;
  host: string;
  path: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  service: string;
  port: number | string;
}

export type RouteResult =
  | { ip: string; port: number; ingress: string; service: string; servicePort: string | number }
  | { defaultBackend404: true }
  | { noEndpoints: true; service: string };

export class IngressController implements Component {
  readonly name = 'ingress-nginx-controller';
  running = false;
  private ingresses?: Informer;
  private classes?: Informer;
  private services?: Informer;
  private slices?: Informer;
  private pods?: Informer;
  private readonly rr = new Map<string, number>();
  private timer?: TimerId;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly nodeIPs: Map<string, string>,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    const kick = { add: () => this.queueStatus(), update: () => this.queueStatus(), delete: () => this.queueStatus() };
    this.ingresses = new Informer(this.client, 'ingresses').on(kick);
    this.classes = new Informer(this.client, 'ingressclasses');
    this.services = new Informer(this.client, 'services');
    this.slices = new Informer(this.client, 'endpointslices');
    this.pods = new Informer(this.client, 'pods', INGRESS_NS, { labelSelector: 'app.kubernetes.io/component=controller' }).on(kick);
    for (const i of [this.ingresses, this.classes, this.services, this.slices, this.pods]) i.start();
  }

  stop(): void {
    this.running = false;
    for (const i of [this.ingresses, this.classes, this.services, this.slices, this.pods]) i?.stop();
    this.clock.cancel(this.timer);
    this.timer = undefined;
  }

  /** Is this Ingress ours (class nginx, or no class while nginx is the default class)? */
  private ours(ing: Obj): boolean {
    const cls = ing.spec?.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
    const mine = this.classes!.list((c) => c.spec?.controller === CONTROLLER_CLASS);
    if (cls) return mine.some((c) => c.metadata.name === cls);
    return mine.some((c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
  }

  /** The routing table, in nginx's order: per host, longest path first, Exact before Prefix. */
  routes(): Route[] {
    const out: Route[] = [];
    if (!this.ingresses) return out;
    for (const ing of this.ingresses.list((i) => this.ours(i))) {
      for (const rule of ing.spec?.rules ?? []) {
        for (const p of rule.http?.paths ?? []) {
          const svc = p.backend?.service;
          if (!svc) continue;
          out.push({
            ingress: `${ing.metadata.namespace}/${ing.metadata.name}`,
            host: rule.host ?? '',
            path: p.path ?? '/',
            pathType: p.pathType ?? 'ImplementationSpecific',
            service: `${ing.metadata.namespace}/${svc.name}`,
            port: svc.port?.number ?? svc.port?.name ?? 80,
          });
        }
      }
    }
    out.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : b.path.length - a.path.length || (a.pathType === 'Exact' ? -1 : b.pathType === 'Exact' ? 1 : 0)));
    return out;
  }

  /** Where a request for host+path goes. */
  route(host: string, path: string): RouteResult {
    const routes = this.routes();
    const hostMatch = (rh: string) => rh === host || (rh.startsWith('*.') && host.endsWith(rh.slice(1)) && host.split('.').length === rh.split('.').length);
    // nginx picks the server block by host first; host-less rules live in the default server
    const byHost = routes.filter((r) => r.host && hostMatch(r.host));
    const candidates = byHost.length ? byHost : routes.filter((r) => !r.host);
    const hit = candidates.find((r) => pathMatches(r, path));
    if (!hit) {
      const def = this.ingresses?.list((i) => this.ours(i) && i.spec?.defaultBackend?.service).find(() => true);
      if (!def) return { defaultBackend404: true };
      const b = def.spec.defaultBackend.service;
      return this.pick({ ingress: `${def.metadata.namespace}/${def.metadata.name}`, host: '', path: '/', pathType: 'Prefix', service: `${def.metadata.namespace}/${b.name}`, port: b.port?.number ?? b.port?.name ?? 80 });
    }
    return this.pick(hit);
  }

  /** The upstream: a ready endpoint of the backend service (round robin), as ingress-nginx balances. */
  private pick(r: Route): RouteResult {
    const [ns, name] = r.service.split('/');
    const svc = this.services!.getByName(ns, name);
    const sp = (svc?.spec?.ports ?? []).find((p: Obj) => p.port === r.port || p.name === r.port);
    if (!svc || !sp) return { noEndpoints: true, service: r.service };
    const eps: { ip: string; port: number }[] = [];
    for (const es of this.slices!.list((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === name)) {
      const port = (es.ports ?? []).find((p: Obj) => (p.name ?? '') === (sp.name ?? ''));
      if (!port) continue;
      for (const e of es.endpoints ?? []) if (e.conditions?.ready !== false && e.addresses?.[0]) eps.push({ ip: e.addresses[0], port: port.port });
    }
    if (!eps.length) return { noEndpoints: true, service: r.service };
    eps.sort((a, b) => (a.ip < b.ip ? -1 : 1));
    const k = `${r.service}:${r.port}`;
    const i = this.rr.get(k) ?? 0;
    this.rr.set(k, i + 1);
    const e = eps[i % eps.length];
    return { ...e, ingress: r.ingress, service: r.service, servicePort: r.port };
  }

  // ---------- status: the node addresses of the controller pods ----------

  private queueStatus(): void {
    if (!this.running || this.timer !== undefined) return;
    // ingress-nginx syncs status periodically (updateStatus every ~60s; first after its election)
    this.timer = this.clock.after(2000, () => {
      this.timer = undefined;
      if (this.running) this.syncStatus();
    });
  }

  private syncStatus(): void {
    const ips = [...new Set(this.pods!.list((p) => p.status?.phase === 'Running').map((p) => this.nodeIPs.get(p.spec?.nodeName ?? '')).filter((x): x is string => !!x))].sort();
    for (const ing of this.ingresses!.list((i) => this.ours(i))) {
      const want = ips.map((ip) => ({ ip }));
      const have = ing.status?.loadBalancer?.ingress ?? [];
      if (JSON.stringify(have) === JSON.stringify(want)) continue;
      try {
        this.client.update('ingresses', ing.metadata.namespace, { ...ing, status: { loadBalancer: want.length ? { ingress: want } : {} } }, 'status');
      } catch {
        // conflict: the next event retries
      }
    }
  }
}

/** Prefix: element-wise (`/foo` matches `/foo`, `/foo/`, `/foo/bar`, not `/foobar`); Exact: equal. */
export function pathMatches(r: Pick<Route, 'path' | 'pathType'>, path: string): boolean {
  if (r.pathType === 'Exact') return path === r.path;
  if (r.pathType === 'ImplementationSpecific') return path.startsWith(r.path);
  if (r.path === '/') return true;
  const p = r.path.replace(/\/+$/, '');
  return path === p || path.startsWith(p + '/');
}
