/**
 * Defaulting and create-time strategy for the batch and StatefulSet kinds
 * (pkg/apis/batch/v1/defaults.go, pkg/registry/batch/job/strategy.go, pkg/apis/apps/v1/defaults.go).
 */
import type { Obj } from '../../client/types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

export function defaultJobSpec(s: Any): void {
  if (s.completions === undefined && s.parallelism === undefined) {
    s.completions = 1;
    s.parallelism = 1;
  }
  if (s.parallelism === undefined) s.parallelism = 1;
  if (s.backoffLimit === undefined) s.backoffLimit = s.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  if (!s.completionMode) s.completionMode = 'NonIndexed';
  if (s.suspend === undefined) s.suspend = false;
  if (!s.podReplacementPolicy) s.podReplacementPolicy = s.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  if (s.manualSelector === undefined) s.manualSelector = false;
}

export function defaultJob(job: Any): void {
  job.spec ??= {};
  defaultJobSpec(job.spec);
}

/**
 * The Job strategy's generateSelector (runs once the uid is known): selector on the controller uid,
 * the four labels on the pod template, and the template's labels on the Job when it has none.
 */
export function generateJobSelector(job: Obj): void {
  const s = job.spec;
  if (!s || s.manualSelector === true) return;
  const uid = job.metadata.uid!;
  const name = job.metadata.name!;
  s.template ??= {};
  s.template.metadata ??= {};
  s.template.metadata.labels = {
    ...(s.template.metadata.labels ?? {}),
    [CONTROLLER_UID_LABEL]: uid,
    [JOB_NAME_LABEL]: name,
    [LEGACY_CONTROLLER_UID_LABEL]: uid,
    [LEGACY_JOB_NAME_LABEL]: name,
  };
  if (!s.selector) s.selector = { matchLabels: { [CONTROLLER_UID_LABEL]: uid } };
  if (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0) job.metadata.labels = { ...s.template.metadata.labels };
}

export function defaultCronJob(cj: Any): void {
  cj.spec ??= {};
  const s = cj.spec;
  if (!s.concurrencyPolicy) s.concurrencyPolicy = 'Allow';
  if (s.suspend === undefined) s.suspend = false;
  if (s.successfulJobsHistoryLimit === undefined) s.successfulJobsHistoryLimit = 3;
  if (s.failedJobsHistoryLimit === undefined) s.failedJobsHistoryLimit = 1;
  s.jobTemplate ??= {};
  s.jobTemplate.spec ??= {};
  defaultJobSpec(s.jobTemplate.spec);
  // the template's manualSelector is not defaulted upstream (only a created Job's)
  if (s.jobTemplate.spec.manualSelector === false) delete s.jobTemplate.spec.manualSelector;
}

export function defaultStatefulSet(ss: Any): void {
  ss.spec ??= {};
  const s = ss.spec;
  if (s.replicas === undefined) s.replicas = 1;
  if (!s.podManagementPolicy) s.podManagementPolicy = 'OrderedReady';
  s.updateStrategy ??= {};
  if (!s.updateStrategy.type) s.updateStrategy.type = 'RollingUpdate';
  if (s.updateStrategy.type === 'RollingUpdate') {
    s.updateStrategy.rollingUpdate ??= {};
    if (s.updateStrategy.rollingUpdate.partition === undefined) s.updateStrategy.rollingUpdate.partition = 0;
  }
  if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
  s.persistentVolumeClaimRetentionPolicy ??= {};
  if (!s.persistentVolumeClaimRetentionPolicy.whenDeleted) s.persistentVolumeClaimRetentionPolicy.whenDeleted = 'Retain';
  if (!s.persistentVolumeClaimRetentionPolicy.whenScaled) s.persistentVolumeClaimRetentionPolicy.whenScaled = 'Retain';
  for (const t of s.volumeClaimTemplates ?? []) {
    t.apiVersion ??= 'v1';
    t.kind ??= 'PersistentVolumeClaim';
    t.metadata ??= {};
    if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null;
    t.spec ??= {};
    if (!t.spec.volumeMode) t.spec.volumeMode = 'Filesystem';
    t.status ??= { phase: 'Pending' };
  }
}

export function defaultPVC(pvc: Any): void {
  pvc.spec ??= {};
  if (!pvc.spec.volumeMode) pvc.spec.volumeMode = 'Filesystem';
  pvc.status ??= {};
  if (!pvc.status.phase) pvc.status.phase = 'Pending';
}

export function defaultPV(pv: Any): void {
  pv.spec ??= {};
  if (!pv.spec.persistentVolumeReclaimPolicy) pv.spec.persistentVolumeReclaimPolicy = 'Retain';
  if (!pv.spec.volumeMode) pv.spec.volumeMode = 'Filesystem';
  pv.status ??= {};
  if (!pv.status.phase) pv.status.phase = 'Pending';
}
