/** kubectl scale: PATCH <resource>/<name>/scale with a merge patch of spec.replicas. */
import type { CommandDef } from '../command';
import { arr, bool, num, str } from '../command';
import { CmdError, errorText } from '../errors';
import { parseResourceArgs } from '../builder';
import { collectionPath, itemPath, kindName } from '../discovery';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './shared';
import { readManifests } from '../manifests';
import { forKind } from '../discovery';

export const scaleCommand: CommandDef = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  required: ['replicas'],
  flags: [
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool', default: false },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'timeout', type: 'string', default: '0s' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run(ctx) {
    const { env, flags } = ctx;
    const replicas = num(flags.replicas, -1);
    if (replicas < 0) throw new CmdError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const dry = dryRunOf(ctx);
    const targets: { r: ReturnType<typeof parseResourceArgs>[number]['r']; name: string }[] = [];
    const files = arr(flags.filename);
    if (files.length) {
      for (const m of readManifests(env, files)) {
        const r = forKind(env, m.obj.apiVersion ?? '', m.obj.kind ?? '');
        if (r) targets.push({ r, name: m.obj.metadata.name! });
      }
    } else {
      if (!ctx.args.length) throw new CmdError('required resource not specified');
      for (const req of parseResourceArgs(env, ctx.args)) {
        let names = req.names;
        if (!names.length) {
          if (!bool(flags.all) && !str(flags.selector)) throw new CmdError('resource(s) were provided, but no name was specified');
          const q: Record<string, string> = {};
          if (str(flags.selector)) q.labelSelector = str(flags.selector);
          names = ((env.client.request({ method: 'GET', path: collectionPath(req.r, ctx.namespace), query: q }).body as { items: Obj[] }).items).map((o) => o.metadata.name!);
        }
        for (const name of names) targets.push({ r: req.r, name });
      }
    }
    let failed = false;
    for (const { r, name } of targets) {
      try {
        if (!['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'].includes(r.resource)) {
          throw new CmdError(`cannot use scale on ${kindName(r).replace(/\..*/, '')}s.${r.group || ''}`.replace(/\.$/, ''));
        }
        let cur: Obj;
        try {
          cur = env.client.request({ method: 'GET', path: itemPath(r, ctx.namespace, name) }).body as Obj;
        } catch (e) {
          // the builder found nothing to scale (kubectl's wording)
          if (e instanceof ApiError && e.code === 404) throw new CmdError(`no objects passed to scale ${e.message}`);
          throw e;
        }
        const want = num(flags['current-replicas'], -1);
        if (want >= 0 && (cur.spec?.replicas ?? 0) !== want) throw new CmdError(`Expected replicas to be ${want}, was ${cur.spec?.replicas ?? 0}`);
        if (dry !== 'client') {
          env.client.request({
            method: 'PATCH',
            path: itemPath(r, ctx.namespace, name, 'scale'),
            query: dry === 'server' ? { dryRun: 'All' } : {},
            body: { spec: { replicas } },
            contentType: 'application/merge-patch+json',
          });
        }
        const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
        env.stdout(`${kindName(r)}/${name} scaled${suffix}\n`);
      } catch (e) {
        failed = true;
        env.stderr(errorText(e));
      }
    }
    return failed ? 1 : 0;
  },
};
