/** printSecret. */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const secretPrinter: KindPrinter = {
  columns: [nameCol(), col('Type', 'string', 'core/v1.Secret.type'), col('Data', 'string', 'core/v1.Secret.data'), ageCol()],
  row: (o, now) => ({ cells: [o.metadata.name ?? '', o.type ?? '', Object.keys(o.data ?? {}).length, since(now, o.metadata.creationTimestamp)] }),
};
