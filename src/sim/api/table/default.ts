/** The apiserver's default table convertor (apiserver/pkg/registry/rest/table.go) for kinds without a printer. */
import { col, nameCol } from './helpers';
import type { KindPrinter } from './printer';

export const defaultPrinter: KindPrinter = {
  columns: [nameCol(), col('Created At', 'date', 'meta/v1.ObjectMeta.creationTimestamp')],
  row: (o) => ({ cells: [o.metadata.name ?? '', o.metadata.creationTimestamp ?? null] }),
};
