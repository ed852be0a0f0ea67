/** kubectl replace -f: PUT the manifest (with the live resourceVersion when it has none); --force deletes and re-creates. */
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, str } from '../command';
import { CmdError, errorText } from '../errors';
import { collectionPath, forKind, itemPath, kindName } from '../discovery';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printResult } from './shared';
import { checkTypeMeta, readManifests } from '../manifests';

export const replaceCommand: CommandDef = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'force', type: 'bool', default: false },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'wait', type: 'bool', default: false },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'field-manager', type: 'string', default: 'kubectl-replace' },
    { name: 'raw', type: 'string', default: '' },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run: runReplace,
};

async function runReplace(ctx: CmdContext): Promise<number> {
  const { env, flags } = ctx;
  const files = arr(flags.filename);
  if (!files.length) throw new CmdError('must specify one of -f and -k');
  const dry = dryRunOf(ctx);
  const force = bool(flags.force);
  let failed = false;
  for (const m of readManifests(env, files, bool(flags.recursive))) {
    try {
      checkTypeMeta(m);
      const r = forKind(env, m.obj.apiVersion!, m.obj.kind!);
      if (!r) throw new CmdError(`resource mapping not found for name: "${m.obj.metadata?.name ?? ''}" namespace: "${m.obj.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
      const obj = structuredClone(m.obj);
      const ns = r.namespaced ? (obj.metadata?.namespace ?? ctx.namespace) : undefined;
      if (ns) obj.metadata.namespace = ns;
      const name = obj.metadata?.name ?? '';
      const q = { fieldManager: str(flags['field-manager']), fieldValidation: 'Strict', ...(dry === 'server' ? { dryRun: 'All' } : {}) };
      if (force) {
        try {
          env.client.request({ method: 'DELETE', path: itemPath(r, ns, name), body: { propagationPolicy: 'Background', ...(Number(flags['grace-period']) >= 0 ? { gracePeriodSeconds: Number(flags['grace-period']) } : {}) }, contentType: 'application/json' });
          env.stdout(`${kindName(r)} "${name}" deleted\n`);
          // wait until it is gone
          for (let i = 0; i < 600; i++) {
            try {
              env.client.request({ method: 'GET', path: itemPath(r, ns, name) });
            } catch (e) {
              if (e instanceof ApiError && e.code === 404) break;
              throw e;
            }
            await env.sleep(1000);
          }
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 404)) throw e;
        }
        delete obj.metadata.resourceVersion;
        const created = env.client.request({ method: 'POST', path: collectionPath(r, ns), query: q, body: obj, contentType: 'application/json' }).body as Obj;
        printResult(ctx, r, created, 'replaced', dry);
        continue;
      }
      if (dry === 'client') {
        printResult(ctx, r, obj, 'replaced', dry);
        continue;
      }
      try {
        if (!obj.metadata.resourceVersion) {
          const cur = env.client.request({ method: 'GET', path: itemPath(r, ns, name) }).body as Obj;
          obj.metadata.resourceVersion = cur.metadata.resourceVersion;
        }
        const out = env.client.request({ method: 'PUT', path: itemPath(r, ns, name), query: q, body: obj, contentType: 'application/json' }).body as Obj;
        printResult(ctx, r, out, 'replaced', dry);
      } catch (e) {
        if (e instanceof ApiError && e.code !== 422) throw new ApiError(e.code, e.reason, `error when replacing "${m.source}": ${e.message}`, e.details);
        throw e;
      }
    } catch (e) {
      failed = true;
      env.stderr(errorText(e));
    }
  }
  return failed ? 1 : 0;
}
