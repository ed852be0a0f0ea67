/** What one kind's server-side printer provides (one file per kind, registered in index.ts). */
import type { Obj } from '../../client/types';
import type { ColumnDefinition, TableRowCondition } from './types';

export interface RowCells {
  cells: unknown[];
  conditions?: TableRowCondition[];
}

export interface KindPrinter {
  columns: ColumnDefinition[];
  row(obj: Obj, nowMs: number): RowCells;
}
