/** The kinds the simulated apiserver serves: group/version, plural, short names, scope. */
export interface KindInfo {
  kind: string;
  group: string; // '' = core
  version: string;
  resource: string; // plural
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: string[];
  /** etcd key prefix under /registry (DESIGN.md; reference/etcd/SEMANTICS.md §9). */
  etcdPrefix: string;
  verbs?: string[];
  /** false: create-only virtual resources (reviews, bindings) with nothing in etcd. */
  storage?: boolean;
  /** Served in this version, stored (and handled) as this other version of the same kind. */
  storedAs?: string;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function k(
  kind: string,
  group: string,
  version: string,
  resource: string,
  namespaced: boolean,
  shortNames: string[] = [],
  extra: Partial<KindInfo> = {},
): KindInfo {
  return {
    kind,
    group,
    version,
    resource,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames,
    categories: [],
    subresources: [],
    etcdPrefix: resource,
    verbs: ALL_VERBS,
    ...extra,
  };
}

const CREATE = ['create'];
const NO_COLLECTION = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/**
 * In the order of the real apiserver's discovery: the core group's resources alphabetically, then
 * the named groups by their priority (apiregistration, apps, events.k8s.io, authentication,
 * authorization, autoscaling, batch, certificates, networking, policy, rbac, storage, …), each
 * group's resources alphabetically.
 */
export const KINDS: KindInfo[] = [
  // core/v1
  k('Binding', '', 'v1', 'bindings', true, [], { verbs: CREATE, storage: false }),
  k('ConfigMap', '', 'v1', 'configmaps', true, ['cm']),
  k('Endpoints', '', 'v1', 'endpoints', true, ['ep'], { etcdPrefix: 'services/endpoints', singular: 'endpoints' }),
  k('Event', '', 'v1', 'events', true, ['ev']),
  k('LimitRange', '', 'v1', 'limitranges', true, ['limits']),
  k('Namespace', '', 'v1', 'namespaces', false, ['ns'], { subresources: ['finalize', 'status'], verbs: NO_COLLECTION }),
  k('Node', '', 'v1', 'nodes', false, ['no'], { etcdPrefix: 'minions', subresources: ['proxy', 'status'] }),
  k('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', true, ['pvc'], { subresources: ['status'] }),
  k('PersistentVolume', '', 'v1', 'persistentvolumes', false, ['pv'], { subresources: ['status'] }),
  k('Pod', '', 'v1', 'pods', true, ['po'], {
    categories: ['all'],
    subresources: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'],
  }),
  k('ResourceQuota', '', 'v1', 'resourcequotas', true, ['quota'], { subresources: ['status'] }),
  k('Secret', '', 'v1', 'secrets', true),
  k('ServiceAccount', '', 'v1', 'serviceaccounts', true, ['sa'], { subresources: ['token'] }),
  k('Service', '', 'v1', 'services', true, ['svc'], { categories: ['all'], etcdPrefix: 'services/specs', subresources: ['proxy', 'status'] }),
  // apps/v1
  k('ControllerRevision', 'apps', 'v1', 'controllerrevisions', true),
  k('DaemonSet', 'apps', 'v1', 'daemonsets', true, ['ds'], { categories: ['all'], subresources: ['status'] }),
  k('Deployment', 'apps', 'v1', 'deployments', true, ['deploy'], { categories: ['all'], subresources: ['scale', 'status'] }),
  k('ReplicaSet', 'apps', 'v1', 'replicasets', true, ['rs'], { categories: ['all'], subresources: ['scale', 'status'] }),
  k('StatefulSet', 'apps', 'v1', 'statefulsets', true, ['sts'], { categories: ['all'], subresources: ['scale', 'status'] }),
  // authentication.k8s.io/v1, authorization.k8s.io/v1: create-only reviews, never stored
  k('SelfSubjectReview', 'authentication.k8s.io', 'v1', 'selfsubjectreviews', false, [], { verbs: CREATE, storage: false }),
  k('TokenReview', 'authentication.k8s.io', 'v1', 'tokenreviews', false, [], { verbs: CREATE, storage: false }),
  k('LocalSubjectAccessReview', 'authorization.k8s.io', 'v1', 'localsubjectaccessreviews', true, [], { verbs: CREATE, storage: false }),
  k('SelfSubjectAccessReview', 'authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', false, [], { verbs: CREATE, storage: false }),
  k('SelfSubjectRulesReview', 'authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', false, [], { verbs: CREATE, storage: false }),
  k('SubjectAccessReview', 'authorization.k8s.io', 'v1', 'subjectaccessreviews', false, [], { verbs: CREATE, storage: false }),
  // autoscaling/v2, batch/v1
  k('HorizontalPodAutoscaler', 'autoscaling', 'v2', 'horizontalpodautoscalers', true, ['hpa'], { categories: ['all'], subresources: ['status'] }),
  k('HorizontalPodAutoscaler', 'autoscaling', 'v1', 'horizontalpodautoscalers', true, ['hpa'], { categories: ['all'], subresources: ['status'], storedAs: 'v2' }),
  k('CronJob', 'batch', 'v1', 'cronjobs', true, ['cj'], { categories: ['all'], subresources: ['status'] }),
  k('Job', 'batch', 'v1', 'jobs', true, [], { categories: ['all'], subresources: ['status'] }),
  // networking.k8s.io/v1, policy/v1
  k('IngressClass', 'networking.k8s.io', 'v1', 'ingressclasses', false),
  k('Ingress', 'networking.k8s.io', 'v1', 'ingresses', true, ['ing'], { etcdPrefix: 'ingress', subresources: ['status'] }),
  k('NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies', true, ['netpol']),
  k('PodDisruptionBudget', 'policy', 'v1', 'poddisruptionbudgets', true, ['pdb'], { subresources: ['status'] }),
  // rbac.authorization.k8s.io/v1
  k('ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false),
  k('ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', false),
  k('RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings', true),
  k('Role', 'rbac.authorization.k8s.io', 'v1', 'roles', true),
  // storage.k8s.io/v1, scheduling.k8s.io/v1, coordination.k8s.io/v1, discovery.k8s.io/v1
  k('StorageClass', 'storage.k8s.io', 'v1', 'storageclasses', false, ['sc']),
  k('PriorityClass', 'scheduling.k8s.io', 'v1', 'priorityclasses', false, ['pc']),
  k('Lease', 'coordination.k8s.io', 'v1', 'leases', true),
  k('EndpointSlice', 'discovery.k8s.io', 'v1', 'endpointslices', true),
];

/** The verbs of a subresource, as discovery lists them. */
export function subresourceVerbs(sub: string): string[] {
  switch (sub) {
    case 'status':
    case 'scale':
    case 'ephemeralcontainers':
    case 'resize':
      return ['get', 'patch', 'update'];
    case 'finalize':
      return ['update'];
    case 'binding':
    case 'eviction':
    case 'token':
      return ['create'];
    case 'log':
      return ['get'];
    case 'proxy':
      return ['create', 'delete', 'get', 'patch', 'update'];
    default:
      return ['create', 'get'];
  }
}

/** Kinds kept in etcd (not the create-only reviews and bindings). */
export function isStored(ki: KindInfo): boolean {
  return ki.storage !== false;
}

const byResource = new Map<string, KindInfo>();
const byKind = new Map<string, KindInfo>();
for (const ki of KINDS) {
  if (!byResource.has(ki.resource)) byResource.set(ki.resource, ki);
  if (!byKind.has(`${ki.group}/${ki.kind}`)) byKind.set(`${ki.group}/${ki.kind}`, ki);
}

export function kindByResource(resource: string): KindInfo | undefined {
  return byResource.get(resource);
}

/** Look a kind up by `apiVersion` (`v1`, `apps/v1`) and `kind`. */
export function kindByGVK(apiVersion: string, kind: string): KindInfo | undefined {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return byKind.get(`${group}/${kind}`);
}

export function apiVersionOf(ki: KindInfo): string {
  return ki.group ? `${ki.group}/${ki.version}` : ki.version;
}

/**
 * Resolve what a user typed (`po`, `pods`, `pod`, `deploy`, `deployments.apps`, `Deployment`)
 * the way kubectl's RESTMapper does. Returns undefined when nothing matches.
 */
export function resolveResourceName(typed: string): KindInfo | undefined {
  const t = typed.toLowerCase();
  const [name, ...groupParts] = t.split('.');
  const group = groupParts.join('.');
  for (const ki of KINDS) {
    if (group && ki.group !== group && !(group === '' && ki.group === '')) continue;
    if (ki.resource === name || ki.singular === name || ki.shortNames.includes(name) || ki.kind.toLowerCase() === name) return ki;
  }
  return undefined;
}
