/**
 * Mutating and validating admission run on create (and update where noted), in the upstream order:
 * NamespaceLifecycle, ServiceAccount, Priority, DefaultTolerationSeconds.
 */
import { ApiError } from '../core/errors';
import type { Rng } from '../core/rng';
import type { Obj } from '../client/types';
import type { KindInfo } from '../api/kinds';
import { admitDefaultStorageClass, admitLimitRanger, admitPriority, type ObjectLookup } from './admission-resources';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface AdmissionContext extends ObjectLookup {
  rng: Rng;
  /** Namespace phase, or undefined when it does not exist. */
  namespacePhase(ns: string): string | undefined;
}

/** NamespaceLifecycle: no new objects in a missing or terminating namespace. */
export function namespaceLifecycle(ki: KindInfo, obj: Obj, ctx: AdmissionContext): void {
  if (!ki.namespaced) return;
  const ns = obj.metadata.namespace!;
  const phase = ctx.namespacePhase(ns);
  if (phase === undefined) throw new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
  if (phase === 'Terminating' && ki.kind !== 'Event')
    throw new ApiError(403, 'Forbidden', `${ki.resource} "${obj.metadata.name ?? ''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
      name: obj.metadata.name,
      kind: ki.resource,
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
    });
}

/** ServiceAccount admission: default SA and the projected kube-api-access volume. */
function serviceAccount(pod: Any, ctx: AdmissionContext): void {
  const spec = pod.spec;
  if (isMirrorPod(pod)) return;
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
  const all: Any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if (all.some((c) => (c.volumeMounts ?? []).some((m: Any) => m.mountPath === mountPath))) return;
  const name = `kube-api-access-${ctx.rng.nameSuffix(5)}`;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    },
  ];
  for (const c of all) c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath, name, readOnly: true }];
}


/** DefaultTolerationSeconds: tolerate not-ready/unreachable for 300 s unless the pod says otherwise. */
function defaultTolerationSeconds(pod: Any): void {
  const tol: Any[] = (pod.spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tol.some((t) => (t.key === key || (t.operator === 'Exists' && !t.key)) && (!t.effect || t.effect === 'NoExecute'));
    if (!has) tol.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
  }
}

export function isMirrorPod(pod: Any): boolean {
  return !!pod.metadata?.annotations?.['kubernetes.io/config.mirror'];
}

/**
 * The mutating and validating plugins of kube-apiserver's default order that apply on create:
 * NamespaceLifecycle, LimitRanger, ServiceAccount, Priority, DefaultTolerationSeconds,
 * DefaultStorageClass (ResourceQuota runs after validation: checkQuota).
 */
export function admitCreate(ki: KindInfo, obj: Obj, ctx: AdmissionContext): void {
  namespaceLifecycle(ki, obj, ctx);
  admitLimitRanger(ki, obj, ctx);
  if (ki.kind === 'Pod') {
    serviceAccount(obj, ctx);
    admitPriority(ki, obj, ctx);
    defaultTolerationSeconds(obj);
  }
  admitDefaultStorageClass(ki, obj, ctx);
}
