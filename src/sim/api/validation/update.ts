/**
 * Update validation (ValidateXUpdate): immutable fields with upstream paths and messages —
 * `spec.selector: Invalid value: v1.LabelSelector{…}: field is immutable` for the apps workloads and
 * Jobs, the pod spec's `spec: Forbidden: pod updates may not change fields other than …`.
 */
import { canonicalJSON } from '../../core/hash';
import type { FieldError } from './index';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const same = (a: unknown, b: unknown) => canonicalJSON(a ?? null) === canonicalJSON(b ?? null);

function goStringMap(m: Record<string, string> | undefined): string {
  if (!m) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`).join(', ')}}`;
}

/** fmt's %#v of a (dereferenced) metav1.LabelSelector. */
export function goLabelSelector(sel: Any): string {
  if (!sel) return 'null';
  const exprs = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e: Any) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${e.values ? `[]string{${e.values.map((v: string) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)'}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprs}}`;
}

const immutable = (field: string, value: string): FieldError => ({ field, reason: 'FieldValueInvalid', message: `Invalid value: ${value}: field is immutable` });

const POD_UPDATABLE =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * The pod spec is immutable except the listed fields. Compared here: what a client states about
 * its containers (names, commands, ports, env), restartPolicy and nodeName once set;
 * fields that defaulting and admission add (volumes, mounts, tolerations, priority…) are not
 * compared, so a replace with the original manifest passes as it does on a real cluster.
 */
function validatePodUpdate(next: Any, old: Any, errs: FieldError[]): void {
  const view = (spec: Any) => ({
    containers: (spec?.containers ?? []).map((c: Any) => ({ name: c.name, command: c.command, args: c.args, ports: c.ports, env: c.env })),
    initContainers: (spec?.initContainers ?? []).map((c: Any) => ({ name: c.name, command: c.command, args: c.args })),
    restartPolicy: spec?.restartPolicy,
  });
  const a = view(next.spec);
  const b = view(old.spec);
  const nodeChanged = !!next.spec?.nodeName && !!old.spec?.nodeName && next.spec.nodeName !== old.spec.nodeName;
  const oldTol: Any[] = old.spec?.tolerations ?? [];
  const newTol: Any[] = next.spec?.tolerations;
  const tolRemoved = Array.isArray(newTol) && newTol.length > 0 && !oldTol.every((t) => newTol.some((n) => same(n, t)));
  if (!same(a, b) || nodeChanged || tolRemoved) errs.push({ field: 'spec', reason: 'FieldValueForbidden', message: `Forbidden: pod updates may not change fields other than ${POD_UPDATABLE}` });
}

export function validateUpdate(kind: string, next: Any, old: Any): FieldError[] {
  const errs: FieldError[] = [];
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      if (!same(next.spec?.selector, old.spec?.selector)) errs.push(immutable('spec.selector', goLabelSelector(next.spec?.selector)));
      break;
    case 'Pod':
      validatePodUpdate(next, old, errs);
      break;
    case 'Service':
      if (old.spec?.clusterIP && old.spec.clusterIP !== 'None' && next.spec?.clusterIP && next.spec.clusterIP !== old.spec.clusterIP && next.spec.type !== 'ExternalName')
        errs.push({ field: 'spec.clusterIPs[0]', reason: 'FieldValueInvalid', message: `Invalid value: []string{${JSON.stringify(next.spec.clusterIP)}}: may not change once set` });
      break;
    case 'ConfigMap':
    case 'Secret':
      if (old.immutable === true) {
        if (!same(next.data, old.data)) errs.push({ field: 'data', reason: 'FieldValueForbidden', message: 'Forbidden: field is immutable when `immutable` is set' });
        if (next.immutable !== true) errs.push({ field: 'immutable', reason: 'FieldValueForbidden', message: 'Forbidden: field is immutable when `immutable` is set' });
      }
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      if (!same(next.roleRef, old.roleRef)) errs.push({ field: 'roleRef', reason: 'FieldValueInvalid', message: `Invalid value: rbac.RoleRef{APIGroup:${JSON.stringify(next.roleRef?.apiGroup ?? '')}, Kind:${JSON.stringify(next.roleRef?.kind ?? '')}, Name:${JSON.stringify(next.roleRef?.name ?? '')}}: cannot change roleRef` });
      break;
    case 'PersistentVolumeClaim':
      if (old.status?.phase === 'Bound' && !same({ ...next.spec, resources: undefined }, { ...old.spec, resources: undefined }))
        errs.push({ field: 'spec', reason: 'FieldValueForbidden', message: 'Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims' });
      break;
  }
  return errs;
}
