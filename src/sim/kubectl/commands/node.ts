/** kubectl cordon / uncordon / drain / taint. */
import type { CommandDef, CmdContext } from '../command';
import { bool, num, str } from '../command';
import { CmdError, errorText } from '../errors';
import { itemPath, tryResolve } from '../discovery';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './shared';
import { collectTargets, printOperation, type Target } from './targets';
import { parseGoDuration } from './wait';

const NODE_FLAGS = [{ name: 'selector', short: 'l', type: 'string' as const, default: '' }, DRY_RUN_FLAG];

/** The nodes named by NODE or -l (cordon/uncordon/drain). */
function nodeTargets(ctx: CmdContext, verb: string): Target[] {
  const sel = str(ctx.flags.selector);
  if (ctx.args.length === 0 && !sel) throw new CmdError(`USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
  if (ctx.args.length && sel) throw new CmdError(`error: cannot specify both a node name and a --selector option\nSee 'kubectl ${verb} -h' for help and examples\n`, 1, true);
  const { targets, errors } = sel ? collectTargets(ctx, ['nodes'], { selector: true }) : collectTargets(ctx, ['nodes', ...ctx.args]);
  if (errors.length) throw new CmdError(errors[0], 1, true);
  for (const t of targets) if (t.r.kind !== 'Node') throw new CmdError(`error: expected resource of type node, got "${t.r.resource}"`);
  return targets;
}

function cordonOrUncordon(ctx: CmdContext, targets: Target[], desired: boolean): void {
  const { env } = ctx;
  const dry = dryRunOf(ctx);
  const verb = desired ? 'cordon' : 'uncordon';
  for (const t of targets) {
    const cur = !!t.obj.spec?.unschedulable;
    if (cur === desired) {
      printOperation(ctx, t.r, t.obj, desired ? 'already cordoned' : 'already uncordoned', dry);
      continue;
    }
    if (dry !== 'client') {
      try {
        env.client.request({
          method: 'PATCH',
          path: itemPath(t.r, undefined, t.name),
          query: dry === 'server' ? { dryRun: 'All' } : {},
          body: { spec: { unschedulable: desired ? true : null } },
          contentType: 'application/strategic-merge-patch+json',
        });
      } catch (e) {
        env.stderr(`error: unable to ${verb} node "${t.name}": ${(e as Error).message}\n`);
        continue;
      }
    }
    printOperation(ctx, t.r, t.obj, desired ? 'cordoned' : 'uncordoned', dry);
  }
}

export const cordonCommand: CommandDef = {
  name: 'cordon',
  short: 'Mark node as unschedulable',
  flags: NODE_FLAGS,
  run(ctx) {
    cordonOrUncordon(ctx, nodeTargets(ctx, 'cordon'), true);
    return 0;
  },
};

export const uncordonCommand: CommandDef = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  flags: NODE_FLAGS,
  run(ctx) {
    cordonOrUncordon(ctx, nodeTargets(ctx, 'uncordon'), false);
    return 0;
  },
};

// ---------- drain ----------

interface PodStatus {
  pod: Obj;
  del: boolean;
  reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  message: string;
}

function controllerOf(p: Obj): { kind: string; apiVersion: string; name: string } | undefined {
  return (p.metadata.ownerReferences ?? []).find((r: { controller?: boolean }) => r.controller);
}

function filterPods(ctx: CmdContext, pods: Obj[]): PodStatus[] {
  const { env, flags } = ctx;
  const force = bool(flags.force);
  const finished = (p: Obj) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
  const filters: ((p: Obj) => Omit<PodStatus, 'pod'>)[] = [
    // skipDeletedFilter: --skip-wait-for-delete-timeout
    (p) => {
      const skip = num(flags['skip-wait-for-delete-timeout'], 0);
      if (skip > 0 && p.metadata.deletionTimestamp && (env.now() - Date.parse(p.metadata.deletionTimestamp)) / 1000 > skip) return { del: false, reason: 'Skip', message: '' };
      return { del: true, reason: 'Okay', message: '' };
    },
    (p) => {
      const ref = controllerOf(p);
      if (!ref || ref.kind !== 'DaemonSet' || ref.apiVersion !== 'apps/v1') return { del: true, reason: 'Okay', message: '' };
      if (finished(p)) return { del: true, reason: 'Okay', message: '' };
      try {
        env.client.request({ method: 'GET', path: `/apis/apps/v1/namespaces/${p.metadata.namespace}/daemonsets/${ref.name}` });
      } catch (e) {
        if (e instanceof ApiError && e.code === 404 && force) return { del: true, reason: 'Warning', message: e.message };
        return { del: false, reason: 'Error', message: (e as Error).message };
      }
      if (!bool(flags['ignore-daemonsets'])) return { del: false, reason: 'Error', message: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
      return { del: false, reason: 'Warning', message: 'ignoring DaemonSet-managed Pods' };
    },
    (p) => (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { del: false, reason: 'Skip', message: '' } : { del: true, reason: 'Okay', message: '' }),
    (p) => {
      if (!((p.spec?.volumes ?? []) as Obj[]).some((v) => v.emptyDir)) return { del: true, reason: 'Okay', message: '' };
      if (finished(p)) return { del: true, reason: 'Okay', message: '' };
      if (!bool(flags['delete-emptydir-data'])) return { del: false, reason: 'Error', message: 'Pods with local storage (use --delete-emptydir-data to override)' };
      return { del: true, reason: 'Warning', message: 'deleting Pods with local storage' };
    },
    (p) => {
      if (finished(p) || controllerOf(p)) return { del: true, reason: 'Okay', message: '' };
      if (force) return { del: true, reason: 'Warning', message: 'deleting Pods that declare no controller' };
      return { del: false, reason: 'Error', message: 'cannot delete Pods that declare no controller (use --force to override)' };
    },
  ];
  return pods.map((pod) => {
    let st: Omit<PodStatus, 'pod'> = { del: true, reason: 'Okay', message: '' };
    for (const f of filters) {
      st = f(pod);
      if (!st.del) break;
    }
    return { pod, ...st };
  });
}

function grouped(list: PodStatus[], reason: string): [string, string[]][] {
  const m = new Map<string, string[]>();
  for (const s of list) if (s.reason === reason) m.set(s.message || (reason === 'Error' ? 'unexpected error' : ''), [...(m.get(s.message) ?? []), `${s.pod.metadata.namespace}/${s.pod.metadata.name}`]);
  return [...m];
}

function podsOnNode(ctx: CmdContext, node: string): Obj[] {
  const q: Record<string, string> = { fieldSelector: `spec.nodeName=${node}`, limit: '500' };
  if (str(ctx.flags['pod-selector'])) q.labelSelector = str(ctx.flags['pod-selector']);
  return (ctx.env.client.request({ method: 'GET', path: '/api/v1/pods', query: q }).body as { items: Obj[] }).items;
}

async function drainNode(ctx: CmdContext, node: Target): Promise<void> {
  const { env, flags } = ctx;
  const list = filterPods(ctx, podsOnNode(ctx, node.name));
  const errs = grouped(list, 'Error').map(([msg, pods]) => `cannot delete ${msg}: ${pods.join(', ')}`);
  if (errs.length) throw new Error(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
  const warnings = grouped(list, 'Warning').map(([msg, pods]) => `${msg}: ${pods.join(', ')}`);
  if (warnings.length) env.stderr(`Warning: ${warnings.join('; ')}\n`);
  const pods = list.filter((s) => s.del).map((s) => s.pod);
  const dry = dryRunOf(ctx);
  if (dry === 'client') {
    for (const p of pods) env.stdout(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return;
  }
  const disableEviction = bool(flags['disable-eviction']);
  const grace = num(flags['grace-period'], -1);
  const timeoutMs = parseGoDuration(str(flags.timeout) || '0s');
  const deadline = timeoutMs > 0 ? env.now() + timeoutMs : Infinity;
  const started: { pod: Obj; evicted: boolean }[] = [];
  for (const p of pods) {
    const path = `/api/v1/namespaces/${p.metadata.namespace}/pods/${encodeURIComponent(p.metadata.name!)}`;
    const deleteOptions = grace >= 0 ? { gracePeriodSeconds: grace } : {};
    let usedEviction = !disableEviction;
    if (usedEviction) {
      if (dry !== 'server') env.stdout(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
      else env.stdout(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (server dry run)\n`);
      try {
        env.client.request({
          method: 'POST',
          path: `${path}/eviction`,
          query: dry === 'server' ? { dryRun: 'All' } : {},
          body: { kind: 'Eviction', apiVersion: 'policy/v1', metadata: { name: p.metadata.name, namespace: p.metadata.namespace, creationTimestamp: null }, deleteOptions },
          contentType: 'application/json',
        });
      } catch (e) {
        if (e instanceof ApiError && e.code === 404 && !e.details?.name) {
          // this apiserver does not serve pods/eviction yet: delete the pod (what --disable-eviction does)
          usedEviction = false;
        } else if (e instanceof ApiError && e.code === 404) {
          continue;
        } else throw new Error(`error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}": ${(e as Error).message}`);
      }
    }
    if (!usedEviction) {
      try {
        env.client.request({ method: 'DELETE', path, query: dry === 'server' ? { dryRun: 'All' } : {}, body: deleteOptions, contentType: 'application/json' });
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    }
    started.push({ pod: p, evicted: !disableEviction });
  }
  if (dry === 'server') return;
  // waitForDelete: poll every second until each pod is gone (or replaced by a new uid)
  const pending = [...started];
  while (pending.length) {
    for (let i = 0; i < pending.length; ) {
      const { pod, evicted } = pending[i];
      let gone = false;
      try {
        const cur = env.client.request({ method: 'GET', path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${encodeURIComponent(pod.metadata.name!)}` }).body as Obj;
        gone = cur.metadata.uid !== pod.metadata.uid;
      } catch (e) {
        if (e instanceof ApiError && e.code === 404) gone = true;
        else throw e;
      }
      if (gone) {
        env.stdout(`pod/${pod.metadata.name} ${evicted ? 'evicted' : 'deleted'}\n`);
        pending.splice(i, 1);
      } else i++;
    }
    if (!pending.length) break;
    if (env.now() >= deadline) {
      const p = pending[0].pod;
      throw new Error(`error when waiting for pod "${p.metadata.name}" in namespace "${p.metadata.namespace}" to terminate: timed out waiting for the condition`);
    }
    if (env.signal?.aborted) return;
    await env.sleep(Math.min(1000, deadline - env.now()));
  }
}

export const drainCommand: CommandDef = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  flags: [
    ...NODE_FLAGS,
    { name: 'force', type: 'bool', default: false },
    { name: 'ignore-daemonsets', type: 'bool', default: false },
    { name: 'delete-emptydir-data', type: 'bool', default: false },
    { name: 'delete-local-data', type: 'bool', default: false },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'pod-selector', type: 'string', default: '' },
    { name: 'disable-eviction', type: 'bool', default: false },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  async run(ctx) {
    const { env } = ctx;
    if (ctx.changed.has('delete-local-data')) {
      env.stderr('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n');
      if (bool(ctx.flags['delete-local-data'])) ctx.flags['delete-emptydir-data'] = true;
    }
    const nodes = nodeTargets(ctx, 'drain');
    cordonOrUncordon(ctx, nodes, true);
    const fatal: string[] = [];
    const remaining: string[] = [];
    for (const n of nodes) {
      try {
        await drainNode(ctx, n);
        printOperation(ctx, n.r, n.obj, 'drained', dryRunOf(ctx));
      } catch (e) {
        const msg = e instanceof ApiError ? e.message : (e as Error).message;
        env.stderr(`error: unable to drain node "${n.name}" due to error: ${msg}, continuing command...\n`);
        fatal.push(msg);
        remaining.push(n.name);
      }
    }
    if (remaining.length) env.stderr(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
    if (fatal.length) {
      env.stderr(fatal.length === 1 ? `${fatal[0]}\n` : `[${fatal.join(', ')}]\n`);
      return 1;
    }
    return 0;
  },
};

// ---------- taint ----------

interface Taint {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

const QUALIFIED = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** corev1.Taint.ToString */
function taintString(t: Taint): string {
  if (!t.effect) return `${t.key}=${t.value ?? ''}`;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  let name = key;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (!prefix) errs.push('prefix part must be non-empty');
    else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix) || prefix.length > 253)
      errs.push("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  } else if (parts.length > 2) {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (!name) errs.push('name part must be non-empty');
  else {
    if (name.length > 63) errs.push('name part must be no more than 63 characters');
    if (!QUALIFIED.test(name))
      errs.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  }
  return errs;
}

function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new CmdError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new CmdError(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs: string[] = [];
      if (value.length > 63) errs.push('must be no more than 63 characters');
      if (!/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value))
        errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
      if (errs.length) throw new CmdError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else throw new CmdError(`invalid taint spec: ${st}`);
  const errs = qualifiedNameErrors(key);
  if (errs.length) throw new CmdError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

function goTaint(t: Taint): string {
  return `{${t.key} ${t.value ?? ''} ${t.effect ?? ''} <nil>}`;
}

export const taintCommand: CommandDef = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  flags: [
    { name: 'overwrite', type: 'bool', default: false },
    { name: 'all', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'field-manager', type: 'string', default: 'kubectl-taint' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run(ctx) {
    const { env, flags } = ctx;
    const dry = dryRunOf(ctx);
    const resources: string[] = [];
    const pairs: string[] = [];
    for (const a of ctx.args) {
      const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
      if (isTaint) pairs.push(a);
      else if (pairs.length) throw new CmdError(`all resources must be specified before taint changes: ${a}`);
      else resources.push(a);
    }
    const usage = (e: unknown) => (e instanceof CmdError ? new CmdError(`error: ${e.message}\nSee 'kubectl taint -h' for help and examples\n`, 1, true) : e);
    if (!resources.length) throw new CmdError('one or more resources must be specified as <resource> <name>');
    if (!pairs.length) throw new CmdError('at least one taint update is required');
    const add: Taint[] = [];
    const remove: Taint[] = [];
    const seen = new Map<string, Set<string>>();
    try {
    for (const s of pairs) {
      if (s.endsWith('-')) {
        const t = parseTaint(s.slice(0, -1));
        remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      } else {
        const t = parseTaint(s);
        if (!t.effect) throw new CmdError(`invalid taint spec: ${s}`);
        const set = seen.get(t.effect) ?? new Set<string>();
        if (set.has(t.key)) throw new CmdError(`duplicated taints with the same key and effect: ${goTaint(t)}`);
        set.add(t.key);
        seen.set(t.effect, set);
        add.push(t);
      }
    }
    } catch (e) {
      throw usage(e);
    }
    const conflicts = remove.filter((r) => add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect))).map((r) => taintString(r));
    if (conflicts.length) throw new CmdError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    if (bool(flags.all) && str(flags.selector)) throw new CmdError("setting 'all' parameter with a non empty selector is prohibited");
    const typed = resources[0];
    const names = resources.slice(1);
    const r = tryResolve(env, typed);
    if (!r) throw new CmdError(`the server doesn't have a resource type "${typed}"\n`, 1, true);
    if (r.kind !== 'Node') throw new CmdError(`invalid resource type ${typed}, only node types are supported`);
    if (!bool(flags.all) && !str(flags.selector) && !names.length) throw new CmdError("at least one resource name must be specified since 'all' parameter is not set");
    const { targets, errors } = collectTargets(ctx, names.length ? ['nodes', ...names] : ['nodes'], { selector: true, all: true });
    const all: string[] = [];
    for (const t of targets) {
      const old = ((t.obj.spec?.taints ?? []) as Taint[]).map((x) => ({ ...x }));
      if (!bool(flags.overwrite)) {
        const exists = add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect)).map((a) => a.key);
        if (exists.length) {
          all.push(`node ${t.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
          continue;
        }
      }
      let next: Taint[] = add.map((a) => ({ ...a }));
      for (const o of old) if (!next.some((n) => n.key === o.key && n.effect === o.effect)) next.push(o);
      const added = old.length !== next.length;
      const errs: string[] = [];
      let removed = false;
      for (const r of remove) {
        const before = next.length;
        next = next.filter((n) => !(n.key === r.key && (!r.effect || n.effect === r.effect)));
        removed = next.length !== before;
        if (!removed) errs.push(`taint "${taintString(r)}" not found`);
      }
      if (errs.length) {
        all.push(...errs);
        continue;
      }
      const op = (added && removed) || bool(flags.overwrite) ? 'modified' : added ? 'tainted' : 'untainted';
      const nextObj = structuredClone(t.obj);
      nextObj.spec ??= {};
      if (next.length) nextObj.spec.taints = next;
      else delete nextObj.spec.taints;
      if (dry !== 'client') {
        try {
          const out = env.client.request({
            method: 'PATCH',
            path: itemPath(t.r, undefined, t.name),
            query: { fieldManager: str(flags['field-manager']), fieldValidation: 'Strict', ...(dry === 'server' ? { dryRun: 'All' } : {}) },
            body: { spec: { taints: next.length ? next : null } },
            contentType: 'application/strategic-merge-patch+json',
          }).body as Obj;
          printOperation(ctx, t.r, out, op, dry);
        } catch (e) {
          all.push((e as Error).message);
        }
        continue;
      }
      printOperation(ctx, t.r, nextObj, op, dry);
    }
    for (const e of errors) env.stderr(e);
    if (all.length) {
      env.stderr(all.length === 1 ? `error: ${all[0]}\n` : `error: [${all.join(', ')}]\n`);
      return 1;
    }
    return errors.length ? 1 : 0;
  },
};

void errorText;
