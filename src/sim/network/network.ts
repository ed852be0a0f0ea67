/**
 * The packet path: a connection from a pod (or a node) to an address. Service addresses are
 * translated by evaluating the kube-proxy rules of the node the packet is on (ClusterIP: the
 * sender's node; NodePort: the node that owns the address); then the address's owner — a pod's
 * network namespace — answers with the app its container runs, or refuses.
 */
import { inCidr } from '../proxy/iptables';
import type { RRType, DnsAnswer } from '../dns/coredns';
import { appFor, type App, type AppContext } from './apps/index';
import { httpDate, nginxErrorPage, response, timeLocal, header, bytes, requestLine } from './apps/http';
import type { ConnectError, ContainerView, HttpRequest, HttpResponse, NetworkHost, NodeInfo, Origin, PodView } from './types';

export interface Hop {
  /** What happened, for traces and teaching (`node01: KUBE-SERVICES → KUBE-SVC-… → DNAT 10.244.1.3:80`). */
  text: string;
}

export type Connection =
  | { ok: true; pod: PodView; container: ContainerView; app: App; ip: string; port: number; clientIP: string; hops: Hop[] }
  | { ok: false; error: ConnectError; hops: Hop[]; ms: number };

const ipInt = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0) >>> 0;
const intIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** Connect timeouts in virtual ms: TCP SYN retries give up after ~2 min; tools cap it sooner. */
export const CONNECT_TIMEOUT_MS = 130_000;
export const NO_ROUTE_MS = 3_000;

export class Network {
  constructor(readonly host: NetworkHost) {}

  nodeByName(name: string): NodeInfo | undefined {
    return this.host.nodes.find((n) => n.name === name);
  }

  nodeByIP(ip: string): NodeInfo | undefined {
    return this.host.nodes.find((n) => n.ip === ip);
  }

  /** The address a node uses toward a pod: cni0 (.1) for its own pods, flannel.1 (.0) for others'. */
  private nodeSourceToward(node: NodeInfo, podIP: string): string {
    const base = ipInt(node.podCIDR.split('/')[0]);
    return inCidr(podIP, node.podCIDR) ? intIp(base + 1) : intIp(base);
  }

  /** Open a connection (the first packet's path). */
  connect(origin: Origin, dst: string, port: number, proto: 'tcp' | 'udp' = 'tcp'): Connection {
    const hops: Hop[] = [];
    const fail = (error: ConnectError, ms = 0): Connection => ({ ok: false, error, hops, ms });
    const src = this.nodeByName(origin.node);
    if (!src) return fail('unreachable', NO_ROUTE_MS);
    let ip = dst;
    let dport = port;
    let masq = false;
    let natNode: NodeInfo | undefined;
    const loopback = dst.startsWith('127.') || dst === 'localhost';
    if (loopback && !origin.host) {
      ip = origin.ip;
    } else {
      const ownAddr = dst === src.ip || loopback;
      const apply = (node: NodeInfo, dstLocal: boolean, fromHost: boolean): 'done' | 'reject' | 'none' => {
        const proxy = this.host.proxy(node.name);
        if (!proxy) return 'none';
        const v = proxy.route({ src: origin.ip, dst: loopback ? '127.0.0.1' : dst, dport: port, proto, dstLocal, fromHost });
        if (v.kind === 'dnat') {
          hops.push({ text: `${node.name}: ${v.chains.join(' → ')} → DNAT ${v.ip}:${v.port}` });
          ip = v.ip;
          dport = v.port;
          masq = v.masquerade;
          natNode = node;
          return 'done';
        }
        if (v.kind === 'reject') {
          hops.push({ text: `${node.name}: ${v.chains.join(' → ')} → REJECT` });
          return 'reject';
        }
        return 'none';
      };
      let r = apply(src, ownAddr, origin.host);
      if (r === 'reject') return fail('refused');
      if (r === 'none') {
        const other = this.nodeByIP(dst);
        if (other && other.name !== src.name) {
          r = apply(other, true, false);
          if (r === 'reject') return fail('refused');
          if (r === 'done') masq = true;
        }
      }
      if (r === 'none' && loopback) ip = src.ip;
    }
    // the source address the server sees
    let clientIP = origin.ip;
    if (masq && natNode) clientIP = this.nodeSourceToward(natNode, ip);
    else if (origin.host && inCidr(ip, this.host.clusterCIDR)) clientIP = this.nodeSourceToward(src, ip);
    // deliver
    const pods = this.host.podsByIP(ip);
    if (!pods.length) {
      if (this.nodeByIP(ip)) {
        hops.push({ text: `${ip}:${dport}: nothing listens on the node` });
        return fail('refused');
      }
      if (inCidr(ip, this.host.clusterCIDR)) return fail('unreachable', NO_ROUTE_MS);
      return fail('timeout', CONNECT_TIMEOUT_MS);
    }
    for (const pod of pods) {
      for (const c of pod.containers) {
        if (!c.running) continue;
        const app = appFor(c);
        if (!app) continue;
        const ports = proto === 'tcp' ? app.tcpPorts : app.udpPorts;
        if (!ports.includes(dport)) continue;
        hops.push({ text: `${ip}:${dport} → pod ${pod.namespace}/${pod.name} container ${c.name}` });
        return { ok: true, pod, container: c, app, ip, port: dport, clientIP, hops };
      }
    }
    hops.push({ text: `${ip}:${dport}: pod ${pods[0].namespace}/${pods[0].name} has nothing listening` });
    // UDP to a closed port: ICMP port unreachable, reported like a refusal
    return fail('refused');
  }

  private appContext(conn: Extract<Connection, { ok: true }>): AppContext {
    return {
      pod: conn.pod,
      container: conn.container,
      now: () => this.host.now(),
      forward: (ip, port, req) => {
        const origin: Origin = { node: conn.pod.nodeName, ip: conn.pod.ip, host: conn.pod.hostNetwork };
        const r = this.http(origin, ip, port, { ...req, tls: false });
        return 'error' in r ? { error: r.error } : r;
      },
    };
  }

  /** One HTTP exchange. */
  http(origin: Origin, dst: string, port: number, req: Omit<HttpRequest, 'clientIP' | 'serverIP' | 'serverPort'>): HttpResponse | { error: ConnectError | 'tls'; ms: number } {
    const conn = this.connect(origin, dst, port, 'tcp');
    if (!conn.ok) return { error: conn.error, ms: conn.ms };
    const full: HttpRequest = { ...req, clientIP: conn.clientIP, serverIP: conn.ip, serverPort: conn.port };
    const tlsServer = (conn.app.tlsPorts ?? []).includes(conn.port);
    if (req.tls && !tlsServer) return { error: 'tls', ms: 0 };
    const ctx = this.appContext(conn);
    if (conn.container.app === 'ingress-nginx' && (conn.port === 80 || conn.port === 443)) return this.ingress(full, ctx);
    if (!conn.app.http) return { error: 'refused', ms: 0 };
    return conn.app.http(full, ctx);
  }

  /** A line protocol exchange over TCP (redis-cli). */
  line(origin: Origin, dst: string, port: number, input: string): string | { error: ConnectError; ms: number } {
    const conn = this.connect(origin, dst, port, 'tcp');
    if (!conn.ok) return { error: conn.error, ms: conn.ms };
    if (!conn.app.line) return '';
    return conn.app.line(input, this.appContext(conn));
  }

  /** Does an ICMP echo get a reply? Pods and nodes answer; service IPs are only DNAT rules for TCP/UDP ports. */
  ping(origin: Origin, dst: string): boolean {
    if (dst.startsWith('127.') || dst === origin.ip) return true;
    if (this.nodeByIP(dst)) return true;
    return this.host.podsByIP(dst).length > 0;
  }

  /** A DNS question to a nameserver address (UDP 53): 'timeout' when no server answers. */
  dns(origin: Origin, server: string, name: string, type: RRType): DnsAnswer | 'timeout' {
    const conn = this.connect(origin, server, 53, 'udp');
    if (!conn.ok || !conn.app.dns) return 'timeout';
    return this.host.dns.query(name, type);
  }

  /** ingress-nginx: the controller's routing table picks the upstream pod; else its default backend 404. */
  private ingress(req: HttpRequest, ctx: AppContext): HttpResponse {
    const host = (header(req, 'Host') ?? req.host).split(':')[0];
    const r = this.host.ingress?.route(host, req.path.split('?')[0]) ?? { defaultBackend404: true as const };
    const base: [string, string][] = [['Date', httpDate(this.host.now())], ['Content-Type', 'text/html'], ['Connection', 'keep-alive']];
    const log = (status: number, size: number, upstream: string, proxyName: string) =>
      ctx.container.log(`${req.clientIP} - - [${timeLocal(this.host.now())}] "${requestLine(req)}" ${status} ${size} "${header(req, 'Referer') ?? '-'}" "${header(req, 'User-Agent') ?? '-'}" ${80 + bytes(req.path)} 0.001 [${proxyName}] [] ${upstream} ${size} 0.001 ${status} ${this.requestId()}`);
    if ('defaultBackend404' in r) {
      const res = response(404, nginxErrorPage(404, 'nginx'), base);
      log(404, bytes(res.body), '-', '-');
      return res;
    }
    if ('noEndpoints' in r) {
      const res = response(503, nginxErrorPage(503, 'nginx'), base);
      log(503, bytes(res.body), '-', r.service);
      return res;
    }
    const fwd = ctx.forward!(r.ip, r.port, { ...req, headers: [...req.headers.filter(([k]) => k.toLowerCase() !== 'x-forwarded-for'), ['X-Forwarded-For', req.clientIP], ['X-Real-IP', req.clientIP], ['X-Forwarded-Host', host], ['X-Forwarded-Port', String(req.serverPort)], ['X-Forwarded-Proto', 'http'], ['X-Scheme', 'http']] });
    const proxyName = `${r.service.replace('/', '-')}-${r.servicePort}`;
    if ('error' in fwd) {
      const res = response(502, nginxErrorPage(502, 'nginx'), base);
      log(502, bytes(res.body), `${r.ip}:${r.port}`, proxyName);
      return res;
    }
    log(fwd.status, bytes(fwd.body), `${r.ip}:${r.port}`, proxyName);
    return fwd;
  }

  private reqSeq = 0;
  private requestId(): string {
    this.reqSeq++;
    let h = 0x811c9dc5 ^ this.reqSeq;
    let out = '';
    for (let i = 0; i < 4; i++) {
      h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
      out += h.toString(16).padStart(8, '0');
    }
    return out;
  }
}
