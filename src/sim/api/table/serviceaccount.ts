/** printServiceAccount. */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const serviceAccountPrinter: KindPrinter = {
  columns: [nameCol(), col('Secrets', 'string', 'core/v1.ServiceAccount.secrets'), ageCol()],
  row: (o, now) => ({ cells: [o.metadata.name ?? '', (o.secrets ?? []).length, since(now, o.metadata.creationTimestamp)] }),
};
