/** kubectl describe: fetch the object and what its describer needs (events, owned objects), print. */
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, str } from '../command';
import { CmdError, errorText } from '../errors';
import { parseResourceArgs } from '../builder';
import { collectionPath, forKind, itemPath, resolve, type ApiResource } from '../discovery';
import type { KubectlEnv } from '../env';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';
import { selectorStringFromMap } from '../../api/selectors';
import { readManifests } from '../manifests';
import * as D from '../describe';
import { listing } from '../listerror';

export const describeCommand: CommandDef = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  run: runDescribe,
};

function list(env: KubectlEnv, r: ApiResource, ns: string | undefined, query: Record<string, string> = {}): Obj[] {
  return (env.client.request({ method: 'GET', path: collectionPath(r, ns), query: { ...query, limit: '500' } }).body as { items: Obj[] }).items;
}

function eventsFor(env: KubectlEnv, o: Obj, kind?: string): Obj[] {
  const ev = resolve(env, 'events');
  // a mirror pod's events are recorded against its static pod, whose UID is the config hash
  const uid = o.metadata.annotations?.['kubernetes.io/config.mirror'] ?? o.metadata.uid;
  const fs = [`involvedObject.name=${o.metadata.name}`, `involvedObject.namespace=${o.metadata.namespace ?? ''}`, `involvedObject.uid=${uid}`, ...(kind ? [`involvedObject.kind=${kind}`] : [])].join(',');
  return list(env, ev, o.metadata.namespace, { fieldSelector: fs });
}

/** Kinds whose describer searches events with involvedObject.kind (the goldens' requests.txt). */
const KIND_IN_EVENT_SEARCH = new Set(['Job', 'CronJob', 'StatefulSet', 'DaemonSet', 'Deployment', 'Node', 'ConfigMap', 'ServiceAccount', 'Ingress', 'IngressClass', 'Service', 'Endpoints', 'EndpointSlice']);

function describeOne(env: KubectlEnv, r: ApiResource, o: Obj, showEvents: boolean): string {
  const now = env.now();
  const evs = () => (showEvents ? eventsFor(env, o, KIND_IN_EVENT_SEARCH.has(r.kind) ? r.kind : undefined) : undefined);
  const ns = o.metadata.namespace;
  switch (r.kind) {
    case 'Pod':
      return D.describePod(o, evs(), now);
    case 'Deployment':
      return D.describeDeployment(o, list(env, resolve(env, 'replicasets'), ns, { labelSelector: selectorStringFromMap(o.spec?.selector?.matchLabels) }), evs(), now);
    case 'ReplicaSet':
      return D.describeReplicaSet(o, list(env, resolve(env, 'pods'), ns, { labelSelector: selectorStringFromMap(o.spec?.selector?.matchLabels) }), evs(), now);
    case 'DaemonSet':
      return D.describeDaemonSet(o, list(env, resolve(env, 'pods'), ns, { labelSelector: selectorStringFromMap(o.spec?.selector?.matchLabels) }), evs(), now);
    case 'StatefulSet':
      return D.describeStatefulSet(o, list(env, resolve(env, 'pods'), ns, { labelSelector: selectorStringFromMap(o.spec?.selector?.matchLabels) }), evs(), now);
    case 'Job':
      return D.describeJob(o, evs(), now);
    case 'CronJob':
      return D.describeCronJob(o, evs(), now);
    case 'Endpoints':
      return D.describeEndpoints(o, evs(), now);
    case 'EndpointSlice':
      return D.describeEndpointSlice(o, evs(), now);
    case 'Node': {
      const pods = list(env, resolve(env, 'pods'), undefined, { fieldSelector: `spec.nodeName=${o.metadata.name},status.phase!=Succeeded,status.phase!=Failed` });
      let lease: Obj | undefined;
      try {
        const lr = resolve(env, 'leases');
        lease = env.client.request({ method: 'GET', path: itemPath(lr, 'kube-node-lease', o.metadata.name!) }).body as Obj;
      } catch {
        lease = undefined;
      }
      const events = showEvents ? [...eventsFor(env, o, 'Node'), ...list(env, resolve(env, 'events'), undefined, { fieldSelector: `involvedObject.kind=Node,involvedObject.name=${o.metadata.name},involvedObject.uid=${o.metadata.name},involvedObject.namespace=` })] : undefined;
      return D.describeNode(o, pods, events, lease, now);
    }
    case 'Service': {
      let slices: Obj[] = [];
      try {
        slices = list(env, resolve(env, 'endpointslices'), ns, { labelSelector: `kubernetes.io/service-name=${o.metadata.name}` });
      } catch {
        slices = [];
      }
      return D.describeService(o, slices, evs(), now);
    }
    case 'ConfigMap':
      return D.describeConfigMap(o, evs(), now);
    case 'Secret':
      return D.describeSecret(o);
    case 'ServiceAccount':
      return D.describeServiceAccount(o, tryList(env, 'secrets', ns), evs(), now);
    case 'Ingress':
      return D.describeIngress(o, (svc) => ingressBackend(env, ns, svc), evs(), now);
    case 'IngressClass':
      return D.describeIngressClass(o, evs(), now);
    case 'PersistentVolume':
      return D.describePersistentVolume(o, evs(), now);
    case 'PersistentVolumeClaim':
      return D.describePersistentVolumeClaim(o, tryList(env, 'pods', ns), evs(), now);
    case 'StorageClass':
      return D.describeStorageClass(o, evs(), now);
    case 'HorizontalPodAutoscaler':
      return D.describeHorizontalPodAutoscaler(o, evs(), now);
    case 'PodDisruptionBudget':
      return D.describePodDisruptionBudget(o, evs(), now);
    case 'PriorityClass':
      return D.describePriorityClass(o, evs(), now);
    case 'NetworkPolicy':
      return D.describeNetworkPolicy(o);
    case 'Role':
    case 'ClusterRole':
      return D.describeRole(o);
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return D.describeRoleBinding(o);
    case 'ResourceQuota':
      return D.describeResourceQuota(o);
    case 'LimitRange':
      return D.describeLimitRange(o);
    case 'Namespace': {
      const quotas = tryList(env, 'resourcequotas', o.metadata.name);
      const limits = tryList(env, 'limitranges', o.metadata.name);
      return D.describeNamespace(o, quotas, limits);
    }
    default:
      return D.describeGeneric(o, evs(), now);
  }
}

/** What the ingress describer fetches per backend: the Service's EndpointSlices, then the Service. */
function ingressBackend(env: KubectlEnv, ns: string | undefined, svc: string): D.BackendLookup {
  const endpointSlices = tryList(env, 'endpointslices', ns, { labelSelector: `kubernetes.io/service-name=${svc}` });
  try {
    return { endpointSlices, service: env.client.request({ method: 'GET', path: itemPath(resolve(env, 'services'), ns, svc) }).body as Obj };
  } catch (e) {
    return { endpointSlices, error: e instanceof ApiError ? e.message : String(e) };
  }
}

function tryList(env: KubectlEnv, resource: string, ns?: string, query: Record<string, string> = {}): Obj[] {
  try {
    return list(env, resolve(env, resource), ns, query);
  } catch {
    return [];
  }
}

function runDescribe(ctx: CmdContext): number {
  const { env, flags } = ctx;
  const files = arr(flags.filename);
  const allNs = bool(flags['all-namespaces']);
  const showEvents = flags['show-events'] !== false;
  const out: string[] = [];
  let failed = false;
  const targets: { r: ApiResource; names: string[] }[] = [];
  if (files.length) {
    for (const m of readManifests(env, files, bool(flags.recursive))) {
      const r = forKind(env, m.obj.apiVersion ?? '', m.obj.kind ?? '');
      if (r) targets.push({ r, names: [m.obj.metadata.name!] });
    }
  } else {
    if (!ctx.args.length) throw new CmdError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    targets.push(...parseResourceArgs(env, ctx.args));
  }
  const selector = str(flags.selector);
  for (const t of targets) {
    const ns = t.r.namespaced ? (allNs ? undefined : ctx.namespace) : undefined;
    if (t.names.length === 0) {
      const q: Record<string, string> = selector ? { labelSelector: selector } : {};
      const items = listing(t.r, q, () => list(env, t.r, ns, q));
      if (!items.length) {
        env.stderr(allNs || !t.r.namespaced ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
        continue;
      }
      for (const o of items) out.push(describeOne(env, t.r, o, showEvents));
      continue;
    }
    for (const name of t.names) {
      try {
        const o = env.client.request({ method: 'GET', path: itemPath(t.r, ns, name) }).body as Obj;
        out.push(describeOne(env, t.r, o, showEvents));
      } catch (e) {
        if (e instanceof ApiError && e.code === 404) {
          // describe falls back to a name-prefix match
          const matches = list(env, t.r, ns).filter((o) => o.metadata.name!.startsWith(name));
          if (matches.length) {
            for (const o of matches) out.push(describeOne(env, t.r, o, showEvents));
            continue;
          }
        }
        failed = true;
        env.stdout(out.join('\n\n'));
        out.length = 0;
        env.stderr(errorText(e));
      }
    }
  }
  if (out.length) env.stdout(out.join('\n\n'));
  return failed ? 1 : 0;
}
