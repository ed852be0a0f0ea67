/** printPriorityClass (the server always generates the wide PreemptionPolicy cell). */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const priorityClassPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Value', 'integer', 'scheduling/v1.PriorityClass.value'),
    col('Global-Default', 'boolean', 'scheduling/v1.PriorityClass.globalDefault'),
    ageCol(),
    col('PreemptionPolicy', 'string', 'scheduling/v1.PriorityClass.preemptionPolicy'),
  ],
  row: (o, now) => ({
    cells: [o.metadata.name ?? '', typeof o.value === 'number' ? o.value : 0, o.globalDefault === true, since(now, o.metadata.creationTimestamp), o.preemptionPolicy ?? ''],
  }),
};
