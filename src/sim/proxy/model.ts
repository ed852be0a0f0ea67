/**
 * What kube-proxy reads from the API, reduced to what its rules need (upstream's ServicePort and
 * Endpoint): one entry per service port, with the endpoints of its EndpointSlices.
 */
import type { Obj } from '../client/types';

export interface Endpoint {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
}

export interface ServicePort {
  /** `ns/name:port` (or `ns/name` for an unnamed port): upstream ServicePortName.String(). */
  name: string;
  namespace: string;
  service: string;
  portName: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  clusterIP: string;
  port: number;
  nodePort?: number;
  type: string;
  externalIPs: string[];
  /** status.loadBalancer.ingress IPs of a LoadBalancer Service (ipMode VIP: handled on the node). */
  loadBalancerIPs: string[];
  /** All endpoints for this port (ready or not); rules use the usable ones. */
  endpoints: Endpoint[];
}

/** Services + EndpointSlices → service ports (ExternalName and headless services get no rules). */
export function servicePorts(services: Obj[], slices: Obj[]): ServicePort[] {
  const bySvc = new Map<string, Obj[]>();
  for (const es of slices) {
    const svc = es.metadata.labels?.['kubernetes.io/service-name'];
    if (!svc || (es.addressType && es.addressType !== 'IPv4')) continue;
    const k = `${es.metadata.namespace}/${svc}`;
    if (!bySvc.has(k)) bySvc.set(k, []);
    bySvc.get(k)!.push(es);
  }
  const out: ServicePort[] = [];
  for (const s of services) {
    const spec = s.spec ?? {};
    if (spec.type === 'ExternalName' || !spec.clusterIP || spec.clusterIP === 'None') continue;
    const ns = s.metadata.namespace!;
    const name = s.metadata.name!;
    for (const p of spec.ports ?? []) {
      const portName: string = p.name ?? '';
      const protocol = (p.protocol ?? 'TCP') as ServicePort['protocol'];
      const eps: Endpoint[] = [];
      const seen = new Set<string>();
      for (const es of bySvc.get(`${ns}/${name}`) ?? []) {
        const ep = (es.ports ?? []).find((x: Obj) => (x.name ?? '') === portName && (x.protocol ?? 'TCP') === protocol);
        if (!ep || ep.port === undefined) continue;
        for (const e of es.endpoints ?? []) {
          const ip = e.addresses?.[0];
          if (!ip) continue;
          const key = `${ip}:${ep.port}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const c = e.conditions ?? {};
          eps.push({
            ip,
            port: ep.port,
            ready: c.ready !== false,
            serving: c.serving ?? c.ready !== false,
            terminating: c.terminating === true,
            nodeName: e.nodeName,
          });
        }
      }
      eps.sort((a, b) => cmpEndpoint(`${a.ip}:${a.port}`, `${b.ip}:${b.port}`));
      out.push({
        name: `${ns}/${name}${portName ? `:${portName}` : ''}`,
        namespace: ns,
        service: name,
        portName,
        protocol,
        clusterIP: spec.clusterIP,
        port: p.port,
        nodePort: spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? p.nodePort : undefined,
        type: spec.type ?? 'ClusterIP',
        externalIPs: spec.externalIPs ?? [],
        loadBalancerIPs: spec.type === 'LoadBalancer' ? (s.status?.loadBalancer?.ingress ?? []).filter((i: Obj) => i.ip && i.ipMode !== 'Proxy').map((i: Obj) => i.ip as string) : [],
        endpoints: eps,
      });
    }
  }
  out.sort((a, b) => (a.name + a.protocol < b.name + b.protocol ? -1 : a.name + a.protocol > b.name + b.protocol ? 1 : 0));
  return out;
}

/** The endpoints that get traffic: the ready ones, else the serving terminating ones (upstream's fallback). */
export function usableEndpoints(sp: ServicePort): Endpoint[] {
  const ready = sp.endpoints.filter((e) => e.ready);
  if (ready.length) return ready;
  return sp.endpoints.filter((e) => e.serving && e.terminating);
}

function cmpEndpoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
