/**
 * The resource builder as the mutating commands use it (label, annotate, patch, set, rollout, wait …):
 * `TYPE NAME…`, `TYPE/NAME…`, `-f FILE`, `TYPE -l SEL`, `TYPE --all`, `-A`; each object fetched
 * (`.Latest()`), errors collected and reported after the objects that were found (ContinueOnError).
 */
import { listing } from '../listerror';
import type { CmdContext } from '../command';
import { arr, bool, str } from '../command';
import { parseResourceArgs } from '../builder';
import { collectionPath, forKind, itemPath, kindName, type ApiResource } from '../discovery';
import { parseOutput, printObjects } from '../output';
import { CmdError, errorText } from '../errors';
import { readManifests } from '../manifests';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';

export interface Target {
  r: ApiResource;
  ns?: string;
  name: string;
  /** The live object (undefined when the GET failed; see errors). */
  obj: Obj;
  /** The manifest, for -f. */
  source?: string;
}

export interface Collected {
  targets: Target[];
  /** Error texts (already formatted) for objects the builder could not get. */
  errors: string[];
  /** A selector / --all listing was used. */
  listed: boolean;
}

export interface CollectOptions {
  /** Fetch the objects (Latest()); default true. */
  fetch?: boolean;
  /** The flag names used for selector / all / all-namespaces (absent ⇒ unsupported). */
  selector?: boolean;
  all?: boolean;
  allNamespaces?: boolean;
  fieldSelector?: boolean;
}

export function withTypeMeta(r: ApiResource, o: Obj): Obj {
  const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
  return { apiVersion, kind: r.kind, ...o };
}

export function collectTargets(ctx: CmdContext, resourceArgs: string[], opts: CollectOptions = {}): Collected {
  const { env, flags } = ctx;
  const fetch = opts.fetch !== false;
  const targets: Target[] = [];
  const errors: string[] = [];
  let listed = false;
  const files = arr(flags.filename);
  const selector = opts.selector ? str(flags.selector) : '';
  const fieldSelector = opts.fieldSelector ? str(flags['field-selector']) : '';
  const all = opts.all ? bool(flags.all) : false;
  const allNs = opts.allNamespaces ? bool(flags['all-namespaces']) : false;
  const get = (r: ApiResource, ns: string | undefined, name: string, source?: string) => {
    if (!fetch) {
      targets.push({ r, ns, name, obj: { metadata: { name, ...(ns ? { namespace: ns } : {}) } } as Obj, source });
      return;
    }
    try {
      const obj = env.client.request({ method: 'GET', path: itemPath(r, ns, name) }).body as Obj;
      targets.push({ r, ns, name, obj: withTypeMeta(r, obj), source });
    } catch (e) {
      if (e instanceof ApiError) errors.push(errorText(e));
      else throw e;
    }
  };
  if (files.length) {
    for (const m of readManifests(env, files, bool(flags.recursive))) {
      const r = forKind(env, m.obj.apiVersion ?? '', m.obj.kind ?? '');
      if (!r) throw new CmdError(`resource mapping not found for name: "${m.obj.metadata?.name ?? ''}" namespace: "${m.obj.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
      get(r, r.namespaced ? (m.obj.metadata?.namespace ?? ctx.namespace) : undefined, m.obj.metadata?.name ?? '', m.source);
    }
    return { targets, errors, listed };
  }
  for (const req of parseResourceArgs(env, resourceArgs)) {
    const ns = req.r.namespaced ? ctx.namespace : undefined;
    if (req.names.length) {
      for (const name of req.names) get(req.r, ns, name);
      continue;
    }
    if (!selector && !all && !fieldSelector) throw new CmdError(`resource(s) were provided, but no name was specified`);
    listed = true;
    const q: Record<string, string> = {};
    if (selector) q.labelSelector = selector;
    if (fieldSelector) q.fieldSelector = fieldSelector;
    const items = (listing(req.r, q, () => env.client.request({ method: 'GET', path: collectionPath(req.r, allNs ? undefined : ns), query: q })).body as { items: Obj[] }).items;
    for (const o of items) targets.push({ r: req.r, ns: o.metadata.namespace, name: o.metadata.name!, obj: withTypeMeta(req.r, o) });
  }
  return { targets, errors, listed };
}

/** ` (dry run)` / ` (server dry run)` */
export function drySuffix(dry: string): string {
  return dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
}

/** cmdutil.GetResourcesAndPairs: resources first, then KEY=VAL / KEY- pairs. */
export function resourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let found = false;
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (nonResource) {
      found = true;
      pairs.push(s);
    } else if (!found) resources.push(s);
    else throw new CmdError(`all resources must be specified before ${pairType} changes: ${s}`);
  }
  return { resources, pairs };
}

/** The JSON merge patch from a to b (jsonpatch.CreateMergePatch). */
export function createMergePatch(a: unknown, b: unknown): Record<string, unknown> {
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (!isObj(a) || !isObj(b)) return (b ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, bv] of Object.entries(b)) {
    const av = a[k];
    if (!(k in a)) out[k] = bv;
    else if (isObj(av) && isObj(bv)) {
      const sub = createMergePatch(av, bv);
      if (Object.keys(sub).length) out[k] = sub;
    } else if (JSON.stringify(av) !== JSON.stringify(bv)) out[k] = bv;
  }
  for (const k of Object.keys(a)) if (!(k in b)) out[k] = null;
  return out;
}

/** `pod/web labeled (dry run)`, or the object for -o yaml|json|name|jsonpath. */
export function printOperation(ctx: CmdContext, r: ApiResource, obj: Obj, op: string, dry: string): void {
  const o = str(ctx.flags.output);
  if (o) {
    const fmt = parseOutput(o, ctx.env.readFile);
    if (fmt.kind !== 'table' && fmt.kind !== 'wide') {
      ctx.env.stdout(printObjects(fmt, [withTypeMeta(r, obj)], true, () => kindName(r)));
      return;
    }
  }
  ctx.env.stdout(`${kindName(r)}/${obj.metadata.name} ${op}${drySuffix(dry)}\n`);
}
