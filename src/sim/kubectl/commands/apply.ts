/** kubectl apply (client-side): create with last-applied-configuration, or a three-way patch. */
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, str } from '../command';
import { CmdError, errorText } from '../errors';
import { collectionPath, forKind, itemPath, kindName } from '../discovery';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printResult } from './shared';
import { checkTypeMeta, readManifests } from '../manifests';
import { sortedJson, threeWayPatch } from '../apply/threeway';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const applyCommand: CommandDef = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'server-side', type: 'bool', default: false },
    { name: 'force-conflicts', type: 'bool', default: false },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'prune', type: 'bool', default: false },
    { name: 'all', type: 'bool', default: false },
    { name: 'overwrite', type: 'bool', default: true },
    { name: 'force', type: 'bool', default: false },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'wait', type: 'bool', default: false },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'show-managed-fields', type: 'bool', default: false },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run: runApply,
};

function runApply(ctx: CmdContext): number {
  const { env, flags } = ctx;
  const files = arr(flags.filename);
  if (!files.length && !str(flags.kustomize)) throw new CmdError('must specify one of -f and -k');
  if (str(flags.kustomize)) throw new CmdError(`must build at directory: not a valid directory: evalsymlink failure on '${str(flags.kustomize)}' : lstat ${str(flags.kustomize)}: no such file or directory`);
  const dry = dryRunOf(ctx);
  const manifests = readManifests(env, files, bool(flags.recursive));
  if (!manifests.length) throw new CmdError('no objects passed to apply');
  let failed = false;
  for (const m of manifests) {
    try {
      checkTypeMeta(m);
      const r = forKind(env, m.obj.apiVersion!, m.obj.kind!);
      if (!r) throw new CmdError(`resource mapping not found for name: "${m.obj.metadata?.name ?? ''}" namespace: "${m.obj.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
      const obj = structuredClone(m.obj);
      obj.metadata ??= {};
      if (!obj.metadata.name) throw new CmdError(`error when retrieving current configuration of:\nResource: "${r.group ? `${r.group}/${r.version}` : r.version}, Resource=${r.resource}", GroupVersionKind: "${m.obj.apiVersion}, Kind=${m.obj.kind}"\nName: "", Namespace: "${r.namespaced ? ctx.namespace : ''}"\nfrom server for: "${m.source}": resource name may not be empty`);
      const ns = r.namespaced ? (obj.metadata.namespace ?? ctx.namespace) : undefined;
      if (r.namespaced && obj.metadata.namespace && ctx.changed.has('namespace') && obj.metadata.namespace !== ctx.namespace) {
        throw new CmdError(`the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.`);
      }
      if (ns) obj.metadata.namespace = ns;
      // the annotation holds the manifest itself (with an empty annotations map where it had none)
      const forAnnotation = structuredClone(obj);
      forAnnotation.metadata.annotations = { ...(forAnnotation.metadata.annotations ?? {}) };
      delete forAnnotation.metadata.annotations[LAST_APPLIED];
      const applied = sortedJson(forAnnotation) + '\n';
      obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: applied };
      let current: Obj | undefined;
      try {
        current = env.client.request({ method: 'GET', path: itemPath(r, ns, obj.metadata.name) }).body as Obj;
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
      const q = { fieldManager: str(flags['field-manager']), fieldValidation: 'Strict', ...(dry === 'server' ? { dryRun: 'All' } : {}) };
      if (!current) {
        if (dry === 'client') {
          printResult(ctx, r, obj, 'created', dry);
          continue;
        }
        try {
          const created = env.client.request({ method: 'POST', path: collectionPath(r, ns), query: q, body: obj, contentType: 'application/json' }).body as Obj;
          printResult(ctx, r, created, 'created', dry);
        } catch (e) {
          if (e instanceof ApiError && e.code !== 422) throw new ApiError(e.code, e.reason, `error when creating "${m.source}": ${e.message}`, e.details);
          throw e;
        }
        continue;
      }
      const prevText = current.metadata.annotations?.[LAST_APPLIED];
      let original: Obj | undefined;
      if (prevText) {
        try {
          original = JSON.parse(prevText) as Obj;
        } catch {
          original = undefined;
        }
      } else {
        env.stderr(`Warning: resource ${r.resource}/${obj.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
      }
      const patch = threeWayPatch(original as Record<string, unknown> | undefined, obj as Record<string, unknown>, current as Record<string, unknown>);
      if (Object.keys(patch).length === 0) {
        printResult(ctx, r, current, 'unchanged', dry);
        continue;
      }
      if (dry === 'client') {
        printResult(ctx, r, current, 'configured', dry);
        continue;
      }
      try {
        const updated = env.client.request({ method: 'PATCH', path: itemPath(r, ns, obj.metadata.name), query: q, body: patch, contentType: 'application/strategic-merge-patch+json' }).body as Obj;
        const changed = updated.metadata.resourceVersion !== current.metadata.resourceVersion;
        printResult(ctx, r, updated, changed || dry === 'server' ? 'configured' : 'unchanged', dry);
      } catch (e) {
        if (e instanceof ApiError && e.code !== 422) throw new ApiError(e.code, e.reason, `error when applying patch:\n${JSON.stringify(patch)}\n\nto:\nResource: "${r.group ? `${r.group}/${r.version}` : r.version}, Resource=${r.resource}", GroupVersionKind: "${obj.apiVersion}, Kind=${obj.kind}"\nName: "${obj.metadata.name}", Namespace: "${ns ?? ''}"\nfor: "${m.source}": ${e.message}`, e.details);
        throw e;
      }
    } catch (e) {
      failed = true;
      env.stderr(errorText(e));
    }
  }
  void kindName;
  return failed ? 1 : 0;
}
