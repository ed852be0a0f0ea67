/** printService. */
import type { Obj } from '../../client/types';
import { ageCol, col, formatLabels, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** loadBalancerStatusStringer (wide: never clipped server-side): IPs else hostnames, de-duplicated, sorted. */
export function loadBalancerString(ingress: Any[] | undefined): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort().join(',');
}

export function serviceExternalIP(svc: Obj): string {
  const spec: Any = svc.spec ?? {};
  const ext: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerString(svc.status?.loadBalancer?.ingress);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

export function makePortString(ports: Any[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`)).join(',');
}

export const servicePrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Type', 'string', 'core/v1.ServiceSpec.type'),
    col('Cluster-IP', 'string', 'core/v1.ServiceSpec.clusterIP'),
    col('External-IP', 'string', 'core/v1.ServiceSpec.externalIPs'),
    col('Port(s)', 'string', 'core/v1.ServiceSpec.ports'),
    ageCol(),
    col('Selector', 'string', 'core/v1.ServiceSpec.selector', 1),
  ],
  row(o, now) {
    const spec: Any = o.spec ?? {};
    const ips: string[] = spec.clusterIPs ?? [];
    return {
      cells: [
        o.metadata.name ?? '',
        spec.type ?? '',
        ips.length ? ips[0] : '<none>',
        serviceExternalIP(o),
        makePortString(spec.ports) || '<none>',
        since(now, o.metadata.creationTimestamp),
        formatLabels(spec.selector),
      ],
    };
  },
};
