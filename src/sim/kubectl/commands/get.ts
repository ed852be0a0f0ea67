/** kubectl get: server-side Tables for humans, objects for -o yaml/json/name/jsonpath; -w watches. */
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, str } from '../command';
import { parseResourceArgs, type ResourceRequest } from '../builder';
import { collectionPath, itemPath, kindName, type ApiResource } from '../discovery';
import { CmdError, errorText } from '../errors';
import { parseOutput, printObjects, type OutputFormat } from '../output';
import { printTableGroups, TablePrinter, type TableGroup } from '../printers/table';
import type { Table } from '../../api/table/types';
import type { Obj, WatchEvent } from '../../client/types';
import { ApiError } from '../../core/errors';
import { readManifests } from '../manifests';
import { forKind } from '../discovery';
import { relaxedJsonPath } from '../printers/custom-columns';
import { listing } from '../listerror';

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export const getCommand: CommandDef = {
  name: 'get',
  short: 'Display one or many resources',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'watch', short: 'w', type: 'bool', default: false },
    { name: 'watch-only', type: 'bool', default: false },
    { name: 'show-labels', type: 'bool', default: false },
    { name: 'label-columns', short: 'L', type: 'stringArray' },
    { name: 'no-headers', type: 'bool', default: false },
    { name: 'show-kind', type: 'bool', default: false },
    { name: 'sort-by', type: 'string', default: '' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'ignore-not-found', type: 'bool', default: false },
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'output-watch-events', type: 'bool', default: false },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'raw', type: 'string', default: '' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
  ],
  run: runGet,
};

interface Fetched {
  req: ResourceRequest;
  /** Table (human output) or objects. */
  table?: Table;
  objects: Obj[];
}

async function runGet(ctx: CmdContext): Promise<number> {
  const { env, flags } = ctx;
  const fmt = parseOutput(str(flags.output), env.readFile, str(flags.template));
  fmt.allowMissingKeys = flags['allow-missing-template-keys'] !== false;
  fmt.showManagedFields = bool(flags['show-managed-fields']);
  if (bool(flags['show-labels']) && fmt.kind !== 'table' && fmt.kind !== 'wide') throw new CmdError(`--show-labels option cannot be used with ${str(flags.output)} printer`);
  const allNs = bool(flags['all-namespaces']);
  const ns = ctx.namespace;
  let requests: ResourceRequest[];
  const files = arr(flags.filename);
  if (files.length) {
    requests = [];
    for (const m of readManifests(env, files, bool(flags.recursive))) {
      const r = forKind(env, m.obj.apiVersion ?? '', m.obj.kind ?? '');
      if (!r) throw new CmdError(`resource mapping not found for name: "${m.obj.metadata?.name}" namespace: "${m.obj.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
      requests.push({ r, names: [m.obj.metadata.name!] });
    }
  } else {
    if (ctx.args.length === 0) {
      throw new CmdError(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
        1,
        true,
      );
    }
    requests = parseResourceArgs(env, ctx.args);
  }
  const labelSelector = str(flags.selector);
  const fieldSelector = str(flags['field-selector']);
  let sortPath = '';
  if (str(flags['sort-by'])) {
    try {
      sortPath = relaxedJsonPath(str(flags['sort-by']));
    } catch (e) {
      throw new CmdError((e as Error).message);
    }
  }
  if (requests.some((r) => r.names.length) && labelSelector) throw new CmdError('name cannot be provided when a selector is specified');
  const human = fmt.kind === 'table' || fmt.kind === 'wide';
  const multipleTypes = new Set(requests.map((r) => r.r)).size > 1 || ctx.args[0]?.split(',').includes('all') || (ctx.args[0] ?? '').includes(',');
  const showKind = bool(flags['show-kind']) || !!multipleTypes;
  const errors: string[] = [];
  const fetched: Fetched[] = [];
  const singleItem = requests.length === 1 && requests[0].names.length === 1 && !ctx.args[0]?.includes(',');

  if (bool(flags.watch) || bool(flags['watch-only'])) {
    if (requests.length !== 1) throw new CmdError('you may only specify a single resource type');
    return watch(ctx, requests[0], fmt, allNs, labelSelector, fieldSelector);
  }

  for (const req of requests) {
    const r = req.r;
    const nsFor = r.namespaced ? (allNs && req.names.length === 0 ? undefined : ns) : undefined;
    if (req.names.length === 0) {
      // --sort-by needs whole objects in the Table rows and the whole list (no chunking)
      const sortBy = str(flags['sort-by']);
      const query: Record<string, string> = sortBy ? (human ? { includeObject: 'Object' } : {}) : { limit: '500' };
      if (labelSelector) query.labelSelector = labelSelector;
      if (fieldSelector) query.fieldSelector = fieldSelector;
      let res;
      try {
        res = listing(r, query, () => env.client.request({ method: 'GET', path: collectionPath(r, nsFor), query, accept: human ? TABLE_ACCEPT : 'application/json' }));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push(errorText(e));
        continue;
      }
      if (human) fetched.push({ req, table: res.body as Table, objects: [] });
      else fetched.push({ req, objects: withTypeMeta(r, (res.body as { items: Obj[] }).items) });
      continue;
    }
    for (const name of req.names) {
      try {
        const res = env.client.request({ method: 'GET', path: itemPath(r, nsFor, name), accept: human ? TABLE_ACCEPT : 'application/json' });
        if (human) fetched.push({ req, table: res.body as Table, objects: [] });
        else fetched.push({ req, objects: withTypeMeta(r, [res.body as Obj]) });
      } catch (e) {
        if (e instanceof ApiError && e.code === 404 && bool(flags['ignore-not-found'])) continue;
        if (e instanceof ApiError) errors.push(errorText(e));
        else throw e;
      }
    }
  }

  let out = '';
  if (human && sortPath) {
    // a sort field no row has: kubectl's table sorter drops the rows ("No resources found")
    for (const f of fetched) if (f.table && f.table.rows.length && !f.table.rows.some((r) => sortValue(r.object, sortPath) !== undefined)) f.table = { ...f.table, rows: [] };
  }
  if (human) {
    const groups: TableGroup[] = fetched
      .filter((f) => f.table && f.table.rows.length > 0)
      .map((f) => ({
        mapping: `${f.req.r.resource}.${f.req.r.group}`,
        table: sortTable(f.table!, sortPath),
        opts: { withNamespace: allNs && f.req.r.namespaced, showKind: showKind ? kindName(f.req.r) : undefined },
      }));
    out = printTableGroups(groups, {
      wide: fmt.kind === 'wide',
      noHeaders: bool(flags['no-headers']),
      showLabels: bool(flags['show-labels']),
      labelColumns: arr(flags['label-columns']).flatMap((l) => l.split(',')).filter(Boolean),
    });
  } else {
    const all = fetched.flatMap((f) => f.objects);
    if (sortPath && all.length && !all.some((o) => sortValue(o, sortPath) !== undefined)) throw new CmdError(`couldn't find any field with path "${sortPath}" in the list of objects`);
    const objs = sortObjects(all, sortPath);
    const byUid = new Map(fetched.flatMap((f) => f.objects.map((o) => [o, f.req.r] as const)));
    // printGeneric: zero or several objects print as one List (no "No resources found")
    if (objs.length || !singleItem) out = printObjects(fmt, objs, singleItem, (o) => kindName(byUid.get(o)!), bool(flags['no-headers']));
  }
  env.stdout(out);
  const anyRows = human ? fetched.some((f) => f.table && f.table.rows.length > 0) : fetched.some((f) => f.objects.length > 0);
  if (!anyRows && errors.length === 0 && requests.every((r) => r.names.length === 0) && human) {
    const namespaced = requests.some((r) => r.r.namespaced);
    env.stderr(allNs || !namespaced ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
  }
  for (const e of errors) env.stderr(e);
  return errors.length ? 1 : 0;
}

function withTypeMeta(r: ApiResource, items: Obj[]): Obj[] {
  const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
  return items.map((o) => ({ apiVersion, kind: r.kind, ...o }));
}

/** The --sort-by field of an object: a JSONPath like `.metadata.name` or `{.spec.replicas}`; `[0]` indexes too. */
function sortValue(o: unknown, sortBy: string): unknown {
  const expr = sortBy.replace(/^\{|\}$/g, '').replace(/^\./, '');
  const parts = expr.split(/\.|(?=\[)/).filter(Boolean);
  let v: unknown = o;
  for (const p of parts) {
    if (v === null || v === undefined) return undefined;
    const idx = /^\[(\d+)\]$/.exec(p);
    if (idx) v = Array.isArray(v) ? v[Number(idx[1])] : undefined;
    else v = typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  }
  return v;
}

/** kubectl's sort comparator: numbers numerically, strings in byte order, missing values first. */
function compareValues(x: unknown, y: unknown): number {
  if (x === undefined || x === null) return y === undefined || y === null ? 0 : -1;
  if (y === undefined || y === null) return 1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'boolean' && typeof y === 'boolean') return x === y ? 0 : x ? 1 : -1;
  const a = typeof x === 'string' ? x : JSON.stringify(x);
  const b = typeof y === 'string' ? y : JSON.stringify(y);
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortObjects(objs: Obj[], sortBy: string): Obj[] {
  if (!sortBy) return objs;
  return objs.map((o, i) => ({ o, i })).sort((a, b) => compareValues(sortValue(a.o, sortBy), sortValue(b.o, sortBy)) || a.i - b.i).map((x) => x.o);
}

/** --sort-by on a Table: by a JSONPath into each row's object (the list asked for includeObject=Object). */
function sortTable(t: Table, sortBy: string): Table {
  if (!sortBy) return t;
  const rows = t.rows.map((r, i) => ({ r, i })).sort((a, b) => compareValues(sortValue(a.r.object, sortBy), sortValue(b.r.object, sortBy)) || a.i - b.i).map((x) => x.r);
  return { ...t, rows };
}

async function watch(ctx: CmdContext, req: ResourceRequest, fmt: OutputFormat, allNs: boolean, labelSelector: string, fieldSelector: string): Promise<number> {
  const { env, flags } = ctx;
  const r = req.r;
  const nsFor = r.namespaced && !allNs ? ctx.namespace : undefined;
  const human = fmt.kind === 'table' || fmt.kind === 'wide';
  const accept = human ? TABLE_ACCEPT : 'application/json';
  const query: Record<string, string> = {};
  if (labelSelector) query.labelSelector = labelSelector;
  const fs = [fieldSelector, req.names.length === 1 ? `metadata.name=${req.names[0]}` : ''].filter(Boolean).join(',');
  if (fs) query.fieldSelector = fs;
  const printer = new TablePrinter({
    wide: fmt.kind === 'wide',
    noHeaders: bool(flags['no-headers']),
    showLabels: bool(flags['show-labels']),
    withNamespace: allNs && r.namespaced,
    labelColumns: arr(flags['label-columns']).flatMap((l) => l.split(',')).filter(Boolean),
  });
  const list = listing(r, { labelSelector, fieldSelector }, () => env.client.request({ method: 'GET', path: collectionPath(r, nsFor), query: { ...query, limit: '500' }, accept }));
  let rv: string;
  const withEvents = bool(flags['output-watch-events']);
  if (human) {
    const t = list.body as Table;
    rv = t.metadata?.resourceVersion ?? '0';
    if (!bool(flags['watch-only'])) {
      if (t.rows.length === 0) env.stderr(allNs || !r.namespaced ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
      else env.stdout(printer.print(t, withEvents ? 'ADDED' : undefined) + printer.flush());
    }
  } else {
    const l = list.body as { items: Obj[]; metadata: { resourceVersion: string } };
    rv = l.metadata.resourceVersion;
    if (!bool(flags['watch-only'])) for (const o of withTypeMeta(r, l.items)) env.stdout(printObjects(fmt, [o], true, () => kindName(r)));
  }
  let failed: string | undefined;
  const stop = env.client.rawWatch(collectionPath(r, nsFor), { ...query, resourceVersion: rv }, accept, (ev: WatchEvent) => {
    if (ev.type === 'ERROR') {
      const st = ev.object as unknown as { reason?: string; message?: string };
      failed = `STATUS    REASON    MESSAGE\nFailure   ${st.reason}   ${st.message}\n`;
      return;
    }
    if (human) env.stdout(printer.print(ev.object as unknown as Table, withEvents ? ev.type : undefined) + printer.flush());
    else env.stdout(printObjects(fmt, withTypeMeta(r, [ev.object]), true, () => kindName(r)));
  });
  try {
    const limit = env.watchLimitMs;
    const started = env.now();
    while (!failed && !env.signal?.aborted && (limit === undefined || env.now() - started < limit)) {
      await env.sleep(limit === undefined ? 1000 : Math.min(1000, limit - (env.now() - started)));
    }
  } finally {
    stop();
  }
  if (failed) env.stdout(failed);
  return 0;
}
