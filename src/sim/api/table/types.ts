/** meta.k8s.io/v1 Table, as the apiserver returns it for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. */

export interface ColumnDefinition {
  name: string;
  type: string; // string | integer | number | boolean | date
  format: string; // 'name' on the Name column, '' elsewhere
  description: string;
  priority: number; // 0 = always shown, 1 = only with -o wide
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: ColumnDefinition[] | null;
  rows: TableRow[];
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface ToTableOptions {
  includeObject?: IncludeObject;
  noHeaders?: boolean;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}
