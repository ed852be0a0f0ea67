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

export const KINDS: KindInfo[] = [
  k('Namespace', '', 'v1', 'namespaces', false, ['ns'], { subresources: ['finalize', 'status'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  k('Node', '', 'v1', 'nodes', false, ['no'], { etcdPrefix: 'minions', subresources: ['proxy', 'status'] }),
  k('Pod', '', 'v1', 'pods', true, ['po'], {
    categories: ['all'],
    subresources: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'],
  }),
  k('Service', '', 'v1', 'services', true, ['svc'], { categories: ['all'], etcdPrefix: 'services/specs', subresources: ['proxy', 'status'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] }),
  k('Event', '', 'v1', 'events', true, ['ev']),
  k('Deployment', 'apps', 'v1', 'deployments', true, ['deploy'], { categories: ['all'], subresources: ['scale', 'status'] }),
  k('ReplicaSet', 'apps', 'v1', 'replicasets', true, ['rs'], { categories: ['all'], subresources: ['scale', 'status'] }),
  k('DaemonSet', 'apps', 'v1', 'daemonsets', true, ['ds'], { categories: ['all'], subresources: ['status'] }),
  k('ControllerRevision', 'apps', 'v1', 'controllerrevisions', true),
  k('Lease', 'coordination.k8s.io', 'v1', 'leases', true),
  k('Endpoints', '', 'v1', 'endpoints', true, ['ep'], { etcdPrefix: 'services/endpoints', singular: 'endpoints' }),
  k('EndpointSlice', 'discovery.k8s.io', 'v1', 'endpointslices', true),
];

const byResource = new Map<string, KindInfo>();
const byKind = new Map<string, KindInfo>();
for (const ki of KINDS) {
  byResource.set(ki.resource, ki);
  byKind.set(`${ki.group}/${ki.kind}`, ki);
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
