/** kubectl rollout status | history | undo | restart | pause | resume (deployments, daemonsets, statefulsets). */
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, num, str } from '../command';
import { CmdError, errorText } from '../errors';
import { collectionPath, itemPath, kindName, qualifiedResource, type ApiResource } from '../discovery';
import type { Obj, WatchEvent } from '../../client/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './shared';
import { collectTargets, drySuffix, printOperation, withTypeMeta, type Target } from './targets';
import { parseOutput, printObjects } from '../output';
import { threeWayPatch } from '../apply/threeway';
import { describePodTemplate } from '../describe/podtemplate';
import type { Writer } from '../describe/writer';
import { TabWriter } from '../printers/tabwriter';
import { toRFC3339 } from '../../core/clock';
import { parseGoDuration } from './wait';

const SELECTOR_FLAGS = [
  { name: 'filename', short: 'f', type: 'stringArray' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const, default: false },
  { name: 'selector', short: 'l', type: 'string' as const, default: '' },
];

function requireResources(ctx: CmdContext): void {
  if (!ctx.args.length && !arr(ctx.flags.filename).length) {
    throw new CmdError(
      "required resource not specified",
    );
  }
}

function gk(r: ApiResource): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

// ---------- status ----------

export function statusOf(r: ApiResource, o: Obj, revision = 0): { msg: string; done: boolean } {
  const st = (o.status ?? {}) as Record<string, number | undefined>;
  const gen = o.metadata.generation ?? 0;
  const observed = (st.observedGeneration as number | undefined) ?? 0;
  const name = o.metadata.name;
  if (r.kind === 'Deployment') {
    if (revision > 0) {
      const rev = Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 'NaN');
      if (Number.isNaN(rev)) throw new CmdError(`cannot get the revision of deployment "${name}": strconv.ParseInt: parsing "": invalid syntax`);
      if (rev !== revision) throw new CmdError(`desired revision (${revision}) is different from the running revision (${rev})`);
    }
    if (gen <= observed) {
      const cond = ((o.status?.conditions ?? []) as { type: string; reason?: string }[]).find((c) => c.type === 'Progressing');
      if (cond?.reason === 'ProgressDeadlineExceeded') throw new CmdError(`deployment "${name}" exceeded its progress deadline`);
      const replicas = o.spec?.replicas as number | undefined;
      const updated = st.updatedReplicas ?? 0;
      if (replicas !== undefined && updated < replicas) return { msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
      if ((st.replicas ?? 0) > updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
      if ((st.availableReplicas ?? 0) < updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
      return { msg: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    return { msg: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (r.kind === 'DaemonSet') {
    if ((o.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new CmdError('rollout status is only available for RollingUpdate strategy type');
    if (gen <= observed) {
      const desired = st.desiredNumberScheduled ?? 0;
      if ((st.updatedNumberScheduled ?? 0) < desired) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
      if ((st.numberAvailable ?? 0) < desired) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
      return { msg: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    return { msg: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  if (r.kind === 'StatefulSet') {
    if ((o.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new CmdError('rollout status is only available for RollingUpdate strategy type');
    const s = o.status ?? {};
    if (!s.observedGeneration || gen > s.observedGeneration) return { msg: 'Waiting for statefulset spec update to be observed...\n', done: false };
    const replicas = o.spec?.replicas ?? 1;
    if ((s.readyReplicas ?? 0) < replicas) return { msg: `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
    const partition = o.spec?.updateStrategy?.rollingUpdate?.partition;
    if (partition !== undefined && partition !== null) {
      if ((s.updatedReplicas ?? 0) < replicas - partition) return { msg: `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`, done: false };
      return { msg: `partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
    }
    if (s.updateRevision !== s.currentRevision) return { msg: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...\n`, done: false };
    return { msg: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...\n`, done: true };
  }
  throw new CmdError(`no status viewer has been implemented for ${gk(r)}`);
}

async function runStatus(ctx: CmdContext): Promise<number> {
  const { env, flags } = ctx;
  requireResources(ctx);
  const { targets, errors } = collectTargets(ctx, ctx.args, { selector: true });
  for (const e of errors) {
    env.stderr(e);
    return 1;
  }
  if (targets.length !== 1) {
    if (targets.length === 0) throw new CmdError('no objects passed to rollout status');
  }
  const t = targets[0];
  const timeoutMs = parseGoDuration(str(flags.timeout) || '0s');
  const revision = num(flags.revision, 0);
  const watchOn = flags.watch !== false;
  const deadline = timeoutMs > 0 ? env.now() + timeoutMs : Infinity;
  let done = false;
  let failure: unknown;
  let deleted = false;
  // scripted runs (env.watchLimitMs): a rollout that has printed nothing new for that long ends, as
  // the user would interrupt it (a real kubectl without --timeout waits forever)
  let lastNews = env.now();
  const check = (o: Obj) => {
    if (done || failure) return;
    try {
      const s = statusOf(t.r, o, revision);
      env.stdout(s.msg);
      lastNews = env.now();
      if (s.done || !watchOn) done = true;
    } catch (e) {
      failure = e;
    }
  };
  // list (ADDED) then watch (MODIFIED), like watchtools.UntilWithSync
  const q = { fieldSelector: `metadata.name=${t.name}` };
  const list = env.client.request({ method: 'GET', path: collectionPath(t.r, t.ns), query: { ...q, limit: '500', resourceVersion: '0' } }).body as { items: Obj[]; metadata: { resourceVersion: string } };
  for (const o of list.items) check(o);
  if (done || failure) {
    if (failure) throw failure;
    return 0;
  }
  const stop = env.client.rawWatch(collectionPath(t.r, t.ns), { ...q, resourceVersion: list.metadata.resourceVersion }, 'application/json', (ev: WatchEvent) => {
    if (ev.type === 'ADDED' || ev.type === 'MODIFIED') check(ev.object);
    else if (ev.type === 'DELETED') deleted = true;
  });
  try {
    const quiet = () => env.watchLimitMs !== undefined && env.now() - lastNews >= env.watchLimitMs;
    while (!done && !failure && !deleted && !env.signal?.aborted && env.now() < deadline && !quiet()) {
      await env.sleep(Math.min(1000, deadline - env.now()));
    }
  } finally {
    stop();
  }
  if (failure) throw failure;
  if (deleted) throw new CmdError('object has been deleted');
  if (!done && env.now() >= deadline) throw new CmdError('timed out waiting for the condition');
  return 0;
}

// ---------- history ----------

/** describe.NewPrefixWriter over a plain buffer: no tab alignment (tabs stay tabs). */
class RawPrefixWriter {
  out = '';
  write(level: number, text: string): void {
    this.out += ('  '.repeat(level) + text).replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
  }
  writeLine(...a: unknown[]): void {
    this.out += a.map((x) => String(x)).join(' ') + '\n';
  }
}

export function printTemplate(template: Obj | undefined): string {
  const w = new RawPrefixWriter();
  describePodTemplate(template as never, w as unknown as Writer);
  return w.out;
}

function revisionOf(o: Obj): number | undefined {
  const v = o.metadata.annotations?.['deployment.kubernetes.io/revision'];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** The ReplicaSets a Deployment owns (deploymentutil.GetAllReplicaSets via the selector + controller ref). */
function ownedReplicaSets(ctx: CmdContext, d: Obj): Obj[] {
  const sel = d.spec?.selector?.matchLabels as Record<string, string> | undefined;
  const labelSelector = selectorString(d.spec?.selector);
  void sel;
  const items = (ctx.env.client.request({ method: 'GET', path: `/apis/apps/v1/namespaces/${d.metadata.namespace}/replicasets`, query: labelSelector ? { labelSelector } : {} }).body as { items: Obj[] }).items;
  return items.filter((rs) => (rs.metadata.ownerReferences ?? []).some((r: { uid?: string; controller?: boolean }) => r.controller && r.uid === d.metadata.uid));
}

function ownedRevisions(ctx: CmdContext, o: Obj): Obj[] {
  const items = (ctx.env.client.request({ method: 'GET', path: `/apis/apps/v1/namespaces/${o.metadata.namespace}/controllerrevisions`, query: {} }).body as { items: Obj[] }).items;
  return items.filter((cr) => (cr.metadata.ownerReferences ?? []).some((r: { uid?: string; controller?: boolean }) => r.controller && r.uid === o.metadata.uid));
}

export function selectorString(sel: Obj | undefined): string {
  if (!sel) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries((sel.matchLabels ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) parts.push(`${k}=${v}`);
  for (const e of (sel.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
    if (e.operator === 'In') parts.push(`${e.key} in (${[...(e.values ?? [])].sort().join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${[...(e.values ?? [])].sort().join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

function historyTable(rows: [number, string][]): string {
  const tw = new TabWriter({ minwidth: 0, tabwidth: 8, padding: 2 });
  tw.write('REVISION\tCHANGE-CAUSE\n');
  for (const [r, c] of rows.sort((a, b) => a[0] - b[0])) tw.write(`${r}\t${c || '<none>'}\n`);
  tw.flush();
  return tw.take();
}

function viewHistory(ctx: CmdContext, t: Target, revision: number): string {
  const o = t.obj;
  if (t.r.kind === 'Deployment') {
    const info = new Map<number, Obj>();
    for (const rs of ownedReplicaSets(ctx, o)) {
      const v = revisionOf(rs);
      if (v === undefined) continue;
      const tpl = structuredClone(rs.spec?.template ?? {}) as Obj;
      const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
      tpl.metadata = { ...(tpl.metadata ?? {}), annotations: { ...(tpl.metadata?.annotations ?? {}) } };
      if (cause) tpl.metadata.annotations!['kubernetes.io/change-cause'] = cause;
      info.set(v, tpl);
    }
    if (!info.size) return 'No rollout history found.';
    if (revision > 0) {
      const tpl = info.get(revision);
      if (!tpl) throw new CmdError('unable to find the specified revision');
      return printTemplate(tpl);
    }
    return historyTable([...info].map(([r, tpl]) => [r, tpl.metadata?.annotations?.['kubernetes.io/change-cause'] ?? '']));
  }
  if (t.r.kind === 'DaemonSet' || t.r.kind === 'StatefulSet') {
    const info = new Map<number, Obj>();
    for (const cr of ownedRevisions(ctx, o)) info.set(cr.revision as number, cr);
    if (!info.size) return 'No rollout history found.';
    if (revision > 0) {
      const cr = info.get(revision);
      if (!cr) throw new CmdError('unable to find the specified revision');
      const tpl = structuredClone(o.spec?.template ?? {}) as Obj;
      const patchTpl = (cr.data as Obj | undefined)?.spec?.template;
      return printTemplate(patchTpl ? (applyTemplatePatch(tpl, patchTpl) as Obj) : tpl);
    }
    return historyTable([...info].map(([r, cr]) => [r, cr.metadata.annotations?.['kubernetes.io/change-cause'] ?? '']));
  }
  throw new CmdError(`no history viewer has been implemented for ${gk(t.r)}`);
}

function applyTemplatePatch(tpl: Obj, patch: Obj): Obj {
  // the revision's data is a strategic-merge patch carrying the whole template ($patch: replace)
  const { $patch: _p, ...rest } = patch as Record<string, unknown>;
  void _p;
  void tpl;
  return rest as Obj;
}

function runHistory(ctx: CmdContext): number {
  const { env, flags } = ctx;
  requireResources(ctx);
  const revision = num(flags.revision, 0);
  const { targets, errors } = collectTargets(ctx, ctx.args, { selector: true });
  let failed = false;
  for (const t of targets) {
    try {
      if (str(flags.output)) {
        const fmt = parseOutput(str(flags.output), env.readFile);
        const list = t.r.kind === 'Deployment' ? ownedReplicaSets(ctx, t.obj).filter((rs) => revisionOf(rs) !== undefined).map((rs) => [revisionOf(rs)!, withTypeMeta({ ...t.r, kind: 'ReplicaSet' }, rs)] as const) : ownedRevisions(ctx, t.obj).map((cr) => [cr.revision as number, { apiVersion: 'apps/v1', kind: 'ControllerRevision', ...cr } as Obj] as const);
        const sorted = [...list].sort((a, b) => a[0] - b[0]);
        if (revision > 0) {
          const hit = sorted.find(([r]) => r === revision);
          if (!hit) throw new CmdError('unable to find the specified revision');
          env.stdout(printObjects(fmt, [hit[1]], true, (o) => (o.kind === 'ReplicaSet' ? 'replicaset.apps' : 'controllerrevision.apps')));
        } else for (const [, o] of sorted) env.stdout(printObjects(fmt, [o], true, (x) => (x.kind === 'ReplicaSet' ? 'replicaset.apps' : 'controllerrevision.apps')));
        continue;
      }
      const h = viewHistory(ctx, t, revision);
      const withRevision = revision > 0 ? `with revision #${revision}` : '';
      env.stdout(`${kindName(t.r)}/${t.name} ${withRevision}\n${h}\n`);
    } catch (e) {
      failed = true;
      env.stderr(errorText(e));
    }
  }
  for (const e of errors) env.stderr(e);
  return failed || errors.length ? 1 : 0;
}

// ---------- undo ----------

const SKIP_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function withoutHash(tpl: Obj | undefined): string {
  const c = structuredClone(tpl ?? {}) as Obj;
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return JSON.stringify(sortDeep(c));
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined || x === null) continue;
      if (typeof x === 'object' && !Array.isArray(x) && Object.keys(x as object).length === 0) continue;
      out[k] = sortDeep(x);
    }
    return out;
  }
  return v;
}

function runUndo(ctx: CmdContext): number {
  const { env, flags } = ctx;
  requireResources(ctx);
  const dry = dryRunOf(ctx);
  const toRevision = num(flags['to-revision'], 0);
  const { targets, errors } = collectTargets(ctx, ctx.args, { selector: true });
  let failed = false;
  for (const t of targets) {
    try {
      if (t.r.kind === 'DaemonSet' || t.r.kind === 'StatefulSet') {
        undoFromHistory(ctx, t, toRevision, dry);
        continue;
      }
      if (t.r.kind !== 'Deployment') {
        throw new CmdError(`no rollbacker has been implemented for ${JSON.stringify({ Group: t.r.group, Kind: t.r.kind }).replace(/"(\w+)":/g, '$1:').replace(/,/g, ', ').replace(/[{}]/g, (m) => m)}`);
      }
      if (toRevision < 0) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
      const d = env.client.request({ method: 'GET', path: itemPath(t.r, t.ns, t.name) }).body as Obj;
      let latest: Obj | undefined;
      let latestRev = -1;
      let prev: Obj | undefined;
      let prevRev = -1;
      let target: Obj | undefined;
      for (const rs of ownedReplicaSets(ctx, d)) {
        const v = revisionOf(rs);
        if (v === undefined) continue;
        if (toRevision === 0) {
          if (latestRev < v) {
            prevRev = latestRev;
            prev = latest;
            latestRev = v;
            latest = rs;
          } else if (prevRev < v) {
            prevRev = v;
            prev = rs;
          }
        } else if (toRevision === v) {
          target = rs;
          break;
        }
      }
      if (toRevision > 0 && !target) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
      if (toRevision === 0) {
        if (!prev) throw new CmdError(`no rollout history found for deployment "${d.metadata.name}"`);
        target = prev;
      }
      const rs = target!;
      if (dry === 'client') {
        env.stdout(`${kindName(t.r)}/${t.name} ${printTemplate(rs.spec?.template)}${drySuffix(dry)}\n`);
        continue;
      }
      if (d.spec?.paused) throw new CmdError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
      if (withoutHash(rs.spec?.template) === withoutHash(d.spec?.template)) {
        printOperation(ctx, t.r, t.obj, `skipped rollback (current template already matches revision ${toRevision})`, dry);
        continue;
      }
      const tpl = structuredClone(rs.spec?.template ?? {}) as Obj;
      if (tpl.metadata?.labels) delete tpl.metadata.labels['pod-template-hash'];
      const annotations: Record<string, string> = {};
      for (const k of SKIP_ANNOTATIONS) if (d.metadata.annotations?.[k] !== undefined) annotations[k] = d.metadata.annotations[k];
      for (const [k, v] of Object.entries((rs.metadata.annotations ?? {}) as Record<string, string>)) if (!SKIP_ANNOTATIONS.has(k)) annotations[k] = v;
      try {
        env.client.request({
          method: 'PATCH',
          path: itemPath(t.r, t.ns, t.name),
          query: dry === 'server' ? { dryRun: 'All' } : {},
          body: [
            { op: 'replace', path: '/spec/template', value: tpl },
            { op: 'replace', path: '/metadata/annotations', value: annotations },
          ],
          contentType: 'application/json-patch+json',
        });
      } catch (e) {
        throw new CmdError(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
      }
      printOperation(ctx, t.r, t.obj, 'rolled back', dry);
    } catch (e) {
      failed = true;
      env.stderr(errorText(e));
    }
  }
  for (const e of errors) env.stderr(e);
  return failed || errors.length ? 1 : 0;
}

/** DaemonSetRollbacker / StatefulSetRollbacker: patch the ControllerRevision's data back. */
function undoFromHistory(ctx: CmdContext, t: Target, toRevision: number, dry: string): void {
  if (toRevision < 0) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
  const history = ownedRevisions(ctx, t.obj).sort((a, b) => (a.revision as number) - (b.revision as number));
  let to: Obj | undefined;
  if (toRevision === 0) to = history.length > 1 ? history[history.length - 2] : undefined;
  else to = history.find((h) => h.revision === toRevision);
  if (!to) throw new CmdError(toRevision === 0 ? 'no last revision to roll back to' : `unable to find specified revision ${toRevision} in history`);
  const patch = (to.data ?? {}) as Obj;
  const tpl = patch.spec?.template as Obj | undefined;
  if (dry === 'client') {
    ctx.env.stdout(`${kindName(t.r)}/${t.name} ${printTemplate(tpl ? applyTemplatePatch(t.obj.spec?.template ?? {}, tpl) : t.obj.spec?.template)}${drySuffix(dry)}\n`);
    return;
  }
  if (tpl && withoutHash(applyTemplatePatch(t.obj.spec?.template ?? {}, tpl)) === withoutHash(t.obj.spec?.template)) {
    printOperation(ctx, t.r, t.obj, `skipped rollback (current template already matches revision ${to.revision})`, dry);
    return;
  }
  try {
    ctx.env.client.request({ method: 'PATCH', path: itemPath(t.r, t.ns, t.name), query: dry === 'server' ? { dryRun: 'All' } : {}, body: patch, contentType: 'application/strategic-merge-patch+json' });
  } catch (e) {
    throw new CmdError(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  printOperation(ctx, t.r, t.obj, 'rolled back', dry);
}

// ---------- restart / pause / resume ----------

type Mutator = (o: Obj, t: Target) => Obj | 'noop';

function patchEach(ctx: CmdContext, fieldManager: string, mutate: Mutator, okMsg: string, noopMsg: string): number {
  const { env } = ctx;
  requireResources(ctx);
  const dry = dryRunOf(ctx);
  const { targets, errors } = collectTargets(ctx, ctx.args, { selector: true });
  const all: string[] = [];
  for (const t of targets) {
    let next: Obj | 'noop';
    try {
      next = mutate(structuredClone(t.obj), t);
    } catch (e) {
      all.push(`error: ${qualifiedResource(t.r)} "${t.name}" ${(e as Error).message}`);
      continue;
    }
    if (next === 'noop') {
      printOperation(ctx, t.r, t.obj, noopMsg, dry);
      continue;
    }
    const patch = threeWayPatch(t.obj as Record<string, unknown>, next as Record<string, unknown>, t.obj as Record<string, unknown>);
    if (!Object.keys(patch).length) {
      printOperation(ctx, t.r, t.obj, noopMsg, dry);
      continue;
    }
    if (dry === 'client') {
      printOperation(ctx, t.r, next, okMsg, dry);
      continue;
    }
    try {
      const out = env.client.request({
        method: 'PATCH',
        path: itemPath(t.r, t.ns, t.name),
        query: { fieldManager, ...(dry === 'server' ? { dryRun: 'All' } : {}) },
        body: patch,
        contentType: 'application/strategic-merge-patch+json',
      }).body as Obj;
      printOperation(ctx, t.r, out, okMsg, dry);
    } catch (e) {
      all.push(`failed to patch: ${(e as Error).message}`);
    }
  }
  for (const e of errors) env.stderr(e);
  if (all.length) {
    env.stderr(all.length === 1 ? `${all[0].startsWith('error: ') ? all[0] : `error: ${all[0]}`}\n` : `error: [${all.join(', ')}]\n`);
    return 1;
  }
  return errors.length ? 1 : 0;
}

const restart: Mutator = (o, t) => {
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(t.r.kind)) throw new Error(`restarting is not supported`);
  if (t.r.kind === 'Deployment' && o.spec?.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
  o.spec ??= {};
  o.spec.template ??= {};
  o.spec.template.metadata ??= {};
  o.spec.template.metadata.annotations = { ...(o.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': restartTime };
  return o;
};
let restartTime = '';

const pause: Mutator = (o, t) => {
  if (t.r.kind !== 'Deployment') throw new Error(`pausing is not supported`);
  if (o.spec?.paused) throw new Error('is already paused');
  o.spec.paused = true;
  return o;
};

const resume: Mutator = (o, t) => {
  if (t.r.kind !== 'Deployment') throw new Error(`resuming is not supported`);
  if (!o.spec?.paused) throw new Error('is not paused');
  delete o.spec.paused;
  return o;
};

const rolloutSub = (name: string, short: string, run: CommandDef['run'], flags: CommandDef['flags'] = []): CommandDef => ({ name, short, run, flags: [...SELECTOR_FLAGS, ...(flags ?? [])] });

export const rolloutCommand: CommandDef = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  sub: [
    rolloutSub('history', 'View rollout history', runHistory, [{ name: 'revision', type: 'int', default: 0 }, OUTPUT_FLAG, { name: 'show-managed-fields', type: 'bool', default: false }, { name: 'template', type: 'string', default: '' }, { name: 'allow-missing-template-keys', type: 'bool', default: true }]),
    rolloutSub('pause', 'Mark the provided resource as paused', (ctx) => patchEach(ctx, str(ctx.flags['field-manager']), pause, 'paused', 'already paused'), [{ name: 'field-manager', type: 'string', default: 'kubectl-rollout' }, OUTPUT_FLAG, { name: 'template', type: 'string', default: '' }]),
    rolloutSub(
      'restart',
      'Restart a resource',
      (ctx) => {
        restartTime = toRFC3339(ctx.env.now());
        return patchEach(ctx, str(ctx.flags['field-manager']), restart, 'restarted', 'restarted');
      },
      [{ name: 'field-manager', type: 'string', default: 'kubectl-rollout' }, OUTPUT_FLAG, { name: 'template', type: 'string', default: '' }],
    ),
    rolloutSub('resume', 'Resume a paused resource', (ctx) => patchEach(ctx, str(ctx.flags['field-manager']), resume, 'resumed', 'already resumed'), [{ name: 'field-manager', type: 'string', default: 'kubectl-rollout' }, OUTPUT_FLAG, { name: 'template', type: 'string', default: '' }]),
    rolloutSub('status', 'Show the status of the rollout', runStatus, [{ name: 'revision', type: 'int', default: 0 }, { name: 'watch', short: 'w', type: 'bool', default: true }, { name: 'timeout', type: 'string', default: '0s' }]),
    rolloutSub('undo', 'Undo a previous rollout', runUndo, [{ name: 'to-revision', type: 'int', default: 0 }, DRY_RUN_FLAG, OUTPUT_FLAG, { name: 'template', type: 'string', default: '' }]),
  ],
};

void bool;
