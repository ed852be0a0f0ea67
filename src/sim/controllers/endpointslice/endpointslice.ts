/**
 * The EndpointSlice controller: for each Service with a selector, EndpointSlices (generateName
 * `<service>-`, owned by the Service, labelled kubernetes.io/service-name) holding up to 100
 * endpoints each, with the ready / serving / terminating conditions kube-proxy reads.
 */
import type { Obj } from '../../client/types';
import { canonicalJSON } from '../../core/hash';
import { isPodReady } from '../../api/helpers/pod';
import type { SyncResult } from '../../client/workqueue';
import { Controller, splitKey } from '../controller';
import { findPort, lastChangeTriggerTime, podInEndpoints, podsSelected, servicesSelecting, targetRef } from '../endpoint-util';
import { ownerRefTo } from '../pod-control';

const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER = 'endpointslice-controller.k8s.io';
const TRIGGER = 'endpoints.kubernetes.io/last-change-trigger-time';
const MAX_ENDPOINTS = 100;

export class EndpointSliceController extends Controller {
  readonly name = 'endpointslice-controller';

  protected register(): void {
    this.informers.on('services', {
      add: (s) => this.enqueue(s),
      update: (_o, s) => this.enqueue(s),
      delete: (s) => this.enqueue(s),
    });
    const touch = (p: Obj) => servicesSelecting(this.informers.list('services', p.metadata.namespace), p).forEach((s) => this.enqueue(s));
    this.informers.on('pods', {
      add: touch,
      update: (o, n) => {
        touch(o);
        touch(n);
      },
      delete: touch,
    });
    this.informers.on('nodes', {});
    this.informers.on('endpointslices', {
      delete: (es) => {
        const svc = es.metadata.labels?.[SERVICE_NAME];
        if (svc && es.metadata.labels?.[MANAGED_BY] === CONTROLLER) this.enqueue(`${es.metadata.namespace}/${svc}`);
      },
    });
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const svc = this.informers.get('services').getByName(ns, name);
    const mine = this.informers.list('endpointslices', ns).filter((es) => es.metadata.labels?.[SERVICE_NAME] === name && es.metadata.labels?.[MANAGED_BY] === CONTROLLER);
    if (!svc || !svc.spec?.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === 'ExternalName') {
      // the garbage collector removes slices of a deleted service; a service that lost its selector keeps none
      if (svc) for (const es of mine) this.tryDelete(es);
      return;
    }
    const pods = podsSelected(svc, this.informers.list('pods', ns)).filter((p) => podInEndpoints(p, true));
    pods.sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? 1 : a.metadata.name! < b.metadata.name! ? -1 : 1));
    // group endpoints by their resolved ports
    const groups = new Map<string, { ports: Obj[]; endpoints: Obj[] }>();
    for (const p of pods) {
      const ports: Obj[] = [];
      for (const sp of svc.spec.ports ?? []) {
        const port = findPort(p, sp);
        if (port === undefined) continue;
        ports.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) } as unknown as Obj);
      }
      const k = canonicalJSON(ports);
      if (!groups.has(k)) groups.set(k, { ports, endpoints: [] });
      const terminating = !!p.metadata.deletionTimestamp;
      const ready = isPodReady(p);
      const zone = this.informers.get('nodes').getByName(undefined, p.spec?.nodeName ?? '')?.metadata.labels?.['topology.kubernetes.io/zone'];
      groups.get(k)!.endpoints.push({
        addresses: [p.status.podIP],
        conditions: { ready: ready && !terminating, serving: ready, terminating },
        ...(p.spec?.hostname ? { hostname: p.spec.hostname } : {}),
        targetRef: targetRef(p),
        ...(p.spec?.nodeName ? { nodeName: p.spec.nodeName } : {}),
        ...(zone ? { zone } : {}),
      } as unknown as Obj);
    }
    if (groups.size === 0) groups.set('[]', { ports: (svc.spec.ports ?? []).length ? [] : [], endpoints: [] });
    const desired: { ports: Obj[]; endpoints: Obj[] }[] = [];
    for (const g of groups.values()) {
      for (let i = 0; i < Math.max(1, g.endpoints.length); i += MAX_ENDPOINTS) desired.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS) });
    }
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), [MANAGED_BY]: CONTROLLER, [SERVICE_NAME]: name };
    if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    const trigger = lastChangeTriggerTime(svc, pods);
    const unused = [...mine];
    for (const d of desired) {
      const existing = unused.shift();
      if (existing) {
        if (canonicalJSON(existing.endpoints ?? []) === canonicalJSON(d.endpoints) && canonicalJSON(existing.ports ?? []) === canonicalJSON(d.ports) && canonicalJSON(existing.metadata.labels ?? {}) === canonicalJSON(labels)) continue;
        this.client.update('endpointslices', ns, {
          ...existing,
          metadata: { ...existing.metadata, labels, annotations: { ...(existing.metadata.annotations ?? {}), [TRIGGER]: trigger } },
          endpoints: d.endpoints,
          ports: d.ports,
        });
      } else {
        this.client.create('endpointslices', ns, {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { generateName: `${name}-`, namespace: ns, labels, annotations: { [TRIGGER]: trigger }, ownerReferences: [ownerRefTo(svc)] },
          addressType: 'IPv4',
          endpoints: d.endpoints,
          ports: d.ports,
        });
      }
    }
    for (const es of unused) this.tryDelete(es);
    return;
  }

  private tryDelete(es: Obj): void {
    try {
      this.client.delete('endpointslices', es.metadata.namespace, es.metadata.name!);
    } catch {
      // gone
    }
  }
}
