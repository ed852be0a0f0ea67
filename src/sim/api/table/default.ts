/** The apiserver's default table convertor (apiserver/pkg/registry/rest/table.go) for kinds without a printer. */
import { col, nameCol } from './helpers';
import type { KindPrinter } from './printer';

export const defaultPrinter: KindPrinter = {
  columns: [nameCol(), col('Created At', 'date', 'meta/v1.ObjectMeta.creationTimestamp')],
  // creationTimestamp.Time.UTC().Format(time.RFC3339); a zero time formats as year 1
  row: (o) => ({ cells: [o.metadata.name ?? '', o.metadata.creationTimestamp ?? '0001-01-01T00:00:00Z'] }),
};
