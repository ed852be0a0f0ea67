/** Service, Endpoints and EndpointSlice describers. */
import type { Obj } from '../../client/types';
import { formatLabels } from '../../api/table/helpers';
import { joinHostPort, printAnnotationsMultiline, printLabelsMultiline, type Any } from './common';
import { describeEvents } from './events';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from './writer';

/** formatEndpointSlices: ready endpoints only, `ip:port` for the named port, first 3 then ` + N more...`. */
export function formatEndpointSlices(slices: Obj[], ports: Set<string> | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices as Any[]) {
    const eps: Any[] = s.endpoints ?? [];
    const ready = (e: Any) => e.conditions?.ready === undefined || e.conditions?.ready === null || e.conditions.ready === true;
    if (!s.ports || s.ports.length === 0) {
      for (const e of eps) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(e.addresses?.[0] ?? '');
        count++;
      }
    } else {
      for (const p of s.ports) {
        if (ports && !ports.has(p.name ?? '')) continue;
        for (const e of eps) {
          if (list.length === max) more = true;
          const addr = e.addresses?.[0] ?? '';
          if (!ready(e)) continue;
          if (!more) list.push(joinHostPort(addr, p.port ?? 0));
          count++;
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function buildIngressString(ingress: Any[]): string {
  return ingress.map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : '') : (i.hostname ?? ''))).join(', ');
}

/** `endpointSlices`: the slices labelled kubernetes.io/service-name=<svc>. */
export function describeService(svc: Obj, endpointSlices: Obj[], events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = svc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${svc.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', svc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if ((spec.externalIPs ?? []).length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const lbi: Any[] = svc.status?.loadBalancer?.ingress ?? [];
  if (lbi.length) w.write(LEVEL_0, `LoadBalancer Ingress:\t${buildIngressString(lbi)}\n`);
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port ?? 0}/${sp.protocol ?? ''}\n`);
    w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? 0}/${sp.protocol ?? ''}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol ?? ''}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(endpointSlices, new Set([sp.name ?? '']))}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  if (events) describeEvents(events, w, now);
  return w.toString();
}

export function describeEndpoints(ep: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ep.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ep.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const ss of ep.subsets ?? []) {
    w.write(LEVEL_1, `Addresses:\t${(ss.addresses ?? []).map((a: Any) => a.ip).join(',') || '<none>'}\n`);
    w.write(LEVEL_1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a: Any) => a.ip).join(',') || '<none>'}\n`);
    if ((ss.ports ?? []).length > 0) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of ss.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port ?? 0}\t${p.protocol ?? ''}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  if (events) describeEvents(events, w, now);
  return w.toString();
}

export function describeEndpointSlice(eps: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${eps.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', eps.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
  w.write(LEVEL_0, `AddressType:\t${eps.addressType ?? ''}\n`);
  const ports: Any[] = eps.ports ?? [];
  if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of ports) w.write(LEVEL_1, `${p.name ? p.name : '<unset>'}\t${typeof p.port === 'number' ? p.port : '<unset>'}\t${p.protocol ?? ''}\n`);
  }
  const endpoints: Any[] = eps.endpoints ?? [];
  if (endpoints.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const e of endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      const r = e.conditions?.ready;
      w.write(LEVEL_3, `Ready:\t${r === undefined || r === null ? '<unset>' : String(r)}\n`);
      w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
      w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  if (events) describeEvents(events, w, now);
  return w.toString();
}
