/** Subresources: scale (autoscaling/v1 Scale), binding (the scheduler's POST), log (from the kubelet), token (TokenRequest). */
import { ApiError, badRequest, notFound } from '../core/errors';
import { apiVersionOf } from '../api/kinds';
import { selectorStringFromMap } from '../api/selectors';
import type { Obj } from '../client/types';
import type { ApiServer } from './server';
import type { ResourcePath } from './paths';
import type { ApiRequest, ApiResponse } from './types';
import { applyPatch } from './patch';
import { toRFC3339 } from '../core/clock';
import { evict } from './eviction';
import { tokenRequest } from './token';
import { thaw } from './decoded';

function scaleOf(o: Obj): Obj {
  const sel = o.spec?.selector;
  const selector = sel?.matchExpressions?.length ? undefined : selectorStringFromMap(sel?.matchLabels);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

export function subresourceRead(api: ApiServer, req: ApiRequest, t: ResourcePath): ApiResponse {
  const obj = api.storage.get(t.ki, t.namespace, t.name!);
  switch (t.subresource) {
    case 'status':
      return { code: 200, body: obj };
    case 'scale':
      if (!t.ki.subresources.includes('scale')) break;
      return { code: 200, body: scaleOf(obj) };
    case 'log':
      return { code: 200, contentType: 'text/plain', body: podLog(api, obj, req.query ?? {}) };
  }
  throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

function podLog(api: ApiServer, pod: Obj, q: Record<string, string>): string {
  const containers: { name: string }[] = pod.spec?.containers ?? [];
  let container = q.container;
  if (!container) {
    if (containers.length !== 1) {
      throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`);
    }
    container = containers[0].name;
  }
  const all = [...(pod.spec?.initContainers ?? []), ...containers];
  if (!all.some((c: { name: string }) => c.name === container)) throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
  const node = pod.spec?.nodeName;
  const conn = node ? api.nodes.get(node) : undefined;
  const st = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s: { name: string }) => s.name === container);
  // the kubelet checks the container state itself (and can serve a crash-looping container's last run)
  if (conn) return conn.logs(pod.metadata.namespace!, pod.metadata.name!, container, {
    tailLines: q.tailLines !== undefined ? Number(q.tailLines) : undefined,
    timestamps: q.timestamps === 'true',
    previous: q.previous === 'true',
    sinceSeconds: q.sinceSeconds !== undefined ? Number(q.sinceSeconds) : undefined,
  });
  if (!st || st.state?.waiting) {
    const reason = st?.state?.waiting?.reason ?? 'ContainerCreating';
    throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${reason === 'ContainerCreating' ? 'ContainerCreating' : reason}`);
  }
  throw new ApiError(500, 'InternalError', `Get "https://${pod.status?.hostIP ?? node}:10250/containerLogs/${pod.metadata.namespace}/${pod.metadata.name}/${container}": dial tcp ${pod.status?.hostIP ?? node}:10250: connect: connection refused`);
}

export function subresourceWrite(api: ApiServer, req: ApiRequest, t: ResourcePath): ApiResponse {
  const body = req.body as Obj;
  switch (t.subresource) {
    case 'scale': {
      if (!t.ki.subresources.includes('scale')) break;
      const cur = api.storage.get(t.ki, t.namespace, t.name!);
      let scale = scaleOf(cur);
      if (req.method === 'PATCH') scale = applyPatch(scale, req.body, req.contentType ?? '', t.ki);
      else if (req.method === 'PUT') scale = body;
      else break;
      const replicas = scale.spec?.replicas;
      if (typeof replicas !== 'number' || replicas < 0)
        throw new ApiError(422, 'Invalid', `Scale.autoscaling "${t.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`);
      const next = cur; // storage.get hands out the caller's own copy (decoded.ts thaw)
      next.spec.replicas = replicas;
      const saved = api.update({ ...t, subresource: undefined }, next);
      return { code: 200, body: scaleOf(saved) };
    }
    case 'binding': {
      if (req.method !== 'POST') break;
      // the stored pod as the cache shares it (read only): the new one shares what did not change
      const pod = api.storage.peek(t.ki, t.namespace, t.name!);
      api.storage.onEtcd?.('range', t.ki, t.namespace, t.name);
      if (!pod) throw notFound(t.ki.resource, t.ki.group, t.name!);
      const nodeName = body?.target?.name;
      if (!nodeName) throw badRequest('binding target name is required');
      if (pod.spec.nodeName) throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${t.name}": pod ${t.name} is already assigned to node "${pod.spec.nodeName}"`, { name: t.name, kind: 'pods/binding' });
      if (pod.metadata.deletionTimestamp) throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${t.name}": pod ${t.name} is being deleted, cannot be assigned to a host`);
      // podutil.UpdatePodCondition: the condition is replaced whole (an Unschedulable reason and
      // message go); lastTransitionTime is kept only if the status was already True
      const conds: Obj[] = pod.status?.conditions ?? [];
      const i = conds.findIndex((x) => x.type === 'PodScheduled');
      const was = conds[i] as { status?: string; lastTransitionTime?: string } | undefined;
      const cond = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: was?.status === 'True' ? was.lastTransitionTime : toRFC3339(api.clock.now()) };
      const next: Obj = {
        ...pod,
        metadata: { ...pod.metadata },
        spec: { ...pod.spec, nodeName },
        status: { ...pod.status, conditions: i < 0 ? [...conds, cond as unknown as Obj] : conds.map((c, j) => (j === i ? (cond as unknown as Obj) : c)) },
      };
      api.storage.updateShared(t.ki, next, pod.metadata.resourceVersion!);
      return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
    }
    case 'token':
      if (req.method !== 'POST' || t.ki.kind !== 'ServiceAccount') break;
      return tokenRequest(api, t, body);
    case 'eviction':
      if (req.method !== 'POST' || t.ki.kind !== 'Pod') break;
      return evict(api, t, body);
    case 'exec': {
      if (t.ki.kind !== 'Pod') break;
      const pod = api.storage.get(t.ki, t.namespace, t.name!);
      const conn = pod.spec?.nodeName ? api.nodes.get(pod.spec.nodeName) : undefined;
      if (!conn?.exec) throw badRequest(`pod ${t.name} does not have a host assigned`);
      const q = req.query ?? {};
      const command = Array.isArray(q.command) ? q.command : q.command !== undefined ? [q.command] : [];
      return { code: 200, contentType: 'text/plain', body: conn.exec(t.namespace!, t.name!, q.container ?? pod.spec.containers[0].name, command as string[], { stdin: typeof req.body === 'string' ? req.body : undefined }) };
    }
    case 'finalize': {
      const cur = api.storage.get(t.ki, t.namespace, t.name!);
      const next = cur; // the caller's own copy, as above
      next.spec = thaw(body.spec ?? {}); // storage keeps what it is given: not the request's own object
      const saved = api.storage.update(t.ki, next, cur.metadata.resourceVersion!);
      if (!(saved.spec?.finalizers?.length) && saved.metadata.deletionTimestamp && !(saved.metadata.finalizers?.length)) {
        api.storage.delete(t.ki, saved);
      }
      return { code: 200, body: saved };
    }
  }
  void apiVersionOf;
  throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}
