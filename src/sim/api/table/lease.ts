/** printLease. */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const leasePrinter: KindPrinter = {
  columns: [nameCol(), col('Holder', 'string', 'coordination/v1.LeaseSpec.holderIdentity'), ageCol()],
  row: (o, now) => ({ cells: [o.metadata.name ?? '', o.spec?.holderIdentity ?? '', since(now, o.metadata.creationTimestamp)] }),
};
