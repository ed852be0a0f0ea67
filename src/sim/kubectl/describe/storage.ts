/** PersistentVolume, PersistentVolumeClaim and StorageClass describers. */
import type { Obj } from '../../client/types';
import { formatLabels } from '../../api/table/helpers';
import { accessModesString } from '../../api/table/accessmodes';
import { goSlice, printAnnotationsMultiline, printBoolPtr, printLabelsMultiline, q, rfc1123z, since, type Any } from './common';
import { describeEvents } from './events';
import { goSortSlice } from './gosort';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter, type Writer } from './writer';

const storageClassOf = (o: Obj): string => o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? o.spec?.storageClassName ?? '';

function printNodeSelectorTerm(w: Writer, level: number, title: string, reqs: Any[] | undefined): void {
  w.write(level, `${title}:\t`);
  const rs = reqs ?? [];
  if (rs.length === 0) {
    w.writeLine('<none>');
    return;
  }
  rs.forEach((r, i) => {
    if (i !== 0) w.write(level, '\t');
    let e = `${r.key} ${String(r.operator ?? '').toLowerCase()}`;
    if ((r.values ?? []).length > 0) e = `${e} [${r.values.join(', ')}]`;
    w.write(LEVEL_0, `${e}\n`);
  });
}

function pvSource(spec: Any, w: Writer): void {
  if (spec.hostPath) w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path ?? ''}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  else if (spec.nfs) w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server ?? ''}\n    Path:\t${spec.nfs.path ?? ''}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`);
  else if (spec.local) w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path ?? ''}\n`);
  else if (spec.csi)
    w.write(
      LEVEL_2,
      `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver ?? ''}\n    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle ?? ''}\n    ReadOnly:\t${spec.csi.readOnly === true}\n`,
    );
  else w.write(LEVEL_1, '<unknown>\n');
}

export function describePersistentVolume(pv: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = pv.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pv.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pv.metadata.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pv)}\n`);
  if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(now, pv.metadata.deletionTimestamp)})\n`);
  else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${spec.capacity?.storage !== undefined ? q(spec.capacity.storage) : '0'}\n`);
  w.write(LEVEL_0, 'Node Affinity:\t');
  const req = spec.nodeAffinity?.required;
  if (!req) w.writeLine('<none>');
  else {
    w.writeLine('');
    w.write(LEVEL_1, 'Required Terms:\t');
    const terms: Any[] = req.nodeSelectorTerms ?? [];
    if (terms.length === 0) w.writeLine('<none>');
    else {
      w.writeLine('');
      terms.forEach((t, i) => printNodeSelectorTerm(w, LEVEL_2, `Term ${i}`, t.matchExpressions));
    }
  }
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(LEVEL_0, 'Source:\n');
  pvSource(spec, w);
  if (events) describeEvents(events, w, now);
  return w.toString();
}

/** `pods`: the pods of the namespace; those mounting this claim are listed under Used By. */
export function describePersistentVolumeClaim(pvc: Obj, pods: Obj[], events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = pvc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pvc)}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(now, pvc.metadata.deletionTimestamp)})\n`);
  else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pvc.metadata.finalizers)}\n`);
  let capacity = '';
  let modes = '';
  if (spec.volumeName) {
    modes = accessModesString(pvc.status?.accessModes);
    capacity = pvc.status?.capacity?.storage !== undefined ? q(pvc.status.capacity.storage) : '0';
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${modes}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (typeof spec.dataSource.apiGroup === 'string') w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name ?? ''}\n`);
  }
  const users = goSortSlice(
    pods.filter((p) => (p.spec?.volumes ?? []).some((v: Any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name)),
    (a, b) => (a.metadata.name ?? '') < (b.metadata.name ?? ''),
  );
  w.write(LEVEL_0, 'Used By:\t');
  if (users.length === 0) w.writeLine('<none>');
  users.forEach((p, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${p.metadata.name}\n`);
  });
  const conds: Any[] = pvc.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  if (events) describeEvents(events, w, now);
  return w.toString();
}

export function describeStorageClass(sc: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const ann = sc.metadata.annotations ?? {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  w.write(LEVEL_0, `Name:\t${sc.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(ann)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`);
  const mo: string[] = sc.mountOptions ?? [];
  if (mo.length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const o of mo) w.write(LEVEL_1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (Array.isArray(sc.allowedTopologies)) {
    w.write(LEVEL_0, 'AllowedTopologies:\t');
    if (sc.allowedTopologies.length === 0) w.writeLine('<none>');
    else {
      w.writeLine('');
      sc.allowedTopologies.forEach((t: Any, i: number) => {
        w.write(LEVEL_1, `Term ${i}:\t`);
        const reqs: Any[] = t.matchLabelExpressions ?? [];
        if (reqs.length === 0) w.writeLine('<none>');
        reqs.forEach((r, j) => {
          if (j !== 0) w.write(LEVEL_1, '\t');
          w.write(LEVEL_0, `${r.key} in${(r.values ?? []).length ? ` [${r.values.join(', ')}]` : ''}\n`);
        });
      });
    }
  }
  if (events) describeEvents(events, w, now);
  return w.toString();
}
