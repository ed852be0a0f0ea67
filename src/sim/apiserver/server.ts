/**
 * kube-apiserver: REST request → response over the etcd store. Every request is traced; writes go
 * through defaulting, admission and validation; reads can be Tables (server-side printing).
 */
import type { Clock } from '../core/clock';
import type { Rng } from '../core/rng';
import type { Trace } from '../core/trace';
import { ApiError, badRequest, invalid, methodNotAllowed, notFound } from '../core/errors';
import type { EtcdStore } from '../etcd/store';
import { KINDS, apiVersionOf, isStored, type KindInfo } from '../api/kinds';
import { authorizeRequest, effectiveUser, review } from './auth';
import { applyDefaults } from '../api/defaults';
import { generateJobSelector } from '../api/helpers/workloads';
import { validate } from '../api/validation';
import { validateUpdate } from '../api/validation/update';
import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from '../api/selectors';
import type { Obj, WatchEvent } from '../client/types';
import { Storage } from './storage';
import { METRICS_GROUP, METRICS_VERSION, serveMetrics } from './metrics';
import { thaw } from './decoded';
import { parsePath, type ResourcePath } from './paths';
import type { ApiRequest, ApiResponse } from './types';
import { admitCreate, type AdmissionContext } from './admission';
import { checkQuota, quotaStatus, usageOf } from './admission-resources';
import { addQuantity, type Quantity } from '../api/table/quantity';
import { ClusterIPAllocator, NodePortAllocator } from './allocators';
import { hasStatusSubresource, keepImmutableMeta, prepareForCreate, prepareForStatusUpdate, prepareForUpdate } from './strategy';
import { applyPatch } from './patch';
import { deleteObject, type DeleteRequest } from './delete';
import { startWatch, type WatchHandle } from './watch';
import { discovery } from './discovery';
import { respondRead } from './read';
import { subresourceRead, subresourceWrite } from './subresources';
import { checkStrict, normalizeObject } from './normalize';
import { CONVERTERS } from './conversion';
import { apply as applyFields, defaultManager, recordUpdate } from './managedfields';
import { parse as parseYaml } from 'yaml';

export interface NodeConnection {
  /** Container logs, as the kubelet's /containerLogs endpoint answers. */
  logs(ns: string, pod: string, container: string, opts: { tailLines?: number; timestamps?: boolean; previous?: boolean; sinceSeconds?: number }): string;
  /**
   * Run a command in a container, as the kubelet's /exec endpoint does (pods/<name>/exec);
   * returns the combined output. Optional until a kubelet implements it.
   */
  exec?(ns: string, pod: string, container: string, command: string[], opts: { stdin?: string }): string;
}

export interface ApiServerOptions {
  etcd: EtcdStore;
  clock: Clock;
  rng: Rng;
  trace: Trace;
  serviceCIDR: string;
  nodePortRange?: [number, number];
  /** --etcd-compaction-interval in ms (default 5 min; 0 disables). */
  compactionIntervalMs?: number;
}

export class ApiServer {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly trace: Trace;
  readonly clusterIPs: ClusterIPAllocator;
  readonly nodePorts: NodePortAllocator;
  /** kubelets the apiserver can reach (logs, exec), by node name. */
  readonly nodes = new Map<string, NodeConnection>();
  /** When false the apiserver is down: every request fails to connect. */
  up = true;
  /** --authorization-mode=Node,RBAC (false: AlwaysAllow). Requests without a user always pass. */
  authorization = true;

  constructor(opts: ApiServerOptions) {
    this.storage = new Storage(opts.etcd);
    this.clock = opts.clock;
    this.rng = opts.rng;
    this.trace = opts.trace;
    const svcKind = KINDS.find((k) => k.kind === 'Service')!;
    this.clusterIPs = new ClusterIPAllocator(opts.serviceCIDR, opts.rng, () => new Set(this.storage.cached(svcKind).flatMap((s) => s.spec?.clusterIPs ?? [])));
    this.nodePorts = new NodePortAllocator(opts.rng, () => new Set(this.storage.cached(svcKind).flatMap((s) => (s.spec?.ports ?? []).map((p: { nodePort?: number }) => p.nodePort ?? 0))));
    this.storage.onEtcd = (verb, ki, ns, name) => this.trace.emit({ t: this.clock.now(), from: 'kube-apiserver', to: 'etcd', verb, resource: ki.resource, ns, name });
    this.storage.leaseFor = (ki) => (ki.kind === 'Event' ? this.eventLease() : undefined);
    this.compactionIntervalMs = opts.compactionIntervalMs ?? 5 * 60_000;
    if (this.compactionIntervalMs > 0) this.clock.after(this.compactionIntervalMs, () => this.compactTick());
    this.storage.onChange = (ki, ns) => {
      if (ns && !this.syncingQuota && quotaTracked(ki)) this.syncQuotas(ns);
    };
  }

  get etcd(): EtcdStore {
    return this.storage.etcd;
  }

  handle(req: ApiRequest): ApiResponse {
    const parsed = parsePath(req.path);
    const target = parsed.type === 'resource' ? parsed.target : undefined;
    let res: ApiResponse;
    try {
      const user = effectiveUser(this, req);
      if (user && this.authorization) authorizeRequest(this, req, parsed, user);
      if (target && !isStored(target.ki)) {
        if (req.method !== 'POST' || target.name) throw methodNotAllowed('the server does not allow this method on the requested resource');
        res = { code: 201, body: review(this, target.ki, target.namespace, parseBody(req.body), user) };
      } else if (parsed.type === 'other') res = discovery(req, this);
      else if (parsed.type === 'unknown-resource' && parsed.group === METRICS_GROUP && parsed.version === METRICS_VERSION) res = serveMetrics(this, req);
      else if (parsed.type === 'unknown-resource') throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      else if (parsed.target.ki.storedAs) res = this.routeConverted(req, parsed.target);
      else res = this.route(req, parsed.target);
    } catch (e) {
      res = errorResponse(e);
    }
    this.trace.emit({
      t: this.clock.now(),
      from: req.agent ?? 'unknown',
      to: 'kube-apiserver',
      verb: verbOf(req, target),
      resource: target ? target.ki.resource + (target.subresource ? `/${target.subresource}` : '') : req.path,
      ns: target?.namespace,
      name: target?.name,
      code: res.code,
    });
    return res;
  }

  /** A watch stream; events arrive on the clock. Throws ApiError when the watch can't start. */
  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onEnd?: () => void): WatchHandle {
    const parsed = parsePath(req.path);
    if (parsed.type !== 'resource') throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const user = effectiveUser(this, req);
    if (user && this.authorization) authorizeRequest(this, { ...req, query: { ...(req.query ?? {}), watch: 'true' } }, parsed, user);
    this.trace.emit({ t: this.clock.now(), from: req.agent ?? 'unknown', to: 'kube-apiserver', verb: 'watch', resource: parsed.target.ki.resource, ns: parsed.target.namespace });
    return startWatch(this, req, parsed.target, onEvent, onEnd);
  }

  /** A request to a served non-storage version: convert to the storage version and back. */
  private routeConverted(req: ApiRequest, t: ResourcePath): ApiResponse {
    const conv = CONVERTERS[`${t.ki.group}/${t.ki.version}/${t.ki.kind}`];
    const hub = KINDS.find((k) => k.group === t.ki.group && k.kind === t.ki.kind && k.version === t.ki.storedAs)!;
    const ht: ResourcePath = { ...t, ki: hub };
    const q = req.query ?? {};
    let res: ApiResponse;
    if (req.method === 'PATCH' && t.name && !req.contentType?.startsWith('application/apply-patch')) {
      const cur = this.storage.get(hub, t.namespace, t.name);
      const patched = applyPatch(normalizeObject(t.ki, conv.fromHub(cur)), req.body, req.contentType ?? '', t.ki);
      patched.metadata.resourceVersion = cur.metadata.resourceVersion;
      res = { code: 200, body: this.update(ht, conv.toHub(patched), q, { manager: managerOf(req) }) };
    } else {
      let body = req.body;
      if (typeof body === 'string' && req.contentType?.startsWith('application/apply-patch')) body = JSON.stringify(conv.toHub(parseYaml(body)));
      else if (body && typeof body === 'object') body = conv.toHub(body);
      res = this.route({ ...req, body }, ht);
    }
    if (res.code >= 300) return res;
    const out = (o: Obj) => normalizeObject(t.ki, conv.fromHub(o));
    const b = res.body as Obj & { items?: Obj[] };
    if (b?.kind === t.ki.kind) return { ...res, body: out(b) };
    if (b?.kind === `${t.ki.kind}List`) return { ...res, body: { ...b, apiVersion: apiVersionOf(t.ki), items: (b.items ?? []).map(out) } };
    return res;
  }

  private route(req: ApiRequest, t: ResourcePath): ApiResponse {
    const q = req.query ?? {};
    if (t.subresource && req.method === 'GET') return subresourceRead(this, req, t);
    if (t.subresource && t.subresource !== 'status' && req.method !== 'DELETE') return subresourceWrite(this, req, t);
    switch (req.method) {
      case 'GET':
        if (q.watch === 'true' || q.watch === '1') throw badRequest('use ApiServer.watch for watch requests');
        if (t.name) return respondRead(this, req, t.ki, [this.storage.get(t.ki, t.namespace, t.name)], true);
        return respondRead(this, req, t.ki, this.listShared(t.ki, t.namespace, q.labelSelector, q.fieldSelector).items, false);
      case 'POST':
        if (t.name) throw methodNotAllowed(`the server does not allow this method on the requested resource`);
        return { code: 201, body: this.create(t.ki, t.namespace, req.body as Obj, q, { manager: managerOf(req) }) };
      case 'PUT':
        if (!t.name) throw methodNotAllowed('the server does not allow this method on the requested resource');
        return { code: 200, body: this.update(t, req.body as Obj, q, { manager: managerOf(req) }) };
      case 'PATCH': {
        if (!t.name) throw methodNotAllowed('the server does not allow this method on the requested resource');
        const current = this.storage.tryGet(t.ki, t.namespace, t.name);
        if (req.contentType?.startsWith('application/apply-patch')) return this.serverSideApply(t, current, req.body, q);
        if (!current) throw notFound(t.ki.resource, t.ki.group, t.name);
        const patched = applyPatch(current, req.body, req.contentType ?? '', t.ki);
        patched.metadata.resourceVersion = current.metadata.resourceVersion;
        return { code: 200, body: this.update(t, patched, q, { manager: managerOf(req) }) };
      }
      case 'DELETE':
        if (!t.name) return { code: 200, body: this.deleteCollection(t, req) };
        return deleteObject(this, t, req.body as DeleteRequest | undefined, q);
    }
  }

  /** The selected objects of a kind, each the caller's own copy. */
  list(ki: KindInfo, ns?: string, labelSelector?: string, fieldSelector?: string): { items: Obj[]; resourceVersion: string } {
    const r = this.listShared(ki, ns, labelSelector, fieldSelector);
    return { items: r.items.map(thaw), resourceVersion: r.resourceVersion };
  }

  /** The selected objects of a kind as the decoded-object cache holds them: shared and frozen, read only. */
  listShared(ki: KindInfo, ns?: string, labelSelector?: string, fieldSelector?: string): { items: Obj[]; resourceVersion: string } {
    const r = this.storage.list(ki, ns);
    if (!labelSelector && !fieldSelector) return r;
    const ls = parseLabelSelector(labelSelector);
    const fs = parseFieldSelector(fieldSelector, ki);
    const items = r.items.filter((o) => matchLabels(ls, o.metadata.labels) && matchFields(fs, o, ki.kind));
    return { items, resourceVersion: r.resourceVersion };
  }

  /** PATCH with application/apply-patch+yaml: create-or-update with field ownership (managedfields.ts). */
  private serverSideApply(t: ResourcePath, current: Obj | undefined, body: unknown, q: Record<string, string>): ApiResponse {
    const manager = q.fieldManager;
    if (!manager) throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', { kind: 'PatchOptions', group: 'meta.k8s.io', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] });
    let config: Obj;
    try {
      config = (typeof body === 'string' ? parseYaml(body) : body) as Obj;
    } catch (e) {
      throw badRequest(`error decoding YAML: ${(e as Error).message}`);
    }
    if (!config || typeof config !== 'object') throw badRequest('the body of the request was in an unknown format');
    checkTypeMeta(t.ki, config);
    if (!config.apiVersion || !config.kind) throw badRequest('apiVersion and kind must be set in an apply configuration');
    if (config.metadata?.name && config.metadata.name !== t.name) throw badRequest(`the name of the object (${config.metadata.name}) does not match the name on the URL (${t.name})`);
    checkStrict(t.ki, config, q.fieldValidation);
    const apiVersion = apiVersionOf(t.ki);
    const merged = applyFields(apiVersion, t.ki.kind, current, { ...config, metadata: { ...(config.metadata ?? {}), name: t.name } }, manager, q.force === 'true', this.clock.isoNow());
    if (!current) return { code: 201, body: this.create(t.ki, t.namespace, merged, q, { applied: true }) };
    return { code: 200, body: this.update(t, merged, q, { applied: true }) };
  }

  create(ki: KindInfo, ns: string | undefined, body: Obj, q: Record<string, string> = {}, fm: FieldManagement = {}): Obj {
    if (!body || typeof body !== 'object') throw badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
    const obj = thaw(body);
    obj.metadata ??= {};
    checkTypeMeta(ki, obj);
    checkStrict(ki, obj, q.fieldValidation);
    if (ki.namespaced) {
      if (obj.metadata.namespace && ns && obj.metadata.namespace !== ns)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      obj.metadata.namespace = ns ?? obj.metadata.namespace ?? 'default';
    } else delete obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + this.rng.nameSuffix(5);
    delete obj.metadata.resourceVersion;
    delete obj.metadata.deletionTimestamp;
    delete obj.metadata.deletionGracePeriodSeconds;
    obj.apiVersion = apiVersionOf(ki);
    obj.kind = ki.kind;
    applyDefaults(ki.kind, obj);
    if (fm.manager && !fm.applied) obj.metadata.managedFields = recordUpdate(obj.apiVersion, ki.kind, undefined, obj, fm.manager, this.clock.isoNow()) as unknown[];
    if (ki.kind !== 'Node' && ki.kind !== 'Event') prepareForCreate(ki, obj);
    if (ki.kind === 'Service') this.allocateService(obj);
    const ctx = this.admissionContext();
    admitCreate(ki, obj, ctx);
    const errs = validate(ki.kind, obj);
    if (errs.length) throw invalid(ki.kind, ki.group, obj.metadata.name ?? '', errs);
    checkQuota(ki, obj, ctx);
    obj.metadata.uid = this.rng.uid();
    obj.metadata.creationTimestamp = this.clock.isoNow();
    if (ki.kind === 'Job') generateJobSelector(obj);
    if (q.dryRun === 'All') return normalizeObject(ki, obj);
    return this.storage.create(ki, normalizeObject(ki, obj));
  }

  update(t: ResourcePath, body: Obj, q: Record<string, string> = {}, fm: FieldManagement = {}): Obj {
    if (!body || typeof body !== 'object' || !body.metadata) throw badRequest('the body of the request was in an unknown format');
    const ki = t.ki;
    const old = this.storage.get(ki, t.namespace, t.name!);
    if (body.metadata.name && body.metadata.name !== t.name) throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${t.name})`);
    const rv = body.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw this.conflictFor(ki, t.name!);
    let next: Obj;
    if (t.subresource === 'status') next = prepareForStatusUpdate(body, old);
    else {
      next = thaw(body);
      checkStrict(ki, next, q.fieldValidation);
      next.apiVersion = apiVersionOf(ki);
      next.kind = ki.kind;
      next.metadata.namespace = old.metadata.namespace;
      if (!ki.namespaced) delete next.metadata.namespace;
      keepImmutableMeta(next, old);
      applyDefaults(ki.kind, next);
      if (!next.metadata.managedFields?.length && old.metadata.managedFields) next.metadata.managedFields = old.metadata.managedFields;
      if (fm.manager && !fm.applied) next.metadata.managedFields = recordUpdate(next.apiVersion, ki.kind, old, next, fm.manager, this.clock.isoNow()) as unknown[];
      if (ki.kind === 'Namespace') next.metadata.labels = { ...(next.metadata.labels ?? {}), 'kubernetes.io/metadata.name': t.name! };
      prepareForUpdate(ki, next, old);
      if (t.subresource === 'finalize' || ki.kind !== 'Namespace') {
        // namespaces keep spec.finalizers unless updated through /finalize
      }
      if (ki.kind === 'Namespace' && t.subresource !== 'finalize') next.spec = old.spec;
      if (ki.kind === 'Service') this.keepServiceAllocations(next, old);
      const errs = [...validate(ki.kind, next), ...validateUpdate(ki.kind, next, old)];
      if (errs.length) throw invalid(ki.kind, ki.group, t.name!, errs);
    }
    next.metadata.name = t.name;
    next = normalizeObject(ki, next);
    const unchanged = JSON.stringify(withoutRv(next)) === JSON.stringify(withoutRv(old));
    if (unchanged || q.dryRun === 'All') return old;
    // an object being deleted whose last finalizer went away is removed now
    if (next.metadata.deletionTimestamp && !(next.metadata.finalizers?.length) && !(ki.kind === 'Namespace' && next.spec?.finalizers?.length) && ki.kind !== 'Pod') {
      const stored = this.storage.update(ki, next, old.metadata.resourceVersion!);
      return this.storage.delete(ki, stored);
    }
    return this.storage.update(ki, next, old.metadata.resourceVersion!);
  }

  private deleteCollection(t: ResourcePath, req: ApiRequest): Obj {
    const q = req.query ?? {};
    const items = this.list(t.ki, t.namespace, q.labelSelector, q.fieldSelector).items;
    for (const o of items) deleteObject(this, { ...t, name: o.metadata.name, namespace: o.metadata.namespace }, req.body as DeleteRequest | undefined, q);
    return { apiVersion: apiVersionOf(t.ki), kind: `${t.ki.kind}List`, metadata: {}, items } as unknown as Obj;
  }

  conflictFor(ki: KindInfo, name: string): ApiError {
    return new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${ki.group ? `${ki.resource}.${ki.group}` : ki.resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, ...(ki.group ? { group: ki.group } : {}), kind: ki.resource },
    );
  }

  private syncingQuota = false;
  private readonly compactionIntervalMs: number;
  private compactTime = 0;
  private compactRev = 0;

  /**
   * --etcd-compaction-interval (5 m): the etcd3 compactor's loop. Txn(If(version(compact_rev_key)
   * == t)).Then(Put(compact_rev_key, rev)).Else(Get); the winner compacts at the revision it saw one
   * interval earlier (none on the first round).
   */
  private compactTick(): void {
    try {
      const key = 'compact_rev_key';
      const r = this.etcd.txn({
        compare: [{ key, target: 'VERSION', result: 'EQUAL', value: this.compactTime }],
        success: [{ put: { key, value: String(this.compactRev) } }],
        failure: [{ range: { key } }],
      });
      const prev = this.compactRev;
      this.compactRev = r.header.revision;
      if (!r.succeeded) {
        const kv = (r.responses[0] as { range: { kvs: Array<{ version: number }> } }).range.kvs[0];
        this.compactTime = kv?.version ?? this.compactTime;
      } else {
        this.compactTime += 1;
        if (prev > 0 && prev > this.etcd.compactRevision) this.etcd.compact(prev);
      }
    } catch {
      // etcd unavailable: try again next interval
    }
    this.clock.after(this.compactionIntervalMs, () => this.compactTick());
  }

  private lease?: { id: string; grantedAt: number; count: number };

  /**
   * Events are written with a lease (--event-ttl 1h). The lease manager reuses one lease for up to
   * 1000 objects within min(60 s, 5 % of the TTL), granting TTL + that window (3660 s).
   */
  private eventLease(): string | undefined {
    const ttl = 3600;
    const window = Math.min(60, ttl * 0.05);
    const now = this.clock.now();
    if (this.lease && now - this.lease.grantedAt < window * 1000 && this.lease.count < 1000) {
      this.lease.count++;
      return this.lease.id;
    }
    try {
      const g = this.etcd.leaseGrant(ttl + window);
      this.lease = { id: String(g.id), grantedAt: now, count: 1 };
      return this.lease.id;
    } catch {
      return undefined;
    }
  }

  /** The resource-quota controller's sync, run at once: status.hard and status.used of every quota in ns. */
  syncQuotas(ns: string): void {
    const rqKind = KINDS.find((k) => k.kind === 'ResourceQuota')!;
    const quotas = this.storage.cached(rqKind, ns);
    if (!quotas.length) return;
    this.syncingQuota = true;
    try {
      for (const rq of quotas) {
        const status = quotaStatus(rq, (names) => this.namespaceUsage(ns, names));
        if (JSON.stringify(status) === JSON.stringify(rq.status ?? {})) continue;
        const next = normalizeObject(rqKind, { ...rq, status } as Obj);
        try {
          this.storage.update(rqKind, next, rq.metadata.resourceVersion!);
        } catch {
          // changed meanwhile; the next write syncs again
        }
      }
    } finally {
      this.syncingQuota = false;
    }
  }

  private namespaceUsage(ns: string, names: string[]): Record<string, Quantity> {
    const total: Record<string, Quantity> = {};
    for (const ki of KINDS) {
      if (!ki.namespaced || !isStored(ki) || !quotaTracked(ki)) continue;
      const count = `count/${ki.resource}${ki.group ? `.${ki.group}` : ''}`;
      const relevant = names.some((n) => n === count || quotaResourcesOf(ki).includes(n));
      if (!relevant) continue;
      for (const o of this.storage.cached(ki, ns)) {
        for (const [k, v] of Object.entries(usageOf(ki, o))) total[k] = total[k] ? addQuantity(total[k], v) : v;
      }
    }
    return total;
  }

  private admission?: AdmissionContext;

  /** What admission plugins look up (the apiserver's informer caches); made once. */
  admissionContext(): AdmissionContext {
    if (this.admission) return this.admission;
    const nsKind = KINDS.find((k) => k.kind === 'Namespace')!;
    const stored = new Map<string, KindInfo>();
    const storedKind = (kind: string) => {
      let ki = stored.get(kind);
      if (!ki) stored.set(kind, (ki = KINDS.find((k) => k.kind === kind && isStored(k))!));
      return ki;
    };
    this.admission = {
      rng: this.rng,
      list: (kind, ns) => this.storage.cached(storedKind(kind), ns),
      namespacePhase: (ns) => {
        const o = this.storage.peek(nsKind, undefined, ns);
        return o ? (o.status?.phase ?? 'Active') : undefined;
      },
    };
    return this.admission;
  }

  private allocateService(svc: Obj): void {
    const s = svc.spec;
    if (s.type === 'ExternalName') return;
    if (s.clusterIP !== 'None') {
      const ip = this.clusterIPs.allocate(s.clusterIP || undefined);
      s.clusterIP = ip;
      s.clusterIPs = [ip];
    } else s.clusterIPs = ['None'];
    s.ipFamilies ??= ['IPv4'];
    s.ipFamilyPolicy ??= 'SingleStack';
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
      for (const p of s.ports ?? []) p.nodePort = this.nodePorts.allocate(p.nodePort);
    }
    reorderServiceSpec(svc);
  }

  private keepServiceAllocations(next: Obj, old: Obj): void {
    const s = next.spec;
    if (s.type === 'ExternalName') return;
    if (!s.clusterIP) s.clusterIP = old.spec.clusterIP;
    if (!s.clusterIPs) s.clusterIPs = old.spec.clusterIPs;
    s.ipFamilies ??= old.spec.ipFamilies;
    s.ipFamilyPolicy ??= old.spec.ipFamilyPolicy;
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
      for (const p of s.ports ?? []) {
        if (!p.nodePort) {
          const prev = (old.spec.ports ?? []).find((o: { port: number; protocol: string }) => o.port === p.port && o.protocol === p.protocol);
          p.nodePort = prev?.nodePort ?? this.nodePorts.allocate();
        }
      }
    }
    reorderServiceSpec(next);
  }
}

/** Go struct order of the ServiceSpec fields the allocator adds (until schema ordering covers it). */
function reorderServiceSpec(svc: Obj): void {
  void svc;
}

function withoutRv(o: Obj): unknown {
  // managedFields count, their timestamps do not (a no-op write keeps the resourceVersion)
  const mf = (o.metadata.managedFields as Array<Record<string, unknown>> | undefined)?.map(({ time: _t, ...e }) => e);
  return { ...o, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: mf } };
}

/** How a write records field ownership: the manager of an ordinary write, or an SSA result. */
export interface FieldManagement {
  manager?: string;
  applied?: boolean;
}

/** fieldManager, defaulting from the user agent (only requests from kubectl are tracked). */
function managerOf(req: ApiRequest): string | undefined {
  if (req.query?.fieldManager) return req.query.fieldManager;
  return req.agent === 'kubectl' ? defaultManager(req.agent) : undefined;
}

function parseBody(b: unknown): Obj {
  return (typeof b === 'string' ? JSON.parse(b) : b) as Obj;
}

function checkTypeMeta(ki: KindInfo, obj: Obj): void {
  const want = apiVersionOf(ki);
  if (obj.apiVersion && obj.apiVersion !== want) {
    throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${want})`);
  }
  if (obj.kind && obj.kind !== ki.kind) throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${ki.kind})`);
}

function verbOf(req: ApiRequest, t?: ResourcePath): string {
  switch (req.method) {
    case 'GET':
      return t?.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return t?.name ? 'delete' : 'deletecollection';
  }
}

export function errorResponse(e: unknown): ApiResponse {
  if (e instanceof ApiError) return { code: e.code, body: e.toStatus() };
  const msg = e instanceof Error ? e.message : String(e);
  const err = new ApiError(500, 'InternalError', `Internal error occurred: ${msg}`);
  return { code: 500, body: err.toStatus() };
}

export { hasStatusSubresource };

const QUOTA_RESOURCES: Record<string, string[]> = {
  Pod: ['pods', 'cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'requests.ephemeral-storage', 'limits.ephemeral-storage'],
  Service: ['services', 'services.loadbalancers', 'services.nodeports'],
  ConfigMap: ['configmaps'],
  Secret: ['secrets'],
  PersistentVolumeClaim: ['persistentvolumeclaims', 'requests.storage'],
  ResourceQuota: ['resourcequotas'],
};

function quotaResourcesOf(ki: KindInfo): string[] {
  return QUOTA_RESOURCES[ki.kind] ?? [];
}

/** Kinds whose writes can change a quota's usage (every namespaced kind has count/<resource>). */
function quotaTracked(ki: KindInfo): boolean {
  return ki.namespaced && ki.kind !== 'Event' && ki.kind !== 'Lease' && ki.kind !== 'EndpointSlice' && ki.kind !== 'Endpoints';
}
