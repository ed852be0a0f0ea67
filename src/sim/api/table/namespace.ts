/** printNamespace. */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const namespacePrinter: KindPrinter = {
  columns: [nameCol(), col('Status', 'string', 'The status of the namespace'), ageCol()],
  row: (o, now) => ({ cells: [o.metadata.name ?? '', o.status?.phase ?? '', since(now, o.metadata.creationTimestamp)] }),
};
