/**
 * kubectl describe, as pure functions: callers fetch what kubectl fetches (see the goldens'
 * requests.txt) and pass it in. `events` undefined = no Events section (--show-events=false).
 * Every output ends with a newline; kubectl separates several objects with one blank line
 * (i.e. joins outputs with "\n\n").
 */
export { describePod } from './pod';
export { describeDeployment, describeReplicaSet, describeDaemonSet, describeJob, splitReplicaSets, podStatusCounts } from './workloads';
export { describeNode, podRequestsAndLimits } from './node';
export { describeService, describeEndpoints, describeEndpointSlice, formatEndpointSlices } from './service';
export { describeIngress, describeIngressClass, type BackendLookup, type BackendResolver } from './ingress';
export { describeConfigMap, describeSecret, describeServiceAccount } from './config';
export { describeNamespace, describeResourceQuota, describeLimitRange } from './namespace';
export { describeGeneric, smartLabelFor } from './generic';
export { describeEvents, sortEvents } from './events';
export { rfc1123z } from './common';
export { describeStatefulSet, describeCronJob } from './apps-more';
export { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage';
export { describeHorizontalPodAutoscaler, describePodDisruptionBudget, describePriorityClass, describeNetworkPolicy } from './policy';
export { describeRole, describeRoleBinding } from './rbac';
