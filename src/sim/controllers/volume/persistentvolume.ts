/**
 * The persistent-volume binder (pkg/controller/volume/persistentvolume) and, simulated inside the
 * controller manager, the cluster's dynamic provisioner for its default StorageClass
 * (`local-path`, provisioner `rancher.io/local-path`, WaitForFirstConsumer, as on the usual
 * practice clusters).
 *
 * - a PVC without a class gets the default class (retroactive default StorageClass assignment);
 * - Immediate: bound to a matching Available PV, else provisioned at once;
 * - WaitForFirstConsumer: Pending ("waiting for first consumer…") until the scheduler annotates
 *   `volume.kubernetes.io/selected-node`, then provisioned on that node;
 * - the provisioner creates `pvc-<claim uid>`; the binder binds both sides;
 * - a deleted claim releases its PV; reclaimPolicy Delete deletes it.
 */
import type { Obj } from '../../client/types';
import type { SyncResult } from '../../client/workqueue';
import { parseQuantity } from '../../core/quantity';
import { fromLabelSelectorObject, matchLabels } from '../../api/selectors';
import { Controller } from '../controller';
import { EventRecorder } from '../../client/events';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

export function defaultStorageClass(classes: Obj[]): Obj | undefined {
  return classes.filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true').sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''))[0];
}

const request = (pvc: Obj): number => parseQuantity(pvc.spec?.resources?.requests?.storage ?? '0');
const capacity = (pv: Obj): number => parseQuantity(pv.spec?.capacity?.storage ?? '0');

export class PersistentVolumeController extends Controller {
  readonly name = 'persistentvolume-binder-controller';
  protected readonly eventSource = 'persistentvolume-controller';
  private provisionerEvents!: EventRecorder;

  protected register(): void {
    this.provisionerEvents = new EventRecorder(this.client, this.clock, this.ctx.rng, `${LOCAL_PATH_PROVISIONER}_local-path-provisioner`);
    this.informers.on('persistentvolumeclaims', { add: (c) => this.enqueue(`pvc/${c.metadata.namespace}/${c.metadata.name}`), update: (_o, c) => this.enqueue(`pvc/${c.metadata.namespace}/${c.metadata.name}`), delete: (c) => this.onClaimDeleted(c) });
    const onPV = (v: Obj) => {
      this.enqueue(`pv/${v.metadata.name}`);
      // an Available volume may be what a pending claim waits for
      if (!v.spec?.claimRef) for (const c of this.informers.list('persistentvolumeclaims')) if (c.status?.phase !== 'Bound') this.enqueue(`pvc/${c.metadata.namespace}/${c.metadata.name}`);
    };
    this.informers.on('persistentvolumes', { add: onPV, update: (_o, v) => onPV(v) });
    this.informers.on('storageclasses', { add: () => this.resyncClaims() });
  }

  private resyncClaims(): void {
    for (const c of this.informers.list('persistentvolumeclaims')) this.enqueue(`pvc/${c.metadata.namespace}/${c.metadata.name}`);
  }

  private onClaimDeleted(c: Obj): void {
    const pv = c.spec?.volumeName && this.informers.get('persistentvolumes').getByName(undefined, c.spec.volumeName);
    if (pv) this.enqueue(`pv/${pv.metadata.name}`);
  }

  protected sync(key: string): SyncResult {
    if (key.startsWith('pv/')) return this.syncVolume(key.slice(3));
    const rest = key.slice(4);
    const i = rest.indexOf('/');
    return this.syncClaim(rest.slice(0, i), rest.slice(i + 1));
  }

  private syncClaim(ns: string, name: string): SyncResult {
    const pvc = this.informers.get('persistentvolumeclaims').getByName(ns, name);
    if (!pvc || pvc.metadata.deletionTimestamp) return;
    const classes = this.informers.list('storageclasses');
    if (pvc.spec?.storageClassName === undefined || pvc.spec?.storageClassName === null) {
      const def = defaultStorageClass(classes);
      if (def) {
        this.client.patch('persistentvolumeclaims', ns, name, { spec: { storageClassName: def.metadata.name } }, 'merge');
        return;
      }
    }
    if (pvc.status?.phase === 'Bound') {
      const pv = this.informers.get('persistentvolumes').getByName(undefined, pvc.spec.volumeName);
      if (!pv) this.setClaimPhase(pvc, 'Lost');
      return;
    }
    const className: string = pvc.spec?.storageClassName ?? '';
    // a pre-bound claim (spec.volumeName) or a matching Available volume
    const pvs = this.informers.list('persistentvolumes');
    let pv = pvc.spec?.volumeName ? pvs.find((v) => v.metadata.name === pvc.spec.volumeName) : undefined;
    if (!pv) pv = pvs.find((v) => v.spec?.claimRef?.uid === pvc.metadata.uid);
    if (!pv && !pvc.spec?.volumeName) pv = this.findMatch(pvc, pvs, className);
    if (pv) return this.bind(pvc, pv);
    const sc = classes.find((c) => c.metadata.name === className);
    if (!sc || !sc.provisioner || sc.provisioner === 'kubernetes.io/no-provisioner') {
      if (!className || !sc) this.recorder.event(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    if ((sc.volumeBindingMode ?? 'Immediate') === 'WaitForFirstConsumer' && !pvc.metadata.annotations?.[SELECTED_NODE]) {
      this.recorder.event(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
    if (!pvc.metadata.annotations?.['volume.kubernetes.io/storage-provisioner']) {
      this.client.patch('persistentvolumeclaims', ns, name, { metadata: { annotations: { 'volume.beta.kubernetes.io/storage-provisioner': sc.provisioner, 'volume.kubernetes.io/storage-provisioner': sc.provisioner } } }, 'merge');
      this.recorder.event(pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
      return;
    }
    if (sc.provisioner === LOCAL_PATH_PROVISIONER) this.provision(pvc, sc);
  }

  private findMatch(pvc: Obj, pvs: Obj[], className: string): Obj | undefined {
    const want = request(pvc);
    const modes: string[] = pvc.spec?.accessModes ?? [];
    const sel = pvc.spec?.selector ? fromLabelSelectorObject(pvc.spec.selector) : undefined;
    return pvs
      .filter((v) => v.status?.phase === 'Available' && !v.spec?.claimRef && (v.spec?.storageClassName ?? '') === className)
      .filter((v) => capacity(v) >= want && modes.every((m) => (v.spec?.accessModes ?? []).includes(m)))
      .filter((v) => (v.spec?.volumeMode ?? 'Filesystem') === (pvc.spec?.volumeMode ?? 'Filesystem'))
      .filter((v) => !sel || matchLabels(sel, v.metadata.labels))
      .sort((a, b) => capacity(a) - capacity(b) || a.metadata.name!.localeCompare(b.metadata.name!))[0];
  }

  /** The simulated local-path provisioner: a hostPath PV on the selected node. */
  private provision(pvc: Obj, sc: Obj): void {
    const ns = pvc.metadata.namespace!;
    const name = `pvc-${pvc.metadata.uid}`;
    if (this.informers.get('persistentvolumes').getByName(undefined, name)) return;
    const node = pvc.metadata.annotations?.[SELECTED_NODE];
    this.provisionerEvents.event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`);
    const pv: Obj = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { 'local.path.provisioner/selected-node': node ?? '', 'pv.kubernetes.io/provisioned-by': sc.provisioner } },
      spec: {
        accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '1Gi' },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: ns, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid },
        hostPath: { path: `/opt/local-path-provisioner/${name}_${ns}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
        ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      },
    };
    try {
      this.client.create('persistentvolumes', undefined, pv);
      this.provisionerEvents.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
    } catch {
      // exists already
    }
  }

  private bind(pvc: Obj, pv: Obj): void {
    const ns = pvc.metadata.namespace!;
    try {
      if (!pv.spec?.claimRef || pv.spec.claimRef.uid !== pvc.metadata.uid) {
        pv = this.client.patch('persistentvolumes', undefined, pv.metadata.name!, { metadata: { annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } }, spec: { claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: ns, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid } } }, 'merge');
      }
      if (pv.status?.phase !== 'Bound') this.client.update('persistentvolumes', undefined, { ...pv, status: { phase: 'Bound' } }, 'status');
      const ann: Record<string, string> = { 'pv.kubernetes.io/bind-completed': 'yes' };
      if (!pvc.spec?.volumeName) ann['pv.kubernetes.io/bound-by-controller'] = 'yes';
      const claim = this.client.patch('persistentvolumeclaims', ns, pvc.metadata.name!, { metadata: { annotations: ann }, spec: { volumeName: pv.metadata.name } }, 'merge');
      this.client.update('persistentvolumeclaims', ns, { ...claim, status: { phase: 'Bound', accessModes: pv.spec.accessModes, capacity: pv.spec.capacity } }, 'status');
    } catch {
      this.enqueueAfter(`pvc/${ns}/${pvc.metadata.name}`, 1000);
    }
  }

  private setClaimPhase(pvc: Obj, phase: string): void {
    try {
      this.client.update('persistentvolumeclaims', pvc.metadata.namespace, { ...pvc, status: { ...pvc.status, phase } }, 'status');
    } catch {
      // next sync
    }
  }

  private syncVolume(name: string): SyncResult {
    const pv = this.informers.get('persistentvolumes').getByName(undefined, name);
    if (!pv || pv.metadata.deletionTimestamp) return;
    const ref = pv.spec?.claimRef;
    if (!ref) {
      if (pv.status?.phase !== 'Available') this.client.update('persistentvolumes', undefined, { ...pv, status: { phase: 'Available' } }, 'status');
      return;
    }
    const claim = this.informers.get('persistentvolumeclaims').getByName(ref.namespace, ref.name);
    if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) {
      this.enqueue(`pvc/${ref.namespace}/${ref.name}`);
      return;
    }
    if (!claim && pv.status?.phase === 'Bound') {
      // the claim is gone: Released, then reclaimed
      if ((pv.spec.persistentVolumeReclaimPolicy ?? 'Retain') === 'Delete') {
        try {
          this.client.delete('persistentvolumes', undefined, name);
        } catch {
          // gone
        }
        return;
      }
      this.client.update('persistentvolumes', undefined, { ...pv, status: { phase: 'Released' } }, 'status');
    }
  }
}
