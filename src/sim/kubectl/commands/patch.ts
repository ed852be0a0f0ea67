/** kubectl patch: -p / --patch-file, --type strategic|merge|json; `patched` / `patched (no change)`. */
import { parse as parseYaml } from 'yaml';
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, str } from '../command';
import { CmdError, errorText } from '../errors';
import { itemPath } from '../discovery';
import type { Obj } from '../../client/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './shared';
import { collectTargets, printOperation } from './targets';
import { jsonPatch } from '../../api/patch/json';
import { mergePatch } from '../../api/patch/merge';
import { strategicMergePatch } from '../../api/patch/strategic';

const TYPES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** yaml.ToJSON: JSON stays as it is; YAML becomes JSON; unparsable text goes to the server verbatim. */
export function patchBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    /* not JSON */
  }
  try {
    const v = parseYaml(text);
    if (v !== null && typeof v === 'object') return v;
  } catch {
    /* the server reports it */
  }
  return text;
}

export const patchCommand: CommandDef = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    { name: 'patch', short: 'p', type: 'string', default: '' },
    { name: 'patch-file', type: 'string', default: '' },
    { name: 'type', type: 'string', default: 'strategic' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'local', type: 'bool', default: false },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'field-manager', type: 'string', default: 'kubectl-patch' },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run: runPatch,
};

function runPatch(ctx: CmdContext): number {
  const { env, flags } = ctx;
  const dry = dryRunOf(ctx);
  const type = str(flags.type).toLowerCase();
  if (!(type in TYPES)) throw new CmdError(`--type must be one of [json merge strategic], not "${str(flags.type)}"`);
  let text = str(flags.patch);
  const file = str(flags['patch-file']);
  if (text && file) throw new CmdError('cannot specify --patch and --patch-file together');
  if (file) {
    const t = env.readFile(file);
    if (t === undefined) throw new CmdError(`unable to read patch file: open ${file}: no such file or directory`);
    text = t;
  }
  if (!text) throw new CmdError('must specify --patch or --patch-file containing the contents of the patch');
  if (bool(flags.local) && ctx.args.length) throw new CmdError('cannot specify --local and server resources');
  if (!ctx.args.length && !arr(flags.filename).length) {
    throw new CmdError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const body = patchBody(text);
  const { targets, errors } = collectTargets(ctx, ctx.args);
  let failed = false;
  for (const t of targets) {
    try {
      let patched: Obj;
      if (dry === 'client') {
        patched = (type === 'json' ? jsonPatch(t.obj, body) : type === 'merge' ? mergePatch(t.obj, body) : strategicMergePatch(t.obj, body)) as Obj;
        printOperation(ctx, t.r, patched, 'patched', 'none');
        continue;
      }
      const sub = str(flags.subresource);
      patched = env.client.request({
        method: 'PATCH',
        path: itemPath(t.r, t.ns, t.name, sub || undefined),
        query: { fieldManager: str(flags['field-manager']), ...(dry === 'server' ? { dryRun: 'All' } : {}) },
        body,
        contentType: TYPES[type],
      }).body as Obj;
      const before = JSON.stringify(stripTypeMeta(t.obj));
      const after = JSON.stringify(stripTypeMeta(patched));
      printOperation(ctx, t.r, patched, before !== after ? 'patched' : 'patched (no change)', 'none');
    } catch (e) {
      failed = true;
      env.stderr(errorText(e));
    }
  }
  for (const e of errors) env.stderr(e);
  return failed || errors.length ? 1 : 0;
}

function stripTypeMeta(o: Obj): Obj {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  void _a;
  void _k;
  return rest as Obj;
}
