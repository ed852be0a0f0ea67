/** printPersistentVolume. */
import { accessModesString } from './accessmodes';
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';
import { canonicalQuantity } from './quantity';

export const persistentVolumePrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Capacity', 'string', 'core/v1.PersistentVolumeSpec.capacity'),
    col('Access Modes', 'string', 'core/v1.PersistentVolumeSpec.accessModes'),
    col('Reclaim Policy', 'string', 'core/v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy'),
    col('Status', 'string', 'core/v1.PersistentVolumeStatus.phase'),
    col('Claim', 'string', 'core/v1.PersistentVolumeSpec.claimRef'),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', 'core/v1.PersistentVolumeStatus.reason'),
    ageCol(),
    col('VolumeMode', 'string', 'core/v1.PersistentVolumeSpec.volumeMode', 1),
  ],
  row(o, now) {
    const spec = o.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    const cls = o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec.storageClassName ?? '';
    const storage = spec.capacity?.storage;
    return {
      cells: [
        o.metadata.name ?? '',
        storage === undefined ? '0' : canonicalQuantity(storage),
        accessModesString(spec.accessModes),
        spec.persistentVolumeReclaimPolicy ?? '',
        o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
        claim,
        cls,
        spec.volumeAttributesClassName ?? '<unset>',
        o.status?.reason ?? '',
        since(now, o.metadata.creationTimestamp),
        spec.volumeMode ?? '<unset>',
      ],
    };
  },
};
