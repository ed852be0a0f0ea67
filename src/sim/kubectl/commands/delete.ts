/** kubectl delete: DELETE with a propagation policy, then wait until the objects are gone. */
import { listing } from '../listerror';
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, num, str } from '../command';
import { CmdError, errorText } from '../errors';
import { parseResourceArgs } from '../builder';
import { collectionPath, forKind, itemPath, kindName, type ApiResource } from '../discovery';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';
import { DRY_RUN_FLAG, dryRunOf } from './shared';
import { readManifests } from '../manifests';

export const deleteCommand: CommandDef = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'all', type: 'bool', default: false },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'now', type: 'bool', default: false },
    { name: 'force', type: 'bool', default: false },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'ignore-not-found', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'interactive', short: 'i', type: 'bool', default: false },
    { name: 'raw', type: 'string', default: '' },
    DRY_RUN_FLAG,
  ],
  run: runDelete,
};

interface Target {
  r: ApiResource;
  ns?: string;
  name: string;
}

async function runDelete(ctx: CmdContext): Promise<number> {
  const { env, flags } = ctx;
  const dry = dryRunOf(ctx);
  const files = arr(flags.filename);
  const selector = str(flags.selector);
  const all = bool(flags.all);
  const allNs = bool(flags['all-namespaces']);
  const targets: Target[] = [];
  let listed = false;
  if (files.length) {
    for (const m of readManifests(env, files, bool(flags.recursive))) {
      const r = forKind(env, m.obj.apiVersion ?? '', m.obj.kind ?? '');
      if (!r) throw new CmdError(`resource mapping not found for name: "${m.obj.metadata?.name}" namespace: "" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
      targets.push({ r, ns: r.namespaced ? (m.obj.metadata.namespace ?? ctx.namespace) : undefined, name: m.obj.metadata.name! });
    }
  } else {
    if (!ctx.args.length) {
      throw new CmdError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
        1,
        false,
      );
    }
    for (const req of parseResourceArgs(env, ctx.args)) {
      const ns = req.r.namespaced ? ctx.namespace : undefined;
      if (req.names.length) {
        for (const name of req.names) targets.push({ r: req.r, ns, name });
        continue;
      }
      if (!all && !selector && !str(flags['field-selector'])) throw new CmdError('resource(s) were provided, but no name was specified');
      listed = true;
      const q: Record<string, string> = {};
      if (selector) q.labelSelector = selector;
      if (str(flags['field-selector'])) q.fieldSelector = str(flags['field-selector']);
      const items = (listing(req.r, q, () => env.client.request({ method: 'GET', path: collectionPath(req.r, allNs ? undefined : ns), query: q })).body as { items: Obj[] }).items;
      for (const o of items) targets.push({ r: req.r, ns: o.metadata.namespace, name: o.metadata.name! });
    }
  }
  if (listed && targets.length === 0) {
    env.stderr('No resources found\n');
    return 0;
  }
  let grace = num(flags['grace-period'], -1);
  const force = bool(flags.force);
  if (bool(flags.now)) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace === 0) env.stderr('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const cascade = str(flags.cascade);
  const policy = cascade === 'foreground' ? 'Foreground' : cascade === 'orphan' || cascade === 'false' ? 'Orphan' : 'Background';
  let failed = false;
  const waiting: Target[] = [];
  for (const t of targets) {
    try {
      const body: Record<string, unknown> = { propagationPolicy: policy };
      if (grace >= 0) body.gracePeriodSeconds = grace;
      env.client.request({ method: 'DELETE', path: itemPath(t.r, t.ns, t.name), body, contentType: 'application/json', query: dry === 'server' ? { dryRun: 'All' } : {} });
      const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
      env.stdout(`${kindName(t.r)} "${t.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}${suffix}\n`);
      if (dry === 'none') waiting.push(t);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404 && bool(flags['ignore-not-found'])) continue;
      failed = true;
      env.stderr(errorText(e));
    }
  }
  if (bool(flags.wait) && waiting.length && !(force && grace === 0)) await waitGone(ctx, waiting);
  return failed ? 1 : 0;
}

/** kubectl's delete wait: poll until every object is gone (the real one watches). */
async function waitGone(ctx: CmdContext, targets: Target[]): Promise<void> {
  const { env } = ctx;
  const exists = (t: Target) => {
    try {
      env.client.request({ method: 'GET', path: itemPath(t.r, t.ns, t.name) });
      return true;
    } catch {
      return false;
    }
  };
  const deadline = env.now() + 24 * 3600_000;
  while (targets.some(exists) && env.now() < deadline && !env.signal?.aborted) await env.sleep(250);
}
