/**
 * kube-proxy's iptables mode: the nat and filter rules upstream's syncProxyRules writes for a set
 * of service ports, kept as structured rules so that the same rules are both printed (as
 * `iptables-save` prints them) and evaluated to route a connection.
 */
import { chainHash } from './sha256';
import { usableEndpoints, type ServicePort } from './model';

export interface Rule {
  chain: string;
  /** `-s` (with `!` when negated) */
  src?: string;
  notSrc?: boolean;
  dst?: string;
  proto?: 'tcp' | 'udp' | 'sctp';
  comment?: string;
  /** `-m addrtype --dst-type LOCAL` / `--src-type LOCAL` */
  addrtype?: 'dst' | 'src';
  /** `-m tcp` (proto match) with an optional `--dport` */
  protoMatch?: boolean;
  dport?: number;
  /** `-m nfacct --nfacct-name …` */
  nfacct?: string;
  /** `-m statistic --mode random --probability`: the kernel's fixed-point value (of 2^31). */
  probability?: number;
  /** `-m conntrack --ctstate NEW` (before the comment) */
  ctNew?: boolean;
  /** `-m mark ! --mark 0x4000/0x4000` */
  notMark?: boolean;
  target?: string;
  /** target options as printed, e.g. `--to-destination 10.244.1.3:80` */
  targetArgs?: string;
}

export interface Tables {
  nat: Rule[];
  filter: Rule[];
  /** User chains declared in each table (builtins excluded). */
  natChains: Set<string>;
  filterChains: Set<string>;
}

export const MASQ_MARK = '0x4000';

export const svcChain = (spName: string, proto: string) => `KUBE-SVC-${chainHash(spName + proto.toLowerCase())}`;
export const extChain = (spName: string, proto: string) => `KUBE-EXT-${chainHash(spName + proto.toLowerCase())}`;
export const sepChain = (spName: string, proto: string, endpoint: string) => `KUBE-SEP-${chainHash(spName + proto.toLowerCase() + endpoint)}`;

/** kube-proxy writes `%0.10f`; the kernel keeps round(p·2^31). */
export function kernelProbability(p: number): number {
  return Math.round(Number(p.toFixed(10)) * 0x80000000);
}

/** The rules for one node (iptables mode). `clusterCIDR` drives the masquerade rule, as `--cluster-cidr` does. */
export function buildTables(ports: ServicePort[], clusterCIDR: string): Tables {
  const nat: Rule[] = [];
  const filter: Rule[] = [];
  const natChains = new Set(['KUBE-KUBELET-CANARY', 'KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-PROXY-CANARY', 'KUBE-SERVICES']);
  const filterChains = new Set(['KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-KUBELET-CANARY', 'KUBE-NODEPORTS', 'KUBE-PROXY-CANARY', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES']);
  // jumps from the builtin chains
  nat.push({ chain: 'PREROUTING', comment: 'kubernetes service portals', target: 'KUBE-SERVICES' });
  nat.push({ chain: 'OUTPUT', comment: 'kubernetes service portals', target: 'KUBE-SERVICES' });
  nat.push({ chain: 'POSTROUTING', comment: 'kubernetes postrouting rules', target: 'KUBE-POSTROUTING' });
  nat.push({ chain: 'KUBE-MARK-MASQ', target: 'MARK', targetArgs: `--set-xmark ${MASQ_MARK}/${MASQ_MARK}` });
  nat.push({ chain: 'KUBE-POSTROUTING', notMark: true, target: 'RETURN' });
  nat.push({ chain: 'KUBE-POSTROUTING', target: 'MARK', targetArgs: `--set-xmark ${MASQ_MARK}/0x0` });
  nat.push({ chain: 'KUBE-POSTROUTING', comment: 'kubernetes service traffic requiring SNAT', target: 'MASQUERADE', targetArgs: '--random-fully' });
  filter.push({ chain: 'INPUT', comment: 'kubernetes health check service ports', target: 'KUBE-NODEPORTS' });
  filter.push({ chain: 'INPUT', ctNew: true, comment: 'kubernetes externally-visible service portals', target: 'KUBE-EXTERNAL-SERVICES' });
  filter.push({ chain: 'INPUT', target: 'KUBE-FIREWALL' });
  filter.push({ chain: 'FORWARD', comment: 'kubernetes forwarding rules', target: 'KUBE-FORWARD' });
  filter.push({ chain: 'FORWARD', ctNew: true, comment: 'kubernetes service portals', target: 'KUBE-SERVICES' });
  filter.push({ chain: 'FORWARD', ctNew: true, comment: 'kubernetes externally-visible service portals', target: 'KUBE-EXTERNAL-SERVICES' });
  filter.push({ chain: 'OUTPUT', ctNew: true, comment: 'kubernetes service portals', target: 'KUBE-SERVICES' });
  filter.push({ chain: 'OUTPUT', target: 'KUBE-FIREWALL' });
  filter.push({ chain: 'KUBE-FORWARD', target: 'DROP', targetArgs: undefined, comment: undefined, nfacct: 'ct_state_invalid_dropped_pkts' });
  filter.push({ chain: 'KUBE-FORWARD', comment: 'kubernetes forwarding rules', target: 'ACCEPT' });
  filter.push({ chain: 'KUBE-FORWARD', comment: 'kubernetes forwarding conntrack rule', target: 'ACCEPT' });
  filter.push({ chain: 'KUBE-FIREWALL', dst: '127.0.0.0/8', notSrc: true, src: '127.0.0.0/8', comment: 'block incoming localnet connections', target: 'DROP' });

  const services: Rule[] = [];
  const nodeports: Rule[] = [];
  const perChain: Rule[] = [];
  for (const sp of ports) {
    const proto = sp.protocol.toLowerCase() as Rule['proto'];
    const eps = usableEndpoints(sp);
    const svc = svcChain(sp.name, proto!);
    const ext = extChain(sp.name, proto!);
    const has = eps.length > 0;
    if (has) {
      natChains.add(svc);
      services.push({ chain: 'KUBE-SERVICES', dst: `${sp.clusterIP}/32`, proto, comment: `${sp.name} cluster IP`, protoMatch: true, dport: sp.port, target: svc });
      perChain.push({ chain: svc, notSrc: true, src: clusterCIDR, dst: `${sp.clusterIP}/32`, proto, comment: `${sp.name} cluster IP`, protoMatch: true, dport: sp.port, target: 'KUBE-MARK-MASQ' });
      eps.forEach((e, i) => {
        const ep = `${e.ip}:${e.port}`;
        const sep = sepChain(sp.name, proto!, ep);
        natChains.add(sep);
        const n = eps.length;
        perChain.push({ chain: svc, comment: `${sp.name} -> ${ep}`, probability: i < n - 1 ? kernelProbability(1 / (n - i)) : undefined, target: sep });
        perChain.push({ chain: sep, src: `${e.ip}/32`, comment: sp.name, target: 'KUBE-MARK-MASQ' });
        perChain.push({ chain: sep, proto, comment: sp.name, protoMatch: true, target: 'DNAT', targetArgs: `--to-destination ${ep}` });
      });
    } else {
      filter.push({ chain: 'KUBE-SERVICES', dst: `${sp.clusterIP}/32`, proto, comment: `${sp.name} has no endpoints`, protoMatch: true, dport: sp.port, target: 'REJECT', targetArgs: '--reject-with icmp-port-unreachable' });
    }
    for (const ip of sp.externalIPs) {
      if (has) {
        natChains.add(ext);
        services.push({ chain: 'KUBE-SERVICES', dst: `${ip}/32`, proto, comment: `${sp.name} external IP`, protoMatch: true, dport: sp.port, target: ext });
      } else filter.push({ chain: 'KUBE-EXTERNAL-SERVICES', dst: `${ip}/32`, proto, comment: `${sp.name} has no endpoints`, protoMatch: true, dport: sp.port, target: 'REJECT', targetArgs: '--reject-with icmp-port-unreachable' });
    }
    for (const ip of sp.loadBalancerIPs) {
      if (has) {
        natChains.add(ext);
        services.push({ chain: 'KUBE-SERVICES', dst: `${ip}/32`, proto, comment: `${sp.name} loadbalancer IP`, protoMatch: true, dport: sp.port, target: ext });
      } else filter.push({ chain: 'KUBE-EXTERNAL-SERVICES', dst: `${ip}/32`, proto, comment: `${sp.name} has no endpoints`, protoMatch: true, dport: sp.port, target: 'REJECT', targetArgs: '--reject-with icmp-port-unreachable' });
    }
    if (sp.nodePort) {
      if (has) {
        natChains.add(ext);
        nodeports.push({ chain: 'KUBE-NODEPORTS', dst: '127.0.0.0/8', proto, comment: sp.name, protoMatch: true, dport: sp.nodePort, nfacct: 'localhost_nps_accepted_pkts', target: ext });
        nodeports.push({ chain: 'KUBE-NODEPORTS', proto, comment: sp.name, protoMatch: true, dport: sp.nodePort, target: ext });
      } else {
        filter.push({ chain: 'KUBE-EXTERNAL-SERVICES', proto, comment: `${sp.name} has no endpoints`, addrtype: 'dst', protoMatch: true, dport: sp.nodePort, target: 'REJECT', targetArgs: '--reject-with icmp-port-unreachable' });
      }
    }
    if (has && (sp.nodePort || sp.externalIPs.length || sp.loadBalancerIPs.length)) {
      perChain.push({ chain: ext, comment: `masquerade traffic for ${sp.name} external destinations`, target: 'KUBE-MARK-MASQ' });
      perChain.push({ chain: ext, target: svc });
    }
  }
  nat.push(...nodeports, ...services);
  nat.push({ chain: 'KUBE-SERVICES', comment: 'kubernetes service nodeports; NOTE: this must be the last rule in this chain', addrtype: 'dst', target: 'KUBE-NODEPORTS' });
  nat.push(...perChain);
  return { nat, filter, natChains, filterChains };
}

// ---------------------------------------------------------------------------------------------
// iptables-save

const BUILTIN: Record<string, string[]> = {
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** One rule as iptables-save prints it (its canonical option order). */
export function renderRule(r: Rule): string {
  const parts = [`-A ${r.chain}`];
  if (r.src) parts.push(`${r.notSrc ? '! ' : ''}-s ${r.src}`);
  if (r.dst) parts.push(`-d ${r.dst}`);
  if (r.proto) parts.push(`-p ${r.proto}`);
  if (r.chain === 'KUBE-FORWARD' && r.nfacct) parts.push('-m conntrack --ctstate INVALID');
  if (r.ctNew) parts.push('-m conntrack --ctstate NEW');
  if (r.comment) parts.push(`-m comment --comment ${quote(r.comment)}`);
  if (r.chain === 'KUBE-FIREWALL') parts.push('-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT');
  if (r.chain === 'KUBE-FORWARD' && r.comment === 'kubernetes forwarding rules') parts.push(`-m mark --mark ${MASQ_MARK}/${MASQ_MARK}`);
  if (r.chain === 'KUBE-FORWARD' && r.comment === 'kubernetes forwarding conntrack rule') parts.push('-m conntrack --ctstate RELATED,ESTABLISHED');
  if (r.addrtype) parts.push(`-m addrtype --${r.addrtype}-type LOCAL`);
  if (r.protoMatch && r.proto) parts.push(`-m ${r.proto}${r.dport !== undefined ? ` --dport ${r.dport}` : ''}`);
  if (r.nfacct) parts.push(`-m nfacct --nfacct-name  ${r.nfacct}`);
  if (r.notMark) parts.push(`-m mark ! --mark ${MASQ_MARK}/${MASQ_MARK}`);
  if (r.probability !== undefined) parts.push(`-m statistic --mode random --probability ${(r.probability / 0x80000000).toFixed(11)}`);
  if (r.target) parts.push(`-j ${r.target}${r.targetArgs ? ` ${r.targetArgs}` : ''}`);
  return parts.join(' ');
}

/** iptables quotes a comment when it has spaces or quotes … and iptables-save quotes them all. */
function quote(s: string): string {
  return `"${s.replace(/(["\\])/g, '\\$1')}"`;
}

/** ctime(3): `Mon Jan  5 08:10:00 2026`. */
export function ctime(ms: number): string {
  const d = new Date(ms);
  const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${DAY[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export const IPTABLES_VERSION = 'v1.8.10 (nf_tables)';

/** `iptables-save -t <table>`: builtin chains, user chains in name order, rules grouped by chain. */
export function saveTable(table: 'nat' | 'filter', rules: Rule[], chains: Set<string>, nowMs: number): string {
  const builtins = BUILTIN[table];
  const user = [...chains].sort();
  const lines = [`# Generated by iptables-save ${IPTABLES_VERSION} on ${ctime(nowMs)}`, `*${table}`];
  for (const b of builtins) lines.push(`:${b} ACCEPT [0:0]`);
  for (const c of user) lines.push(`:${c} - [0:0]`);
  for (const c of [...builtins, ...user]) for (const r of rules) if (r.chain === c) lines.push(renderRule(r));
  lines.push('COMMIT', `# Completed on ${ctime(nowMs)}`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// evaluation: a connection's first packet walks the nat chains (then the filter chains)

export interface Packet {
  src: string;
  dst: string;
  dport: number;
  proto: 'tcp' | 'udp';
  /** dst is one of this node's own addresses (addrtype LOCAL). */
  dstLocal: boolean;
  /** The packet comes from the node itself (OUTPUT) rather than a pod (PREROUTING). */
  fromHost: boolean;
}

export type Verdict =
  | { kind: 'dnat'; ip: string; port: number; masquerade: boolean; chains: string[] }
  | { kind: 'reject'; chains: string[] }
  | { kind: 'accept'; chains: string[] };

/** Walk the chains from PREROUTING/OUTPUT; `random()` draws the statistic match (uniform in [0,1)). */
export function evaluate(t: Tables, pkt: Packet, random: () => number): Verdict {
  const chains: string[] = [];
  let mark = false;
  const walk = (rules: Rule[], chain: string, depth: number): { ip: string; port: number } | 'reject' | undefined => {
    if (depth > 16) return undefined;
    chains.push(chain);
    for (const r of rules) {
      if (r.chain !== chain) continue;
      if (!matches(r, pkt, mark)) continue;
      if (r.probability !== undefined && Math.floor(random() * 0x80000000) >= r.probability) continue;
      switch (r.target) {
        case 'KUBE-MARK-MASQ':
          mark = true;
          chains.push('KUBE-MARK-MASQ');
          continue;
        case 'DNAT': {
          const m = /--to-destination (\S+):(\d+)/.exec(r.targetArgs ?? '')!;
          return { ip: m[1], port: Number(m[2]) };
        }
        case 'REJECT':
          return 'reject';
        case 'DROP':
          return 'reject';
        case 'ACCEPT':
        case 'RETURN':
          return undefined;
        case undefined:
          continue;
        default: {
          if (!r.target.startsWith('KUBE-')) continue;
          const v = walk(rules, r.target, depth + 1);
          if (v) return v;
        }
      }
    }
    return undefined;
  };
  // filter first for REJECTs of services without endpoints (the nat table has nothing for them)
  const entry = pkt.fromHost ? 'OUTPUT' : 'PREROUTING';
  const n = walk(t.nat, entry, 0);
  if (n && n !== 'reject') return { kind: 'dnat', ip: n.ip, port: n.port, masquerade: mark, chains };
  const f = walk(t.filter, pkt.fromHost ? 'OUTPUT' : 'FORWARD', 0) ?? (pkt.dstLocal ? walk(t.filter, 'INPUT', 0) : undefined);
  if (f === 'reject') return { kind: 'reject', chains };
  return { kind: 'accept', chains };
}

function matches(r: Rule, p: Packet, mark: boolean): boolean {
  if (r.chain === 'KUBE-FIREWALL' || r.chain === 'KUBE-FORWARD' || r.nfacct === 'ct_state_invalid_dropped_pkts') return false;
  if (r.src && inCidr(p.src, r.src) === !!r.notSrc) return false;
  if (r.dst && !inCidr(p.dst, r.dst)) return false;
  if (r.proto && r.proto !== p.proto) return false;
  if (r.dport !== undefined && r.dport !== p.dport) return false;
  if (r.addrtype === 'dst' && !p.dstLocal) return false;
  if (r.addrtype === 'src' && !p.fromHost) return false;
  if (r.notMark && mark) return false;
  return true;
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsS] = cidr.split('/');
  const bits = bitsS === undefined ? 32 : Number(bitsS);
  const toInt = (s: string) => s.split('.').reduce((a, o) => a * 256 + Number(o), 0) >>> 0;
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : (~((1 << (32 - bits)) - 1)) >>> 0;
  return ((toInt(ip) & mask) >>> 0) === ((toInt(base) & mask) >>> 0);
}
