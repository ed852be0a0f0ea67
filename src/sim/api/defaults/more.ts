/** SetDefaults_* of the remaining kinds (k8s.io/kubernetes pkg/apis/<group>/v1/defaults.go). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function defaultPriorityClass(pc: Any): void {
  if (!pc.preemptionPolicy) pc.preemptionPolicy = 'PreemptLowerPriority';
}

export function defaultSecret(s: Any): void {
  if (!s.type) s.type = 'Opaque';
}

export function defaultStorageClass(sc: Any): void {
  if (!sc.reclaimPolicy) sc.reclaimPolicy = 'Delete';
  if (!sc.volumeBindingMode) sc.volumeBindingMode = 'Immediate';
}

export function defaultNetworkPolicy(np: Any): void {
  np.spec ??= {};
  const s = np.spec;
  for (const rule of [...(s.ingress ?? []), ...(s.egress ?? [])]) for (const p of rule.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  if (!s.policyTypes || s.policyTypes.length === 0) {
    s.policyTypes = ['Ingress'];
    if (s.egress?.length) s.policyTypes.push('Egress');
  }
}

function scaleRules(rules: Any, up: boolean): Any {
  const r = rules ?? {};
  const out: Any = { ...r };
  if (up) {
    if (out.stabilizationWindowSeconds === undefined) out.stabilizationWindowSeconds = 0;
    if (!out.selectPolicy) out.selectPolicy = 'Max';
    if (!out.policies) out.policies = [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ];
  } else {
    if (!out.selectPolicy) out.selectPolicy = 'Max';
    if (!out.policies) out.policies = [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  }
  return out;
}

export function defaultHPA(h: Any): void {
  h.spec ??= {};
  if (h.spec.minReplicas === undefined) h.spec.minReplicas = 1;
  if (!h.spec.metrics || h.spec.metrics.length === 0) h.spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  if (h.spec.behavior) {
    h.spec.behavior.scaleUp = scaleRules(h.spec.behavior.scaleUp, true);
    h.spec.behavior.scaleDown = scaleRules(h.spec.behavior.scaleDown, false);
  }
}

/** Container items: default ← max, defaultRequest ← default, then ← min. */
export function defaultLimitRange(lr: Any): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    for (const [k, v] of Object.entries(item.max ?? {})) if ((item.default ??= {})[k] === undefined) item.default[k] = v;
    for (const [k, v] of Object.entries(item.default ?? {})) if ((item.defaultRequest ??= {})[k] === undefined) item.defaultRequest[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if ((item.defaultRequest ??= {})[k] === undefined) item.defaultRequest[k] = v;
  }
}

export function defaultEndpoints(ep: Any): void {
  for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
}

export function defaultEndpointSlice(es: Any): void {
  for (const p of es.ports ?? []) {
    if (p.name === undefined) p.name = '';
    if (!p.protocol) p.protocol = 'TCP';
  }
}
