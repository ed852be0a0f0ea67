/**
 * Server-side Table conversion: what the apiserver answers to
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (reference/TABLES.md).
 * Pure: callers pass the objects (in list order) and the clock.
 */
import type { Obj } from '../../client/types';
import { configMapPrinter } from './configmap';
import { controllerRevisionPrinter } from './controllerrevision';
import { cronJobPrinter } from './cronjob';
import { daemonSetPrinter } from './daemonset';
import { defaultPrinter } from './default';
import { deploymentPrinter } from './deployment';
import { endpointsPrinter } from './endpoints';
import { endpointSlicePrinter } from './endpointslice';
import { eventPrinter } from './event';
import { hpaPrinter } from './hpa';
import { ingressPrinter } from './ingress';
import { ingressClassPrinter } from './ingressclass';
import { jobPrinter } from './job';
import { leasePrinter } from './lease';
import { namespacePrinter } from './namespace';
import { networkPolicyPrinter } from './networkpolicy';
import { nodePrinter } from './node';
import { podDisruptionBudgetPrinter } from './pdb';
import { podPrinter } from './pod';
import type { KindPrinter } from './printer';
import { priorityClassPrinter } from './priorityclass';
import { persistentVolumePrinter } from './pv';
import { persistentVolumeClaimPrinter } from './pvc';
import { replicaSetPrinter } from './replicaset';
import { resourceQuotaPrinter } from './resourcequota';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rolebinding';
import { secretPrinter } from './secret';
import { servicePrinter } from './service';
import { serviceAccountPrinter } from './serviceaccount';
import { statefulSetPrinter } from './statefulset';
import { storageClassPrinter } from './storageclass';
import type { Table, TableRow, ToTableOptions } from './types';

export type { ColumnDefinition, IncludeObject, Table, TableRow, TableRowCondition, ToTableOptions } from './types';

const PRINTERS: Record<string, KindPrinter> = {
  Pod: podPrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  StatefulSet: statefulSetPrinter,
  DaemonSet: daemonSetPrinter,
  ControllerRevision: controllerRevisionPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  EndpointSlice: endpointSlicePrinter,
  Ingress: ingressPrinter,
  IngressClass: ingressClassPrinter,
  NetworkPolicy: networkPolicyPrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
  Event: eventPrinter,
  Lease: leasePrinter,
  PriorityClass: priorityClassPrinter,
  StorageClass: storageClassPrinter,
  PersistentVolume: persistentVolumePrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  ResourceQuota: resourceQuotaPrinter,
  RoleBinding: roleBindingPrinter,
  ClusterRoleBinding: clusterRoleBindingPrinter,
  HorizontalPodAutoscaler: hpaPrinter,
  PodDisruptionBudget: podDisruptionBudgetPrinter,
};

/** Whether `kind` has a dedicated printer (others get Name + Created At). */
export function hasPrinter(kind: string): boolean {
  return kind in PRINTERS;
}

/** PartialObjectMetadata for a row: the object's metadata without managedFields. */
export function partialObjectMetadata(o: Obj): { kind: 'PartialObjectMetadata'; apiVersion: 'meta.k8s.io/v1'; metadata: Obj['metadata'] } {
  const { managedFields: _mf, ...metadata } = o.metadata ?? {};
  void _mf;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

export function toTable(kind: string, objects: Obj[], nowMs: number, opts: ToTableOptions = {}): Table {
  const p = PRINTERS[kind] ?? defaultPrinter;
  const include = opts.includeObject ?? 'Metadata';
  const rows: TableRow[] = objects.map((o) => {
    const r = p.row(o, nowMs);
    const row: TableRow = { cells: r.cells };
    if (r.conditions) row.conditions = r.conditions.map((c) => ({ ...c }));
    if (include === 'Object') row.object = o;
    else if (include === 'Metadata') row.object = partialObjectMetadata(o);
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (opts.resourceVersion !== undefined) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.noHeaders ? null : p.columns.map((c) => ({ ...c })),
    rows,
  };
}
