/**
 * kubectl's HumanReadablePrinter for server-side Tables (cli-runtime printers/tableprinter.go):
 * decorateTable (NAMESPACE, -L, --show-labels, kind prefix) + printTable, through the tabwriter.
 */
import type { ColumnDefinition, Table, TableRow } from '../../api/table/types';
import { formatLabels } from '../../api/table/helpers';
import { goSprint } from './gofmt';
import { KUBECTL_TABLE_OPTS, TabWriter } from './tabwriter';

export interface PrintTableOptions {
  /** -o wide: also the priority>0 columns. */
  wide?: boolean;
  noHeaders?: boolean;
  /** --show-labels: a LABELS column last. */
  showLabels?: boolean;
  /** -L key,…: one column per key, header = last path segment upper-cased. */
  labelColumns?: string[];
  /** -A: a NAMESPACE column first (from row.object.metadata.namespace). */
  withNamespace?: boolean;
  /** Prefix for the Name column when several kinds are printed (`pod`, `deployment.apps`). */
  showKind?: string;
  /** --output-watch-events: an EVENT column first (`ADDED`, `MODIFIED`…). */
  eventType?: string;
}

interface MetaLike {
  namespace?: string;
  labels?: Record<string, string>;
}

function rowMeta(row: TableRow): MetaLike | undefined {
  const o = row.object as { metadata?: MetaLike } | undefined;
  if (!o || typeof o !== 'object' || !o.metadata || typeof o.metadata !== 'object') return undefined;
  return o.metadata;
}

function labelHeaders(keys: string[]): string[] {
  return keys.map((k) => {
    const p = k.split('/');
    return p[p.length - 1].toUpperCase();
  });
}

const WATCH_EVENT: Record<string, string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' };

/** decorateTable: the column definitions and rows to print (the input is not modified; undecorated rows are the table's own cells). */
export function decorateTable(table: Table, o: PrintTableOptions): { columns: ColumnDefinition[]; rows: unknown[][] } {
  const base = table.columnDefinitions ?? [];
  const labelKeys = o.labelColumns ?? [];
  let width = base.length + labelKeys.length;
  if (o.withNamespace) width++;
  if (o.showLabels) width++;
  let nameColumn = -1;
  if (o.showKind) nameColumn = base.findIndex((c) => c.format === 'name' && c.type === 'string');
  let columns = base;
  if (width !== base.length) {
    columns = [];
    if (o.withNamespace) columns.push(col('Namespace'));
    columns.push(...base);
    for (const h of labelHeaders(labelKeys)) columns.push(col(h));
    if (o.showLabels) columns.push(col('Labels'));
  }
  const includeLabels = labelKeys.length > 0 || !!o.showLabels;
  const plain = !(includeLabels || o.withNamespace || nameColumn !== -1);
  const rows = table.rows.map((row) => {
    if (plain) return row.cells; // read only from here on
    let cells = [...row.cells];
    if (nameColumn !== -1) cells[nameColumn] = `${o.showKind!.toLowerCase()}/${goSprint(cells[nameColumn])}`;
    const m = rowMeta(row);
    if (!m) {
      if (o.withNamespace) cells = [null, ...cells];
      while (cells.length < width) cells.push(null);
      return cells;
    }
    if (o.withNamespace) cells = [m.namespace ?? '', ...cells];
    if (includeLabels) {
      const labels = m.labels ?? {};
      for (const k of labelKeys) cells.push(labels[k] ?? '');
      if (o.showLabels) cells.push(formatLabels(labels));
    }
    return cells;
  });
  if (o.eventType !== undefined) {
    columns = [col('Event'), ...columns];
    const ev = WATCH_EVENT[o.eventType] ?? o.eventType;
    return { columns, rows: rows.map((r) => [ev, ...r]) };
  }
  return { columns, rows };
}

function col(name: string): ColumnDefinition {
  return { name, type: 'string', format: '', description: '', priority: 0 };
}

/** terminalEscaper: ESC → `^[`, CR → `\r`. */
function escapeTerminal(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

const NEEDS_ESCAPE = /[\x1b\r]/;
/** A cell kubectl prints as it is: no line break, nothing to escape. */
const PLAIN = /^[^\f\n\r\x1b]*$/;

/** The lines printTable feeds to the tabwriter, as cells (each line is its cells joined by tabs). */
export function tableLines(columns: ColumnDefinition[], rows: unknown[][], o: { wide?: boolean; noHeaders?: boolean }): string[][] {
  const lines: string[][] = [];
  if (!o.noHeaders) {
    if (rows.length === 0) return lines;
    lines.push(columns.filter((c) => o.wide || c.priority === 0).map((c) => c.name.toUpperCase()));
  }
  const n = columns.length;
  for (const cells of rows) {
    const parts: string[] = [];
    for (let i = 0; i < cells.length && i < n; i++) {
      if (!o.wide && columns[i].priority !== 0) continue;
      parts.push(cellText(cells[i]));
    }
    lines.push(parts);
  }
  return lines;
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    if (PLAIN.test(cell)) return cell;
    const br = cell.search(/[\f\n\r]/);
    return br >= 0 ? escapeTerminal(cell.slice(0, br)) + '...' : escapeTerminal(cell);
  }
  return escapeTerminal(goSprint(cell));
}

/** One-shot rendering of a server Table, exactly as `kubectl get` prints it. */
export function printTable(table: Table, opts: PrintTableOptions = {}): string {
  const p = new TablePrinter(opts);
  return p.print(table) + p.flush();
}

/**
 * Stateful printer for `kubectl get -w` and multi-table output: headers are printed once per
 * column set, column widths are remembered across flushes (RememberWidths).
 */
export class TablePrinter {
  private w = new TabWriter(KUBECTL_TABLE_OPTS);
  private lastColumns: ColumnDefinition[] | null = null;
  private printedHeaders = false;

  constructor(private opts: PrintTableOptions = {}) {}

  /** Buffer a Table; returns any text the tabwriter already released (lines are held until flush). */
  print(table: Table, eventType?: string): string {
    const local: PrintTableOptions = { ...this.opts, eventType };
    const defs = table.columnDefinitions;
    if (this.printedHeaders && (!defs || defs.length === 0 || sameColumns(defs, this.lastColumns))) local.noHeaders = true;
    let t = table;
    if (!defs || defs.length === 0) t = { ...table, columnDefinitions: this.lastColumns };
    else if (!sameColumns(defs, this.lastColumns)) {
      this.lastColumns = defs;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    const { columns, rows } = decorateTable(t, local);
    for (const cells of tableLines(columns, rows, local)) this.w.writeRow(cells);
    return this.w.take();
  }

  /** Flush the tabwriter (kubectl flushes at the end of the list and after each watch event). */
  flush(): string {
    this.w.flush();
    return this.w.take();
  }

  /** Start a new resource group (get with several kinds): forget the remembered widths. */
  resetWidths(): void {
    this.w.setRememberedWidths([]);
  }
}

export interface TableGroup {
  /** The REST mapping the table belongs to (`pods`, `deployments.apps`); consecutive tables of one mapping share a printer. */
  mapping: string;
  table: Table;
  /** Per-mapping options (e.g. `showKind: 'deployment.apps'`, `withNamespace` only for namespaced kinds). */
  opts?: PrintTableOptions;
}

/**
 * `kubectl get` over several tables (get.go Run): a new printer per mapping — flush, forget the
 * remembered widths, and a blank line before the next group's output when something was printed.
 */
export function printTableGroups(groups: TableGroup[], common: PrintTableOptions = {}): string {
  let out = '';
  let printer: TablePrinter | undefined;
  let lastMapping: string | undefined;
  let separatorReady = false;
  const emit = (s: string) => {
    if (!s) return;
    if (separatorReady) {
      out += '\n';
      separatorReady = false;
    }
    out += s;
  };
  for (const g of groups) {
    if (!printer || g.mapping !== lastMapping) {
      if (printer) emit(printer.flush());
      if (lastMapping !== undefined && !common.noHeaders && out.length > 0) separatorReady = true;
      printer = new TablePrinter({ ...common, ...g.opts });
      lastMapping = g.mapping;
    }
    emit(printer.print(g.table));
  }
  if (printer) emit(printer.flush());
  return out;
}

function sameColumns(a: ColumnDefinition[], b: ColumnDefinition[] | null): boolean {
  if (!b || a.length !== b.length) return false;
  return a.every((c, i) => {
    const d = b[i];
    return c.name === d.name && c.type === d.type && c.format === d.format && c.description === d.description && c.priority === d.priority;
  });
}
