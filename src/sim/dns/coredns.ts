/**
 * CoreDNS's kubernetes plugin: records for Services (A, SRV, PTR), headless services (one A per
 * ready endpoint, `<hostname>.<svc>…`), pods (`10-244-1-5.<ns>.pod.cluster.local`) and
 * ExternalName CNAMEs. It reads Services, EndpointSlices, Pods and its Corefile (the `coredns`
 * ConfigMap) through informers over its own client; the answers are its own output.
 * Whether a query reaches it at all is the network's business (a CoreDNS pod must be running).
 */
import type { Client, Obj } from '../client/types';
import { Informer } from '../client/informer';
import type { Component } from '../cluster/component';
import { parseCorefile, type CoreConfig } from './corefile';

export type RRType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT' | 'ANY';

export interface RR {
  /** Fully qualified, with the trailing dot. */
  name: string;
  type: 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'SOA';
  ttl: number;
  /** A: address; PTR/CNAME: target with trailing dot; SRV: `prio weight port target.`; SOA: the SOA text */
  data: string;
}

export interface DnsAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  answers: RR[];
  /** Authority SOA for negative answers. */
  authority: RR[];
}

const IPV4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/;

export class CoreDNS implements Component {
  readonly name = 'coredns';
  running = false;
  private services?: Informer;
  private slices?: Informer;
  private pods?: Informer;
  private configmaps?: Informer;
  private cfg: CoreConfig = parseCorefile(undefined);

  constructor(private readonly client: Client) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.services = new Informer(this.client, 'services');
    this.slices = new Informer(this.client, 'endpointslices');
    this.pods = new Informer(this.client, 'pods');
    this.configmaps = new Informer(this.client, 'configmaps', 'kube-system', { fieldSelector: 'metadata.name=coredns' });
    for (const i of [this.services, this.slices, this.pods, this.configmaps]) i.start();
  }

  stop(): void {
    this.running = false;
    for (const i of [this.services, this.slices, this.pods, this.configmaps]) i?.stop();
  }

  /** The configuration the servers run (the Corefile from the ConfigMap). */
  config(): CoreConfig {
    const cm = this.configmaps?.getByName('kube-system', 'coredns');
    const text = cm?.data?.Corefile;
    this.cfg = text ? parseCorefile(text) : { ...parseCorefile(undefined), pods: 'insecure', ttl: 30, ok: true };
    return this.cfg;
  }

  private soa(zone: string): RR {
    const ttl = this.cfg.ttl;
    return { name: `${zone}.`, type: 'SOA', ttl, data: `ns.dns.${zone}. hostmaster.${zone}. 1767600000 7200 1800 86400 ${ttl}` };
  }

  /** Answer one question, as a CoreDNS pod would. */
  query(qname: string, qtype: RRType): DnsAnswer {
    const cfg = this.config();
    const name = qname.toLowerCase().replace(/\.$/, '');
    const zone = cfg.zone;
    const ttl = cfg.ttl;
    const fq = (n: string) => `${n}.`;
    const nx = (z: string): DnsAnswer => ({ rcode: 'NXDOMAIN', answers: [], authority: [this.soa(z)] });
    const ok = (answers: RR[], z: string): DnsAnswer => ({ rcode: 'NOERROR', answers, authority: answers.length ? [] : [this.soa(z)] });
    for (const h of cfg.hosts) if (h.names.includes(name)) return ok(qtype === 'A' || qtype === 'ANY' ? [{ name: fq(name), type: 'A', ttl: 3600, data: h.ip }] : [], zone);

    // reverse lookups
    if (name.endsWith('.in-addr.arpa')) {
      const octets = name.slice(0, -'.in-addr.arpa'.length).split('.').reverse();
      const ip = octets.join('.');
      if (octets.length !== 4 || !IPV4.test(ip)) return nx('in-addr.arpa');
      const names = this.reverse(ip);
      if (!names.length) return nx('in-addr.arpa');
      return ok(qtype === 'PTR' || qtype === 'ANY' ? names.map((n) => ({ name: fq(name), type: 'PTR', ttl, data: fq(n) })) : [], 'in-addr.arpa');
    }
    if (name !== zone && !name.endsWith(`.${zone}`)) {
      // forward . /etc/resolv.conf: the simulated world has no upstream answers
      return { rcode: 'NXDOMAIN', answers: [], authority: [] };
    }
    const labels = name.slice(0, name.length - zone.length).replace(/\.$/, '').split('.').filter(Boolean);
    if (labels.length === 0) return ok([], zone);
    const kind = labels[labels.length - 1];
    if (kind === 'pod') {
      // <a-b-c-d>.<ns>.pod.<zone>
      if (labels.length !== 3 || cfg.pods === 'disabled') return nx(zone);
      const ip = labels[0].replace(/-/g, '.');
      if (!IPV4.test(ip)) return nx(zone);
      if (!this.namespaceExists(labels[1])) return nx(zone);
      if (cfg.pods === 'verified' && !this.pods!.list((p) => p.metadata.namespace === labels[1] && p.status?.podIP === ip).length) return nx(zone);
      return ok(qtype === 'A' || qtype === 'ANY' ? [{ name: fq(name), type: 'A', ttl, data: ip }] : [], zone);
    }
    if (kind !== 'svc') return nx(zone);
    const rest = labels.slice(0, -1);
    if (rest.length === 1) return this.namespaceExists(rest[0]) ? ok([], zone) : nx(zone);
    // _port._proto.svc.ns.svc.zone (SRV)
    if (rest.length === 4 && rest[0].startsWith('_') && rest[1].startsWith('_')) {
      const [portL, protoL, svcName, ns] = rest;
      const svc = this.services!.getByName(ns, svcName);
      if (!svc) return nx(zone);
      const port = (svc.spec?.ports ?? []).find((p: Obj) => `_${p.name ?? ''}` === portL && `_${(p.protocol ?? 'TCP').toLowerCase()}` === protoL);
      if (!port) return nx(zone);
      if (qtype !== 'SRV' && qtype !== 'ANY') return ok([], zone);
      return ok(this.srvFor(svc, port.name ?? '', port.protocol ?? 'TCP', name, ttl), zone);
    }
    if (rest.length === 2) {
      const [svcName, ns] = rest;
      const svc = this.services!.getByName(ns, svcName);
      if (!svc) return nx(zone);
      const svcFqdn = `${svcName}.${ns}.svc.${zone}`;
      if (svc.spec?.type === 'ExternalName') {
        return ok([{ name: fq(name), type: 'CNAME', ttl, data: fq(String(svc.spec.externalName ?? '').replace(/\.$/, '')) }], zone);
      }
      if (qtype === 'SRV') {
        const out: RR[] = [];
        for (const p of svc.spec?.ports ?? []) if (p.name) out.push(...this.srvFor(svc, p.name, p.protocol ?? 'TCP', svcFqdn, ttl));
        return ok(out, zone);
      }
      if (qtype !== 'A' && qtype !== 'ANY') return ok([], zone);
      if (svc.spec?.clusterIP === 'None') return ok(this.headless(ns, svcName).map((e) => ({ name: fq(svcFqdn), type: 'A' as const, ttl, data: e.ip })), zone);
      return ok([{ name: fq(svcFqdn), type: 'A', ttl, data: svc.spec.clusterIP }], zone);
    }
    if (rest.length === 3) {
      // <endpoint>.<svc>.<ns>.svc.<zone>
      const [host, svcName, ns] = rest;
      const svc = this.services!.getByName(ns, svcName);
      if (!svc) return nx(zone);
      const hit = this.headless(ns, svcName).filter((e) => e.host === host);
      if (!hit.length) return nx(zone);
      return ok(qtype === 'A' || qtype === 'ANY' ? hit.map((e) => ({ name: fq(name), type: 'A' as const, ttl, data: e.ip })) : [], zone);
    }
    return nx(zone);
  }

  private namespaceExists(ns: string): boolean {
    // the plugin answers for namespaces it has seen objects in (it does not watch namespaces by default)
    return this.services!.list((s) => s.metadata.namespace === ns).length > 0 || this.pods!.list((p) => p.metadata.namespace === ns).length > 0;
  }

  /** Ready endpoints of a service: ip and the DNS label (hostname, else the dashed IP). */
  private headless(ns: string, svc: string): { ip: string; host: string }[] {
    const out: { ip: string; host: string }[] = [];
    const seen = new Set<string>();
    for (const es of this.slices!.list((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc)) {
      for (const e of es.endpoints ?? []) {
        if (e.conditions?.ready === false) continue;
        for (const ip of e.addresses ?? []) {
          if (seen.has(ip)) continue;
          seen.add(ip);
          out.push({ ip, host: e.hostname ?? ip.replace(/\./g, '-') });
        }
      }
    }
    return out;
  }

  private srvFor(svc: Obj, portName: string, proto: string, qname: string, ttl: number): RR[] {
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const zone = this.cfg.zone;
    const svcFqdn = `${name}.${ns}.svc.${zone}`;
    const port = (svc.spec.ports ?? []).find((p: Obj) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === proto);
    if (svc.spec.clusterIP !== 'None') return [{ name: `${qname}.`, type: 'SRV', ttl, data: `0 100 ${port.port} ${svcFqdn}.` }];
    const eps = this.headless(ns, name);
    const weight = eps.length ? Math.floor(100 / eps.length) : 100;
    const targetPort = this.endpointPort(ns, name, portName, proto) ?? port.port;
    return eps.map((e) => ({ name: `${qname}.`, type: 'SRV' as const, ttl, data: `0 ${weight} ${targetPort} ${e.host}.${svcFqdn}.` }));
  }

  private endpointPort(ns: string, svc: string, portName: string, proto: string): number | undefined {
    for (const es of this.slices!.list((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc)) {
      const p = (es.ports ?? []).find((x: Obj) => (x.name ?? '') === portName && (x.protocol ?? 'TCP') === proto);
      if (p?.port) return p.port;
    }
    return undefined;
  }

  /** PTR names for an address: a service's cluster IP, or an endpoint of a service. */
  private reverse(ip: string): string[] {
    const zone = this.cfg.zone;
    const out: string[] = [];
    for (const s of this.services!.list()) {
      if ((s.spec?.clusterIPs ?? [s.spec?.clusterIP]).includes(ip) && s.spec?.clusterIP !== 'None') out.push(`${s.metadata.name}.${s.metadata.namespace}.svc.${zone}`);
    }
    if (out.length) return out;
    for (const es of this.slices!.list()) {
      const svc = es.metadata.labels?.['kubernetes.io/service-name'];
      if (!svc) continue;
      for (const e of es.endpoints ?? []) {
        if (!(e.addresses ?? []).includes(ip)) continue;
        out.push(`${e.hostname ?? ip.replace(/\./g, '-')}.${svc}.${es.metadata.namespace}.svc.${zone}`);
      }
    }
    return [...new Set(out)];
  }
}
