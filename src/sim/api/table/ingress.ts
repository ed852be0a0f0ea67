/** printIngress. */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';
import { loadBalancerString } from './service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function formatHosts(rules: Any[] | undefined): string {
  const rs = rules ?? [];
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const r of rs) {
    if (list.length === max) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${rs.length - max} more...` : ret;
}

export const ingressPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    ageCol(),
  ],
  row(o, now) {
    const spec: Any = o.spec ?? {};
    return {
      cells: [
        o.metadata.name ?? '',
        typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>',
        formatHosts(spec.rules),
        loadBalancerString(o.status?.loadBalancer?.ingress),
        (spec.tls ?? []).length ? '80, 443' : '80',
        since(now, o.metadata.creationTimestamp),
      ],
    };
  },
};
