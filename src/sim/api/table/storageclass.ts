/** printStorageClass. */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const storageClassPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Provisioner', 'string', 'storage/v1.StorageClass.provisioner'),
    col('ReclaimPolicy', 'string', 'storage/v1.StorageClass.reclaimPolicy'),
    col('VolumeBindingMode', 'string', 'storage/v1.StorageClass.volumeBindingMode'),
    col('AllowVolumeExpansion', 'string', 'storage/v1.StorageClass.allowVolumeExpansion'),
    ageCol(),
  ],
  row(o, now) {
    const ann = o.metadata.annotations ?? {};
    const isDefault =
      ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return {
      cells: [
        (o.metadata.name ?? '') + (isDefault ? ' (default)' : ''),
        o.provisioner ?? '',
        o.reclaimPolicy ?? 'Delete',
        o.volumeBindingMode ?? 'Immediate',
        o.allowVolumeExpansion === true,
        since(now, o.metadata.creationTimestamp),
      ],
    };
  },
};
