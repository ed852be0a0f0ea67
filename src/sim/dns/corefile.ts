/** The Corefile kubeadm writes into the `coredns` ConfigMap, and the little of it the server reads. */
export const KUBEADM_COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

export interface CoreConfig {
  /** The kubernetes plugin's zone (cluster domain). */
  zone: string;
  /** `pods insecure` / `pods verified` / `pods disabled` */
  pods: 'insecure' | 'verified' | 'disabled';
  ttl: number;
  /** Extra `hosts` entries (ip → names). */
  hosts: { ip: string; names: string[] }[];
  /** The Corefile parsed. */
  ok: boolean;
}

export function parseCorefile(text: string | undefined): CoreConfig {
  const cfg: CoreConfig = { zone: 'cluster.local', pods: 'disabled', ttl: 5, hosts: [], ok: true };
  if (!text) return { ...cfg, ok: false };
  const lines = text.split('\n').map((l) => l.trim());
  let inK8s = false;
  let inHosts = false;
  for (const l of lines) {
    const w = l.split(/\s+/);
    if (w[0] === 'kubernetes') {
      cfg.zone = (w[1] ?? 'cluster.local').replace(/\.$/, '');
      inK8s = l.endsWith('{');
      continue;
    }
    if (w[0] === 'hosts') {
      inHosts = l.endsWith('{');
      continue;
    }
    if (l === '}') {
      inK8s = inHosts = false;
      continue;
    }
    if (inK8s && w[0] === 'pods') cfg.pods = (w[1] as CoreConfig['pods']) ?? 'disabled';
    if (inK8s && w[0] === 'ttl') cfg.ttl = Number(w[1] ?? 5);
    if (inHosts && /^\d+\.\d+\.\d+\.\d+$/.test(w[0])) cfg.hosts.push({ ip: w[0], names: w.slice(1) });
  }
  return cfg;
}
