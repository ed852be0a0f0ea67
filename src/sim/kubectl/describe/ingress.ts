/** Ingress (networking.k8s.io/v1) and IngressClass describers. */
import type { Obj } from '../../client/types';
import { loadBalancerString } from '../../api/table/service';
import { printAnnotationsMultiline, printLabelsMultiline, type Any } from './common';
import { describeEvents } from './events';
import { formatEndpointSlices } from './service';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from './writer';

/** What the describer fetches per backend service: its EndpointSlices and the Service (or the GET error). */
export interface BackendLookup {
  endpointSlices: Obj[];
  service?: Obj;
  /** The error text when the Service GET failed; default `services "<name>" not found`. */
  error?: string;
}
export type BackendResolver = (serviceName: string) => BackendLookup;

function serviceBackendString(b: Any): string {
  if (!b) return '';
  const port = b.port?.number ? String(b.port.number) : (b.port?.name ?? '');
  return `${b.name ?? ''}:${port}`;
}

function describeBackend(backend: Any, resolve: BackendResolver): string {
  if (backend?.service) {
    const sb = serviceBackendString(backend.service);
    const r = resolve(backend.service.name);
    if (!r.service) return `${sb} (<error: ${r.error ?? `services "${backend.service.name}" not found`}>)`;
    let spName = '';
    for (const sp of r.service.spec?.ports ?? []) {
      const num = backend.service.port?.number ?? 0;
      const name = backend.service.port?.name ?? '';
      if (num !== 0 && num === sp.port) spName = sp.name ?? '';
      else if (name.length > 0 && name === sp.name) spName = sp.name ?? '';
    }
    return `${sb} (${formatEndpointSlices(r.endpointSlices, new Set([spName]))})`;
  }
  if (backend?.resource) {
    const ic = backend.resource;
    return `APIGroup: ${typeof ic.apiGroup === 'string' ? ic.apiGroup : '<none>'}, Kind: ${ic.kind ?? ''}, Name: ${ic.name ?? ''}`;
  }
  return '';
}

export function describeIngress(ing: Obj, resolve: BackendResolver, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = ing.spec ?? {};
  w.write(LEVEL_0, `Name:\t${ing.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ing.metadata.labels);
  w.write(LEVEL_0, `Namespace:\t${ing.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Address:\t${loadBalancerString(ing.status?.loadBalancer?.ingress)}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>'}\n`);
  const def = spec.defaultBackend ? describeBackend(spec.defaultBackend, resolve) : '<default>';
  w.write(LEVEL_0, `Default backend:\t${def}\n`);
  if ((spec.tls ?? []).length > 0) {
    w.write(LEVEL_0, 'TLS:\n');
    for (const t of spec.tls) {
      if (!t.secretName) w.write(LEVEL_1, `SNI routes ${(t.hosts ?? []).join(',')}\n`);
      else w.write(LEVEL_1, `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`);
    }
  }
  w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(LEVEL_1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
    for (const p of rule.http.paths ?? []) w.write(LEVEL_2, `\t${p.path ?? ''} \t${describeBackend(p.backend, resolve)}\n`);
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`);
  printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
  if (events) describeEvents(events, w, now);
  return w.toString();
}

export function describeIngressClass(ic: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ic.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ic.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ic.metadata.annotations);
  w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
  const p = ic.spec?.parameters;
  if (p) {
    w.write(LEVEL_0, 'Parameters:\n');
    if (typeof p.apiGroup === 'string') w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${p.kind ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${p.name ?? ''}\n`);
  }
  if (events) describeEvents(events, w, now);
  return w.toString();
}
