/**
 * `kubectl get -o custom-columns=HEADER:.path,…` and `-o custom-columns-file=FILE`
 * (kubectl pkg/cmd/get/customcolumn.go): relaxed JSONPath per column, `<none>` when nothing matches,
 * several matches joined with `,`, maps/slices printed with Go's fmt (`map[app:web]`), the table through
 * kubectl's tabwriter.
 */
import { JsonPath, PrinterError, sprintValue } from './jsonpath';
import { KUBECTL_TABLE_OPTS, TabWriter } from './tabwriter';

export interface Column {
  header: string;
  fieldSpec: string;
}

const JSON_RE = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}`, `{.a.b}` → `{.a.b}`. */
export function relaxedJsonPath(expr: string): string {
  if (expr.length === 0) return expr;
  const m = JSON_RE.exec(expr);
  if (!m) throw new PrinterError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] !== undefined && m[1] !== '' ? m[1] : m[2]}}`;
}

/** NewCustomColumnsPrinterFromSpec. Throws PrinterError with kubectl's message. */
export function parseCustomColumnsSpec(spec: string): Column[] {
  if (spec.length === 0) throw new PrinterError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new PrinterError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJsonPath(part.slice(i + 1)) };
  });
}

const words = (line: string) => line.split(/[ \t\n\v\f\r\u0085\u00a0]+/u).filter(Boolean);

/** NewCustomColumnsPrinterFromTemplate: a header line and a spec line, whitespace separated. */
export function parseCustomColumnsFile(text: string): Column[] {
  // bufio.Scanner with ScanLines: a final newline does not start another line; `\r` before `\n` is dropped
  const lines = text === '' ? [] : text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (text.endsWith('\n')) lines.pop();
  if (lines.length < 1)
    throw new PrinterError('invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.');
  if (lines.length < 2)
    throw new PrinterError('invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.');
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) throw new PrinterError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((h, i) => ({ header: h, fieldSpec: relaxedJsonPath(specs[i]) }));
}

function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

export interface CustomColumnsResult {
  stdout: string;
  /** Set when printing failed part-way (kubectl prints what it had, then `error: …`). */
  error?: PrinterError;
}

/**
 * CustomColumnsPrinter.PrintObj for the objects of one `get` (the items of a list, in order).
 * Column parse errors surface after the header line, as in kubectl.
 */
export function printCustomColumns(columns: Column[], objects: unknown[], opts: { noHeaders?: boolean } = {}): CustomColumnsResult {
  const w = new TabWriter(KUBECTL_TABLE_OPTS);
  if (!opts.noHeaders) w.write(columns.map((c) => c.header).join('\t') + '\n');
  let parsers: JsonPath[];
  try {
    parsers = columns.map((c) => new JsonPath(c.fieldSpec, { allowMissingKeys: true }));
  } catch (e) {
    w.flush();
    return { stdout: w.take(), error: new PrinterError((e as Error).message) };
  }
  for (const obj of objects) {
    const cells: string[] = [];
    for (const p of parsers) {
      let values: unknown[][];
      try {
        values = p.findResults(obj);
      } catch (e) {
        w.flush();
        return { stdout: w.take(), error: new PrinterError((e as Error).message) };
      }
      const strs: string[] = [];
      if (values.length === 0 || values[0].length === 0) strs.push('<none>');
      for (const list of values) for (const v of list) strs.push(escapeTerminal(sprintValue(v)));
      cells.push(strs.join(','));
    }
    w.write(cells.join('\t') + '\n');
  }
  w.flush();
  return { stdout: w.take() };
}
