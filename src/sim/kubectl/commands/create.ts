/** kubectl create -f, and the generators: deployment, namespace. */
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, num, str } from '../command';
import { CmdError, errorText } from '../errors';
import { collectionPath, forKind, resolve } from '../discovery';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';
import { DRY_RUN_FLAG, OUTPUT_FLAG, containerNameFromImage, dryRunOf, printResult } from './shared';
import { checkTypeMeta, readManifests } from '../manifests';
import { GENERATORS, GEN_COMMON, KIND, createTyped, meta, oneName } from './generators';
import { pdbCommand } from './create-pdb';
import { createTokenCommand } from './create-token';

const COMMON = GEN_COMMON;

const deployment: CommandDef = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  required: ['image'],
  flags: [{ name: 'image', type: 'stringArray' }, { name: 'replicas', short: 'r', type: 'int', default: 1 }, { name: 'port', type: 'int', default: -1 }, ...COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const images = arr(ctx.flags.image);
    const labels = { app: name };
    const port = num(ctx.flags.port, -1);
    // `-- COMMAND [args...]`: the container command (of every container; several images forbid it)
    const command = ctx.args.slice(1);
    if (images.length > 1 && command.length) throw new CmdError('cannot specify multiple --image options and command');
    const containers = images.map((image, i) => ({
      ...(command.length ? { command } : {}),
      name: containerNameFromImage(image),
      image,
      ...(port >= 0 && i === 0 ? { ports: [{ containerPort: port }] } : {}),
      resources: {},
    }));
    const obj: Obj = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: meta(ctx, name, KIND.deployment, { labels }),
      spec: { replicas: num(ctx.flags.replicas, 1), selector: { matchLabels: labels }, template: { metadata: { creationTimestamp: null, labels }, spec: { containers } }, strategy: {} },
      status: {},
    };
    return createTyped(ctx, KIND.deployment, obj, 'deployment');
  },
};

const namespace: CommandDef = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  flags: COMMON,
  run(ctx) {
    const name = oneName(ctx);
    const obj: Obj = { kind: 'Namespace', apiVersion: 'v1', metadata: meta(ctx, name, KIND.namespace), spec: {}, status: {} };
    return createTyped(ctx, KIND.namespace, obj, '');
  },
};

export const createCommand: CommandDef = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [{ name: 'filename', short: 'f', type: 'stringArray' }, { name: 'recursive', short: 'R', type: 'bool', default: false }, { name: 'edit', type: 'bool', default: false }, { name: 'raw', type: 'string', default: '' }, { name: 'selector', short: 'l', type: 'string', default: '' }, ...COMMON],
  sub: [...GENERATORS.slice(0, 4), deployment, ...GENERATORS.slice(4, 7), namespace, pdbCommand, ...GENERATORS.slice(7), createTokenCommand],
  run(ctx) {
    const { env } = ctx;
    const files = arr(ctx.flags.filename);
    if (!files.length) throw new CmdError('must specify one of -f and -k');
    const dry = dryRunOf(ctx);
    let failed = false;
    for (const m of readManifests(env, files, bool(ctx.flags.recursive))) {
      try {
        checkTypeMeta(m);
        const r = forKind(env, m.obj.apiVersion!, m.obj.kind!);
        if (!r) throw new CmdError(`resource mapping not found for name: "${m.obj.metadata?.name ?? ''}" namespace: "${m.obj.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
        const ns = r.namespaced ? (m.obj.metadata?.namespace ?? ctx.namespace) : undefined;
        if (dry === 'client') {
          printResult(ctx, r, m.obj, 'created', dry);
          continue;
        }
        try {
          const created = env.client.request({
            method: 'POST',
            path: collectionPath(r, ns),
            query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict', ...(dry === 'server' ? { dryRun: 'All' } : {}) },
            body: m.obj,
            contentType: 'application/json',
          }).body as Obj;
          printResult(ctx, r, created, 'created', dry);
        } catch (e) {
          if (e instanceof ApiError && e.code !== 422) throw new ApiError(e.code, e.reason, `error when creating "${m.source}": ${e.message}`, e.details);
          throw e;
        }
      } catch (e) {
        failed = true;
        env.stderr(errorText(e));
      }
    }
    return failed ? 1 : 0;
  },
};
