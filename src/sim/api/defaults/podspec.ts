/** SetDefaults for PodSpec and its containers (pkg/apis/core/v1/defaults.go). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function defaultContainer(c: Any): void {
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  if (!c.imagePullPolicy) c.imagePullPolicy = pullPolicyFor(c.image ?? '');
  if (!c.resources) c.resources = {};
  // limits without requests: requests default to the limits
  if (c.resources.limits) {
    c.resources.requests = { ...c.resources.limits, ...(c.resources.requests ?? {}) };
  }
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  for (const e of c.env ?? []) {
    if (e.valueFrom?.fieldRef && !e.valueFrom.fieldRef.apiVersion) e.valueFrom.fieldRef.apiVersion = 'v1';
  }
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
}

export function defaultProbe(p: Any): void {
  if (p.timeoutSeconds === undefined) p.timeoutSeconds = 1;
  if (p.periodSeconds === undefined) p.periodSeconds = 10;
  if (p.successThreshold === undefined) p.successThreshold = 1;
  if (p.failureThreshold === undefined) p.failureThreshold = 3;
  if (p.httpGet && !p.httpGet.scheme) p.httpGet.scheme = 'HTTP';
  if (p.httpGet && !p.httpGet.path) p.httpGet.path = '/';
}

/** `Always` for `:latest` or an untagged image, `IfNotPresent` otherwise. */
export function pullPolicyFor(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const last = image.split('/').pop() ?? '';
  const tag = last.includes(':') ? last.split(':').pop() : '';
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export function defaultPodSpec(spec: Any): void {
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (spec.terminationGracePeriodSeconds === undefined) spec.terminationGracePeriodSeconds = 30;
  if (!spec.securityContext) spec.securityContext = {};
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  if (spec.serviceAccountName && !spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) {
    if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = 420;
    if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = 420;
    if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
    if (v.emptyDir === null) v.emptyDir = {};
  }
}

/** A pod object (not a template): the fields only real pods get defaulted. */
export function defaultPod(pod: Any): void {
  pod.spec ??= {};
  defaultPodSpec(pod.spec);
  if (pod.spec.enableServiceLinks === undefined) pod.spec.enableServiceLinks = true;
}

export function qosClass(spec: Any): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const cs: Any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
