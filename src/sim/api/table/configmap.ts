/** printConfigMap. */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const configMapPrinter: KindPrinter = {
  columns: [nameCol(), col('Data', 'string', 'core/v1.ConfigMap.data'), ageCol()],
  row: (o, now) => ({
    cells: [o.metadata.name ?? '', Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, since(now, o.metadata.creationTimestamp)],
  }),
};
