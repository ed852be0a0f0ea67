/**
 * pods/<name>/eviction (policy/v1 Eviction): delete the pod unless that would violate its
 * PodDisruptionBudget, as registry/core/pod/storage/eviction.go decides — 429 TooManyRequests
 * `Cannot evict pod as it would violate the pod's disruption budget.` with a DisruptionBudget cause.
 * Without a disruption controller the PDB status is computed here from the matching pods.
 */
import { ApiError, notFound } from '../core/errors';
import { KINDS } from '../api/kinds';
import { fromLabelSelectorObject, matchLabels } from '../api/selectors';
import type { Obj } from '../client/types';
import { toRFC3339 } from '../core/clock';
import type { ApiServer } from './server';
import type { ResourcePath } from './paths';
import type { ApiResponse } from './types';
import { deleteObject } from './delete';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const EVICTION_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

function tooManyRequests(cause: string, retryAfter: number): ApiError {
  return new ApiError(429, 'TooManyRequests', EVICTION_MESSAGE, { causes: [{ reason: 'DisruptionBudget', message: cause }], ...(retryAfter ? { retryAfterSeconds: retryAfter } : {}) });
}

function isReady(p: Any): boolean {
  return (p.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');
}

/** The disruption controller's arithmetic: expected, desired and current healthy pods. */
export function pdbStatus(pdb: Any, pods: Any[]): Any {
  const sel = fromLabelSelectorObject(pdb.spec?.selector);
  const matching = pods.filter((p) => !p.metadata.deletionTimestamp && sel.length > 0 && matchLabels(sel, p.metadata.labels));
  const expected = matching.length;
  const healthy = matching.filter(isReady).length;
  const resolve = (v: unknown) => (typeof v === 'string' && v.endsWith('%') ? Math.ceil((Number(v.slice(0, -1)) * expected) / 100) : Number(v ?? 0));
  let desired: number;
  if (pdb.spec?.minAvailable !== undefined) desired = resolve(pdb.spec.minAvailable);
  else if (pdb.spec?.maxUnavailable !== undefined) desired = Math.max(0, expected - resolve(pdb.spec.maxUnavailable));
  else desired = expected;
  const allowed = Math.max(0, healthy - desired);
  return {
    ...(pdb.status ?? {}),
    observedGeneration: pdb.metadata.generation ?? 1,
    disruptionsAllowed: allowed,
    currentHealthy: healthy,
    desiredHealthy: desired,
    expectedPods: expected,
  };
}

export function evict(api: ApiServer, t: ResourcePath, body: Any): ApiResponse {
  const podKind = t.ki;
  const pod = api.storage.tryGet(podKind, t.namespace, t.name!);
  if (!pod) throw notFound('pods', '', t.name!);
  if (body?.metadata?.name && body.metadata.name !== t.name) throw new ApiError(400, 'BadRequest', `name in URL does not match name in Eviction object`);
  const opts = body?.deleteOptions ?? {};
  const done = (): ApiResponse => {
    deleteObject(api, t, opts, {});
    return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
  };
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp) return done();
  const pdbKind = KINDS.find((k) => k.kind === 'PodDisruptionBudget')!;
  const pdbs = api.storage.cached(pdbKind, t.namespace).filter((b: Any) => {
    const sel = fromLabelSelectorObject(b.spec?.selector);
    return sel.length > 0 && matchLabels(sel, pod.metadata.labels);
  });
  if (pdbs.length === 0) return done();
  if (pdbs.length > 1) throw new ApiError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  let pdb: Any = pdbs[0];
  if ((pdb.status?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) {
    // no disruption controller has processed it: compute its status now
    pdb = { ...pdb, status: pdbStatus(pdb, api.storage.cached(podKind, t.namespace)) };
  }
  if (pdb.status.disruptionsAllowed === 0) {
    throw tooManyRequests(`The disruption budget ${pdb.metadata.name} needs ${pdb.status.desiredHealthy} healthy pods and has ${pdb.status.currentHealthy} currently`, 0);
  }
  const next: Obj = structuredClone(pdb);
  next.status.disruptionsAllowed -= 1;
  next.status.disruptedPods = { ...(next.status.disruptedPods ?? {}), [t.name!]: toRFC3339(api.clock.now()) };
  try {
    api.storage.update(pdbKind, next, pdbs[0].metadata.resourceVersion!);
  } catch {
    throw tooManyRequests(`The disruption budget ${pdb.metadata.name} is still being processed by the server.`, 10);
  }
  return done();
}
