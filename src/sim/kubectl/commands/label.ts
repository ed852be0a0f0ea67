/** kubectl label / annotate: a JSON merge patch of metadata.labels / metadata.annotations. */
import type { CommandDef, CmdContext } from '../command';
import { bool, str } from '../command';
import { CmdError, errorText } from '../errors';
import { itemPath, type ApiResource } from '../discovery';
import type { Obj } from '../../client/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './shared';
import { collectTargets, createMergePatch, printOperation, resourcesAndPairs } from './targets';

const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function labelValueErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(v))
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  return errs;
}

function parseLabels(spec: string[]): { add: Map<string, string>; remove: string[] } {
  const add = new Map<string, string>();
  const remove: string[] = [];
  for (const s of spec) {
    if (s.includes('=')) {
      const parts = s.split('=');
      if (parts.length !== 2) throw new CmdError(`invalid label spec: ${s}`);
      const errs = labelValueErrors(parts[1]);
      if (errs.length) throw new CmdError(`invalid label value: "${s}": ${errs.join(';')}`);
      add.set(parts[0], parts[1]);
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else throw new CmdError(`unknown label spec: ${s}`);
  }
  for (const k of remove) if (add.has(k)) throw new CmdError('can not both modify and remove a label in the same command');
  return { add, remove };
}

function parseAnnotations(spec: string[]): { add: Map<string, string>; remove: string[] } {
  const add = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const s of spec) {
    if (s.includes('=') && s[0] !== '=') {
      const i = s.indexOf('=');
      add.set(s.slice(0, i), s.slice(i + 1));
    } else if (s.endsWith('-') && s !== '-') remove.push(s.slice(0, -1));
    else invalid.push(s);
  }
  if (invalid.length) throw new CmdError(`invalid annotation format: ${invalid.join(', ')}`);
  const both = remove.filter((k) => add.has(k));
  if (both.length) throw new CmdError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  return { add, remove };
}

type Mode = 'label' | 'annotate';

function flagsFor(mode: Mode) {
  return [
    { name: 'overwrite', type: 'bool' as const, default: false },
    { name: 'list', type: 'bool' as const, default: false },
    { name: 'local', type: 'bool' as const, default: false },
    { name: 'all', type: 'bool' as const, default: false },
    { name: 'all-namespaces', short: 'A', type: 'bool' as const, default: false },
    { name: 'selector', short: 'l', type: 'string' as const, default: '' },
    { name: 'field-selector', type: 'string' as const, default: '' },
    { name: 'filename', short: 'f', type: 'stringArray' as const },
    { name: 'recursive', short: 'R', type: 'bool' as const, default: false },
    { name: 'resource-version', type: 'string' as const, default: '' },
    { name: 'field-manager', type: 'string' as const, default: mode === 'label' ? 'kubectl-label' : 'kubectl-annotate' },
    { name: 'show-managed-fields', type: 'bool' as const, default: false },
    { name: 'template', type: 'string' as const, default: '' },
    { name: 'allow-missing-template-keys', type: 'bool' as const, default: true },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ];
}

async function run(ctx: CmdContext, mode: Mode): Promise<number> {
  const { env, flags } = ctx;
  const what = mode === 'label' ? 'label' : 'annotation';
  const { resources, pairs } = resourcesAndPairs(ctx.args, what);
  const { add, remove } = mode === 'label' ? parseLabels(pairs) : parseAnnotations(pairs);
  const list = bool(flags.list);
  if (list && str(flags.output)) throw new CmdError('--list and --output may not be specified together');
  const dry = dryRunOf(ctx);
  if (bool(flags.all) && str(flags.selector)) throw new CmdError('cannot set --all and --selector at the same time');
  if (bool(flags.all) && str(flags['field-selector'])) throw new CmdError('cannot set --all and --field-selector at the same time');
  if (resources.length < 1 && !(flags.filename as string[]).length) throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (add.size < 1 && remove.length < 1 && !list) throw new CmdError(`at least one ${what} update is required`);
  const overwrite = bool(flags.overwrite);
  const { targets, errors } = collectTargets(ctx, resources, { selector: true, all: true, allNamespaces: true, fieldSelector: true });
  const one = targets.length + errors.length === 1 && !(flags.filename as string[]).length && !str(flags.selector) && !bool(flags.all);
  const field = mode === 'label' ? 'labels' : 'annotations';
  let failed = false;
  for (const t of targets) {
    try {
      const obj = t.obj;
      if (list) {
        const m = (obj.metadata[field] ?? {}) as Record<string, string>;
        let indent = '';
        if (!one) {
          indent = ' ';
          env.stdout(`Listing ${field} for ${t.r.kind}.${t.r.group}/${t.name}:\n`);
        }
        for (const k of Object.keys(m).sort()) env.stdout(`${indent}${k}=${m[k]}\n`);
        continue;
      }
      const current = { ...((obj.metadata[field] ?? {}) as Record<string, string>) };
      const rv = str(flags['resource-version']);
      if (dry === 'none' && mode === 'label') for (const k of remove) if (!(k in current)) env.stdout(`label "${k}" not found.\n`);
      if (!overwrite) {
        if (mode === 'label') {
          const errs = [...add].filter(([k, v]) => k in current && current[k] !== v).map(([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
          if (errs.length) throw new CmdError(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
        } else {
          const errs = [...add].filter(([k, v]) => k !== 'kubernetes.io/change-cause' && k in current && current[k] !== v).map(([k]) => k).map((k) => `'${k}' already has a value (${current[k]})`);
          if (errs.length) throw new CmdError(`--overwrite is false but found the following declared annotation(s): ${errs.join('; ')}`);
        }
      }
      const next: Obj = structuredClone(obj);
      const m: Record<string, string> = { ...current };
      for (const k of remove) delete m[k];
      for (const [k, v] of add) m[k] = v;
      if (Object.keys(m).length || obj.metadata[field]) next.metadata[field] = m;
      if (rv) next.metadata.resourceVersion = rv;
      const oldJson = JSON.stringify(obj);
      const newJson = JSON.stringify(next);
      let out: Obj = next;
      if (dry !== 'client') {
        const patch = createMergePatch(obj, next);
        out = env.client.request({
          method: 'PATCH',
          path: itemPath(t.r, t.ns, t.name),
          query: { fieldManager: str(flags['field-manager']), ...(dry === 'server' ? { dryRun: 'All' } : {}) },
          body: patch,
          contentType: 'application/merge-patch+json',
        }).body as Obj;
      }
      let msg: string;
      if (mode === 'label') {
        msg = 'not labeled';
        if (oldJson !== newJson) {
          msg = 'labeled';
          if (!overwrite && newJson.length < oldJson.length) msg = 'unlabeled';
        }
      } else msg = 'annotated';
      printOperation(ctx, t.r as ApiResource, out, msg, dry);
    } catch (e) {
      failed = true;
      env.stderr(errorText(e));
    }
  }
  for (const e of errors) env.stderr(e);
  return failed || errors.length ? 1 : 0;
}

export const labelCommand: CommandDef = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags: flagsFor('label'),
  run: (ctx) => run(ctx, 'label'),
};

export const annotateCommand: CommandDef = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags: flagsFor('annotate'),
  run: (ctx) => run(ctx, 'annotate'),
};
