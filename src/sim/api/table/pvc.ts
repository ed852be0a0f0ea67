/** printPersistentVolumeClaim. */
import { accessModesString } from './accessmodes';
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';
import { canonicalQuantity } from './quantity';

export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Status', 'string', 'core/v1.PersistentVolumeClaimStatus.phase'),
    col('Volume', 'string', 'core/v1.PersistentVolumeClaimSpec.volumeName'),
    col('Capacity', 'string', 'core/v1.PersistentVolumeClaimStatus.capacity'),
    col('Access Modes', 'string', 'core/v1.PersistentVolumeClaimStatus.accessModes'),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageCol(),
    col('VolumeMode', 'string', 'core/v1.PersistentVolumeClaimSpec.volumeMode', 1),
  ],
  row(o, now) {
    const spec = o.spec ?? {};
    let capacity = '';
    let modes = '';
    if (spec.volumeName) {
      modes = accessModesString(o.status?.accessModes);
      const s = o.status?.capacity?.storage;
      capacity = s === undefined ? '0' : canonicalQuantity(s);
    }
    const cls = o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec.storageClassName ?? '';
    return {
      cells: [
        o.metadata.name ?? '',
        o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
        spec.volumeName ?? '',
        capacity,
        modes,
        cls,
        spec.volumeAttributesClassName ?? '<unset>',
        since(now, o.metadata.creationTimestamp),
        spec.volumeMode ?? '<unset>',
      ],
    };
  },
};
