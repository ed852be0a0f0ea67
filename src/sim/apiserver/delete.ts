/**
 * DELETE: graceful deletion for pods on a node, finalizers, propagation policies (Foreground and
 * Orphan become finalizers the garbage collector honours), namespaces entering Terminating.
 */
import type { Obj } from '../client/types';
import type { ApiServer } from './server';
import type { ResourcePath } from './paths';
import type { ApiResponse } from './types';
import { toRFC3339 } from '../core/clock';

export interface DeleteRequest {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export function deleteObject(api: ApiServer, t: ResourcePath, body: DeleteRequest | undefined, q: Record<string, string>): ApiResponse {
  const ki = t.ki;
  const obj = api.storage.get(ki, t.namespace, t.name!);
  const opts: DeleteRequest = { ...(body ?? {}) };
  if (q.gracePeriodSeconds !== undefined) opts.gracePeriodSeconds = Number(q.gracePeriodSeconds);
  if (q.propagationPolicy) opts.propagationPolicy = q.propagationPolicy as DeleteRequest['propagationPolicy'];
  const dry = q.dryRun === 'All';
  const now = api.clock.now();

  const finalizers = new Set(obj.metadata.finalizers ?? []);
  if (opts.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');
  if (opts.propagationPolicy === 'Orphan') finalizers.add('orphan');

  if (ki.kind === 'Namespace') {
    if (obj.metadata.deletionTimestamp) return { code: 200, body: obj };
    const next: Obj = structuredClone(obj);
    next.metadata.deletionTimestamp = toRFC3339(now);
    next.metadata.deletionGracePeriodSeconds = 0;
    next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    if (dry) return { code: 200, body: next };
    return { code: 200, body: api.storage.update(ki, next, obj.metadata.resourceVersion!) };
  }

  // graceful deletion: pods bound to a node get a grace period the kubelet honours
  let grace = 0;
  if (ki.kind === 'Pod') {
    const phase = obj.status?.phase;
    const bound = !!obj.spec?.nodeName;
    grace = opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
    if (!bound || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    if (obj.metadata.deletionTimestamp) {
      const remaining = obj.metadata.deletionGracePeriodSeconds ?? 0;
      if (grace >= remaining && finalizers.size === 0 && grace !== 0) return { code: 200, body: obj };
    }
  }

  if (grace > 0 || finalizers.size > 0) {
    const next: Obj = structuredClone(obj);
    next.metadata.deletionTimestamp = toRFC3339(now + grace * 1000);
    next.metadata.deletionGracePeriodSeconds = grace;
    if (finalizers.size) next.metadata.finalizers = [...finalizers];
    if (grace === 0 && finalizers.size === 0) {
      return { code: 200, body: dry ? obj : api.storage.delete(ki, obj) };
    }
    if (dry) return { code: 200, body: next };
    return { code: 200, body: api.storage.update(ki, next, obj.metadata.resourceVersion!) };
  }
  if (dry) return { code: 200, body: obj };
  const deleted = api.storage.delete(ki, obj);
  if (ki.kind === 'Pod') return { code: 200, body: deleted };
  return {
    code: 200,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: t.name, ...(ki.group ? { group: ki.group } : {}), kind: ki.resource, uid: obj.metadata.uid } },
  };
}
