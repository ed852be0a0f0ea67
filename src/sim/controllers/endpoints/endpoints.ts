/**
 * The Endpoints controller: for each Service with a selector, an Endpoints object of the same name
 * listing the matching pods' IPs (ready ones in addresses, others in notReadyAddresses) per port.
 */
import type { Obj } from '../../client/types';
import { keyOf } from '../../client/informer';
import { ApiError } from '../../core/errors';
import { canonicalJSON } from '../../core/hash';
import { isPodReady } from '../../api/helpers/pod';
import type { SyncResult } from '../../client/workqueue';
import { Controller, splitKey } from '../controller';
import { findPort, lastChangeTriggerTime, podInEndpoints, podsSelected, servicesSelecting, targetRef } from '../endpoint-util';

const TRIGGER = 'endpoints.kubernetes.io/last-change-trigger-time';

export class EndpointsController extends Controller {
  readonly name = 'endpoint-controller';

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
    this.informers.get('endpoints');
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const svc = this.informers.get('services').getByName(ns, name);
    const cur = this.informers.get('endpoints').getByName(ns, name);
    if (!svc) {
      if (cur) this.tryDelete(ns!, name);
      return;
    }
    if (!svc.spec?.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === 'ExternalName') return;
    const publishNotReady = !!svc.spec.publishNotReadyAddresses;
    const pods = podsSelected(svc, this.informers.list('pods', ns)).filter((p) => podInEndpoints(p, publishNotReady));
    // one subset per distinct port set (RepackSubsets)
    const subsets = new Map<string, { addresses: Obj[]; notReadyAddresses: Obj[]; ports: Obj[] }>();
    for (const p of pods) {
      const ports: Obj[] = [];
      for (const sp of svc.spec.ports ?? []) {
        const port = findPort(p, sp);
        if (port === undefined) continue;
        ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) } as unknown as Obj);
      }
      if (!ports.length && (svc.spec.ports ?? []).length) continue;
      const k = canonicalJSON(ports);
      if (!subsets.has(k)) subsets.set(k, { addresses: [], notReadyAddresses: [], ports });
      const addr = {
        ip: p.status.podIP,
        ...(p.spec?.hostname && p.spec?.subdomain === svc.metadata.name ? { hostname: p.spec.hostname } : {}),
        ...(p.spec?.nodeName ? { nodeName: p.spec.nodeName } : {}),
        targetRef: targetRef(p),
      };
      const ready = publishNotReady || isPodReady(p);
      (ready ? subsets.get(k)!.addresses : subsets.get(k)!.notReadyAddresses).push(addr as unknown as Obj);
    }
    const byIP = (a: Obj, b: Obj) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.targetRef.uid < b.targetRef.uid ? -1 : 1);
    const list = [...subsets.values()].map((s) => ({
      ...(s.addresses.length ? { addresses: s.addresses.sort(byIP) } : {}),
      ...(s.notReadyAddresses.length ? { notReadyAddresses: s.notReadyAddresses.sort(byIP) } : {}),
      ports: s.ports,
    }));
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    if (cur && canonicalJSON(cur.subsets ?? []) === canonicalJSON(list) && canonicalJSON(cur.metadata.labels ?? {}) === canonicalJSON(labels)) return;
    const annotations = { ...(cur?.metadata.annotations ?? {}), [TRIGGER]: lastChangeTriggerTime(svc, pods) };
    const ep: Obj = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels, annotations, ...(cur ? { resourceVersion: cur.metadata.resourceVersion } : {}) },
      ...(list.length ? { subsets: list } : {}),
    };
    if (cur) this.client.update('endpoints', ns, { ...cur, metadata: { ...cur.metadata, labels, annotations }, subsets: list.length ? list : undefined });
    else {
      try {
        this.client.create('endpoints', ns, ep);
      } catch (e) {
        if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
        this.enqueueAfter(keyOf(svc), 100);
      }
    }
    return;
  }

  private tryDelete(ns: string, name: string): void {
    try {
      this.client.delete('endpoints', ns, name);
    } catch {
      // gone
    }
  }
}
