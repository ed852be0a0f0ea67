/** kubectl set image | env: change the pod template, send a strategic merge patch (fieldManager kubectl-set). */
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, str } from '../command';
import { CmdError, errorText } from '../errors';
import { itemPath } from '../discovery';
import type { Obj } from '../../client/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './shared';
import { collectTargets, printOperation, resourcesAndPairs, type Target } from './targets';
import { threeWayPatch } from '../apply/threeway';

/** The PodSpec inside an object (UpdatePodSpecForObject); undefined when the kind has none. */
export function podSpecOf(o: Obj): Obj | undefined {
  switch (o.kind) {
    case 'Pod':
      return (o.spec ??= {}) as Obj;
    case 'CronJob':
      return ((((o.spec ??= {}).jobTemplate ??= {}).spec ??= {}).template ??= {}).spec ??= {};
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'ReplicationController':
    case 'Job':
      return ((o.spec ??= {}).template ??= {}).spec ??= {};
  }
  return undefined;
}

const COMMON = [
  { name: 'all', type: 'bool' as const, default: false },
  { name: 'selector', short: 'l', type: 'string' as const, default: '' },
  { name: 'filename', short: 'f', type: 'stringArray' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const, default: false },
  { name: 'local', type: 'bool' as const, default: false },
  { name: 'field-manager', type: 'string' as const, default: 'kubectl-set' },
  { name: 'show-managed-fields', type: 'bool' as const, default: false },
  { name: 'template', type: 'string' as const, default: '' },
  { name: 'allow-missing-template-keys', type: 'bool' as const, default: true },
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
];

/** CalculatePatches + Patch: returns the error texts (aggregate). */
function applyUpdates(ctx: CmdContext, targets: Target[], update: (o: Obj, t: Target) => void, msg: string): string[] {
  const { env, flags } = ctx;
  const dry = dryRunOf(ctx);
  const errs: string[] = [];
  for (const t of targets) {
    const next = structuredClone(t.obj);
    try {
      if (!podSpecOf(next)) throw new CmdError(`${t.r.kind.toLowerCase()}s "${t.name}" does not contain a pod spec`);
      update(next, t);
    } catch (e) {
      errs.push(`error: ${t.r.group ? `${t.r.resource}.${t.r.group}` : t.r.resource}/${t.name} ${(e as Error).message}`);
      continue;
    }
    const patch = threeWayPatch(t.obj as Record<string, unknown>, next as Record<string, unknown>, t.obj as Record<string, unknown>);
    if (!Object.keys(patch).length) continue;
    if (bool(flags.local) || dry === 'client') {
      printOperation(ctx, t.r, next, msg, dry);
      continue;
    }
    try {
      const out = env.client.request({
        method: 'PATCH',
        path: itemPath(t.r, t.ns, t.name),
        query: { fieldManager: str(flags['field-manager']), ...(dry === 'server' ? { dryRun: 'All' } : {}) },
        body: patch,
        contentType: 'application/strategic-merge-patch+json',
      }).body as Obj;
      printOperation(ctx, t.r, out, msg, dry);
    } catch (e) {
      errs.push(`failed to patch ${msg === 'image updated' ? 'image update to pod template' : 'env update to pod template'}: ${(e as Error).message}`);
    }
  }
  return errs;
}

function report(ctx: CmdContext, errs: string[], builderErrors: string[]): number {
  for (const e of builderErrors) ctx.env.stderr(e);
  if (errs.length) {
    const text = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
    ctx.env.stderr(text.startsWith('error: ') ? `${text}\n` : `error: ${text}\n`);
    return 1;
  }
  return builderErrors.length ? 1 : 0;
}

const image: CommandDef = {
  name: 'image',
  short: 'Update the image of a pod template',
  flags: COMMON,
  run(ctx) {
    const { resources, pairs } = resourcesAndPairs(ctx.args, 'container image');
    const images = new Map<string, string>();
    for (const p of pairs) {
      const i = p.indexOf('=');
      if (i <= 0 || !p.slice(i + 1)) throw new CmdError(`invalid image update pair: ${p}`);
      images.set(p.slice(0, i), p.slice(i + 1));
    }
    if (!resources.length && !arr(ctx.flags.filename).length) throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (!images.size) throw new CmdError('at least one image update is required');
    const { targets, errors } = collectTargets(ctx, resources, { selector: true, all: true, fetch: !bool(ctx.flags.local) });
    const notFound: string[] = [];
    const errs = applyUpdates(
      ctx,
      targets,
      (o) => {
        const spec = podSpecOf(o)!;
        for (const [name, img] of images) {
          let found = false;
          for (const list of [spec.initContainers, spec.containers, spec.ephemeralContainers] as Obj[][]) {
            for (const c of list ?? []) {
              if (name === '*' || c.name === name) {
                c.image = img;
                found = true;
              }
            }
          }
          if (!found) notFound.push(`error: unable to find container named "${name}"`);
        }
      },
      'image updated',
    );
    return report(ctx, [...notFound, ...errs], errors);
  },
};

const env: CommandDef = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  flags: [...COMMON, { name: 'containers', short: 'c', type: 'string', default: '*' }, { name: 'list', type: 'bool', default: false }, { name: 'overwrite', type: 'bool', default: true }, { name: 'env', short: 'e', type: 'stringArray' }, { name: 'resolve', type: 'bool', default: false }, { name: 'from', type: 'string', default: '' }, { name: 'prefix', type: 'string', default: '' }, { name: 'keys', type: 'stringArray' }],
  run(ctx) {
    const { resources, pairs } = resourcesAndPairs(ctx.args, 'env');
    const all = [...pairs, ...arr(ctx.flags.env)];
    const add: [string, string][] = [];
    const remove: string[] = [];
    for (const p of all) {
      const i = p.indexOf('=');
      if (i > 0) add.push([p.slice(0, i), p.slice(i + 1)]);
      else if (p.endsWith('-')) remove.push(p.slice(0, -1));
      else throw new CmdError(`environment variables must be of the form key=value or key-`);
    }
    for (const [k] of add) if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(k)) throw new CmdError(`invalid key name: ${k}`);
    if (!resources.length && !arr(ctx.flags.filename).length) throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    const list = bool(ctx.flags.list);
    if (!list && !add.length && !remove.length && !str(ctx.flags.from)) return 0;
    const { targets, errors } = collectTargets(ctx, resources, { selector: true, all: true, fetch: !bool(ctx.flags.local) });
    const which = str(ctx.flags.containers);
    const match = (n: string) => which === '*' || which === n;
    if (list) {
      for (const t of targets) {
        const spec = podSpecOf(structuredClone(t.obj));
        if (!spec) continue;
        for (const [label, cs] of [['init container', spec.initContainers], ['container', spec.containers]] as [string, Obj[]][]) {
          for (const c of cs ?? []) {
            if (!match(c.name)) continue;
            ctx.env.stdout(`# ${t.r.kind} ${t.name}, ${label} ${c.name}\n`);
            for (const e of (c.envFrom ?? []) as Obj[]) {
              const ref = e.configMapRef ? `configmap ${e.configMapRef.name}` : e.secretRef ? `secret ${e.secretRef.name}` : '';
              ctx.env.stdout(`# ${ref}${e.prefix ? ` with prefix '${e.prefix}'` : ''}\n`);
            }
            for (const e of (c.env ?? []) as Obj[]) {
              if (e.valueFrom) {
                const v = e.valueFrom;
                const from = v.fieldRef ? `field path ${v.fieldRef.fieldPath}` : v.resourceFieldRef ? `resource field ${v.resourceFieldRef.resource}` : v.configMapKeyRef ? `configmap ${v.configMapKeyRef.name}, key ${v.configMapKeyRef.key}` : v.secretKeyRef ? `secret ${v.secretKeyRef.name}, key ${v.secretKeyRef.key}` : '';
                ctx.env.stdout(`# ${e.name} from ${from}\n`);
              } else ctx.env.stdout(`${e.name}=${e.value ?? ''}\n`);
            }
          }
        }
      }
      for (const e of errors) ctx.env.stderr(e);
      return errors.length ? 1 : 0;
    }
    const errs = applyUpdates(
      ctx,
      targets,
      (o) => {
        const spec = podSpecOf(o)!;
        let any = false;
        for (const c of [...((spec.initContainers ?? []) as Obj[]), ...((spec.containers ?? []) as Obj[])]) {
          if (!match(c.name)) continue;
          any = true;
          let envs = ((c.env ?? []) as Obj[]).filter((e) => !remove.includes(e.name));
          for (const [k, v] of add) {
            const ex = envs.find((e) => e.name === k);
            if (ex) {
              if (!bool(ctx.flags.overwrite)) throw new Error(`'${k}' already has a value (${ex.value ?? ''}), and --overwrite is false`);
              ex.value = v;
              delete ex.valueFrom;
            } else envs = [...envs, { name: k, value: v } as unknown as Obj];
          }
          if (envs.length) c.env = envs;
          else delete c.env;
        }
        if (!any && which !== '*') throw new Error(`unable to find container named ${which}`);
      },
      'env updated',
    );
    return report(ctx, errs, errors);
  },
};

export const setCommand: CommandDef = {
  name: 'set',
  short: 'Set specific features on objects',
  sub: [env, image],
};

void errorText;
