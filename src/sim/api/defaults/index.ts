/** Defaulting for every served kind (what the apiserver fills in before validation). */
import { defaultPod, defaultPodSpec } from './podspec';
import { defaultEndpointSlice, defaultEndpoints, defaultHPA, defaultLimitRange, defaultNetworkPolicy, defaultPriorityClass, defaultSecret, defaultStorageClass } from './more';
import { defaultCronJob, defaultJob, defaultPV, defaultPVC, defaultStatefulSet } from '../helpers/workloads';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function defaultTemplate(t: Any): void {
  t.metadata ??= {};
  if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null;
  t.spec ??= {};
  defaultPodSpec(t.spec);
}

const DEFAULTERS: Record<string, (o: Any) => void> = {
  Pod: defaultPod,
  Deployment(d) {
    d.spec ??= {};
    const s = d.spec;
    if (s.replicas === undefined) s.replicas = 1;
    s.strategy ??= {};
    if (!s.strategy.type) s.strategy.type = 'RollingUpdate';
    if (s.strategy.type === 'RollingUpdate') {
      s.strategy.rollingUpdate ??= {};
      if (s.strategy.rollingUpdate.maxSurge === undefined) s.strategy.rollingUpdate.maxSurge = '25%';
      if (s.strategy.rollingUpdate.maxUnavailable === undefined) s.strategy.rollingUpdate.maxUnavailable = '25%';
    }
    if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
    if (s.progressDeadlineSeconds === undefined) s.progressDeadlineSeconds = 600;
    defaultTemplate((s.template ??= {}));
  },
  ReplicaSet(rs) {
    rs.spec ??= {};
    if (rs.spec.replicas === undefined) rs.spec.replicas = 1;
    defaultTemplate((rs.spec.template ??= {}));
  },
  DaemonSet(ds) {
    ds.spec ??= {};
    const s = ds.spec;
    s.updateStrategy ??= {};
    if (!s.updateStrategy.type) s.updateStrategy.type = 'RollingUpdate';
    if (s.updateStrategy.type === 'RollingUpdate') {
      s.updateStrategy.rollingUpdate ??= {};
      if (s.updateStrategy.rollingUpdate.maxUnavailable === undefined) s.updateStrategy.rollingUpdate.maxUnavailable = 1;
      if (s.updateStrategy.rollingUpdate.maxSurge === undefined) s.updateStrategy.rollingUpdate.maxSurge = 0;
    }
    if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
    defaultTemplate((s.template ??= {}));
  },
  Service(svc) {
    svc.spec ??= {};
    const s = svc.spec;
    if (!s.type) s.type = 'ClusterIP';
    if (!s.sessionAffinity) s.sessionAffinity = 'None';
    for (const p of s.ports ?? []) {
      if (!p.protocol) p.protocol = 'TCP';
      if (p.targetPort === undefined) p.targetPort = p.port;
    }
    if (s.type !== 'ExternalName') {
      if (!s.internalTrafficPolicy) s.internalTrafficPolicy = 'Cluster';
    }
    if ((s.type === 'NodePort' || s.type === 'LoadBalancer') && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
    if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined) s.allocateLoadBalancerNodePorts = true;
  },
  Job(j) {
    defaultJob(j);
    defaultTemplate((j.spec.template ??= {}));
  },
  CronJob(cj) {
    defaultCronJob(cj);
    cj.spec.jobTemplate.metadata ??= {};
    if (cj.spec.jobTemplate.metadata.creationTimestamp === undefined) cj.spec.jobTemplate.metadata.creationTimestamp = null;
    defaultTemplate((cj.spec.jobTemplate.spec.template ??= {}));
  },
  StatefulSet(ss) {
    defaultStatefulSet(ss);
    defaultTemplate((ss.spec.template ??= {}));
  },
  PersistentVolumeClaim: defaultPVC,
  PersistentVolume: defaultPV,
  PriorityClass: defaultPriorityClass,
  Secret: defaultSecret,
  StorageClass: defaultStorageClass,
  NetworkPolicy: defaultNetworkPolicy,
  HorizontalPodAutoscaler: defaultHPA,
  LimitRange: defaultLimitRange,
  Endpoints: defaultEndpoints,
  EndpointSlice: defaultEndpointSlice,
  Namespace(ns) {
    ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name };
  },
};

export function applyDefaults(kind: string, obj: Any): void {
  DEFAULTERS[kind]?.(obj);
}
