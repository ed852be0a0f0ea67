/** Pieces several commands share: dry-run flags, printing a result line or the object. */
import type { CmdContext } from '../command';
import { str } from '../command';
import { CmdError } from '../errors';
import { parseOutput, printObjects } from '../output';
import type { Obj } from '../../client/types';
import type { ApiResource } from '../discovery';
import { kindName } from '../discovery';
import type { FlagSpec } from '../flags';

export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' };
export const OUTPUT_FLAG: FlagSpec = { name: 'output', short: 'o', type: 'string', default: '' };

export type DryRun = 'none' | 'client' | 'server';

export function dryRunOf(ctx: CmdContext): DryRun {
  const v = str(ctx.flags['dry-run']);
  if (v === 'none' || v === '' || v === 'false') return 'none';
  if (v === 'client' || v === 'server') return v;
  if (v === 'unchanged' || v === 'true')
    throw new CmdError(`--dry-run flag without a value was specified. A value must be set, either "client", "server" or "none".`);
  throw new CmdError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** `deployment.apps/web created`, `(dry run)` / `(server dry run)` suffixes, or the object with -o. */
export function printResult(ctx: CmdContext, r: ApiResource, obj: Obj, verb: string, dry: DryRun): void {
  const o = str(ctx.flags.output);
  if (o) {
    const fmt = parseOutput(o, ctx.env.readFile);
    if (fmt.kind !== 'table' && fmt.kind !== 'wide') {
      const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
      ctx.env.stdout(printObjects(fmt, [{ apiVersion, kind: r.kind, ...obj }], true, () => kindName(r)));
      return;
    }
  }
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  ctx.env.stdout(`${kindName(r)}/${obj.metadata.name} ${verb}${suffix}\n`);
}

/** Container name kubectl derives from an image: `registry.k8s.io/echoserver:1.4` → `echoserver`. */
export function containerNameFromImage(image: string): string {
  let s = image.split('@')[0];
  const last = s.split('/').pop() ?? s;
  s = last.split(':')[0];
  return s.replace(/[^a-z0-9-]/gi, '-').toLowerCase();
}
