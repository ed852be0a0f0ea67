/** kube-proxy's IPVS mode: one virtual server per service address, real servers = ready endpoints. */
import { usableEndpoints, type ServicePort } from './model';

export interface VirtualServer {
  proto: 'TCP' | 'UDP' | 'SCTP';
  ip: string;
  port: number;
  scheduler: 'rr';
  reals: { ip: string; port: number }[];
}

const ipNum = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0) >>> 0;
const PROTO_NUM: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132 };

export function buildIPVS(ports: ServicePort[], nodeIPs: string[]): VirtualServer[] {
  const out: VirtualServer[] = [];
  for (const sp of ports) {
    const reals = usableEndpoints(sp).map((e) => ({ ip: e.ip, port: e.port }));
    const add = (ip: string, port: number) => out.push({ proto: sp.protocol, ip, port, scheduler: 'rr', reals });
    add(sp.clusterIP, sp.port);
    for (const ip of sp.externalIPs) add(ip, sp.port);
    for (const ip of sp.loadBalancerIPs) add(ip, sp.port);
    if (sp.nodePort) for (const ip of nodeIPs) add(ip, sp.nodePort);
  }
  out.sort((a, b) => PROTO_NUM[a.proto] - PROTO_NUM[b.proto] || ipNum(a.ip) - ipNum(b.ip) || a.port - b.port);
  for (const v of out) v.reals = [...v.reals].sort((a, b) => ipNum(a.ip) - ipNum(b.ip) || a.port - b.port);
  return out;
}

/** `ipvsadm -Ln` */
export function renderIPVS(vs: VirtualServer[]): string {
  const lines = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'];
  for (const v of vs) {
    lines.push(`${v.proto}  ${v.ip}:${v.port} ${v.scheduler}`);
    for (const r of v.reals) lines.push(`  -> ${`${r.ip}:${r.port}`.padEnd(28)} ${'Masq'.padEnd(7)} ${'1'.padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}`);
  }
  return lines.join('\n') + '\n';
}

/** The iptables rules kube-proxy keeps in IPVS mode (ipset matches instead of per-service chains). */
export function ipvsNatRules(clusterCIDR: string): string[] {
  return [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ',
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
    '-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    `-A KUBE-SERVICES ! -s ${clusterCIDR} -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ`,
    '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
    '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
  ];
}
export const IPVS_NAT_CHAINS = ['KUBE-KUBELET-CANARY', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ', 'KUBE-NODE-PORT', 'KUBE-POSTROUTING', 'KUBE-PROXY-CANARY', 'KUBE-SERVICES'];
