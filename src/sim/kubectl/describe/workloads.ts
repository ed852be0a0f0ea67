/** Deployment, ReplicaSet, DaemonSet, Job and StatefulSet describers. */
import type { Obj } from '../../client/types';
import { parseTime } from '../../core/clock';
import { humanDuration } from '../../core/duration';
import { formatLabels, formatLabelSelector, labelSelectorString } from '../../api/table/helpers';
import { printAnnotationsMultiline, printController, printLabelsMultiline, rfc1123z, type Any } from './common';
import { describeEvents } from './events';
import { describePodTemplate } from './podtemplate';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

/** getPodStatusForController: phases of the pods controlled (controller ownerRef uid) by `owner`. */
export function podStatusCounts(pods: Obj[], ownerUid: string | undefined): [number, number, number, number] {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const p of pods) {
    const ref = (p.metadata.ownerReferences ?? []).find((r) => r.controller === true);
    if (!ref || ref.uid !== ownerUid) continue;
    switch (p.status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  return [running, waiting, succeeded, failed];
}

function conditionsTable(w: PrefixWriter, conds: Any[] | undefined): void {
  if ((conds ?? []).length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conds!) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

const intOrString = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** EqualIgnoreHash: the templates are equal once the pod-template-hash label is dropped. */
function templateEqualIgnoreHash(a: Any, b: Any): boolean {
  const strip = (t: Any) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
    return c;
  };
  return canonical(strip(a)) === canonical(strip(b));
}
/** Semantic.DeepEqual treats nil and empty maps/slices alike: drop empty members before comparing. */
function canonical(v: unknown): string {
  const isEmpty = (x: unknown) => x === undefined || x === null || (typeof x === 'object' && Object.keys(x as object).length === 0);
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => !isEmpty(o[k])).sort();
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonical(o[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

/**
 * deploymentutil.GetAllReplicaSetsInChunks: the ReplicaSets the Deployment controls (controller
 * ownerRef), the new one = the one whose template equals the Deployment's ignoring pod-template-hash
 * (the oldest such by creationTimestamp), the others old.
 */
export function splitReplicaSets(d: Obj, replicaSets: Obj[]): { oldRSs: Obj[]; newRS: Obj | undefined } {
  const owned = replicaSets.filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === d.metadata.uid));
  const sorted = [...owned].sort((a, b) => {
    const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
    const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
    return ta !== tb ? ta - tb : (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
  const newRS = sorted.find((rs) => templateEqualIgnoreHash(rs.spec?.template, d.spec?.template));
  return { oldRSs: owned.filter((rs) => rs !== newRS), newRS };
}

function rsList(list: Obj[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return s || '<none>';
}

export function describeDeployment(d: Obj, replicaSets: Obj[], events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = d.spec ?? {};
  const st: Any = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${d.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector) ?? ''}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
  describePodTemplate(spec.template, w);
  conditionsTable(w, st.conditions);
  const { oldRSs, newRS } = splitReplicaSets(d, replicaSets);
  const newRSs = newRS ? [newRS] : [];
  if (oldRSs.length > 0 || newRSs.length > 0) {
    w.write(LEVEL_0, `OldReplicaSets:\t${rsList(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${rsList(newRSs)}\n`);
  }
  if (events) describeEvents(events, w, now);
  return w.toString();
}

/** `pods`: the pods matching the ReplicaSet's selector (only those it controls are counted). */
export function describeReplicaSet(rs: Obj, pods: Obj[], events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const [running, waiting, succeeded, failed] = podStatusCounts(pods, rs.metadata.uid);
  w.write(LEVEL_0, `Name:\t${rs.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const controlledBy = printController(rs);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, 'Pods Status:\t');
  w.write(LEVEL_0, `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
  describePodTemplate(rs.spec?.template, w);
  conditionsTable(w, rs.status?.conditions);
  if (events) describeEvents(events, w, now);
  return w.toString();
}

export function describeDaemonSet(ds: Obj, pods: Obj[], events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const st: Any = ds.status ?? {};
  const [running, waiting, succeeded, failed] = podStatusCounts(pods, ds.metadata.uid);
  w.write(LEVEL_0, `Name:\t${ds.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${labelSelectorString(ds.spec?.selector) ?? ''}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
  describePodTemplate(ds.spec?.template, w);
  if (events) describeEvents(events, w, now);
  return w.toString();
}

function capIndexesListOrNone(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  return ix >= indexes.length ? indexes : indexes.slice(0, ix) + ',...';
}

export function describeJob(job: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = job.spec ?? {};
  const st: Any = job.status ?? {};
  w.write(LEVEL_0, `Name:\t${job.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
  const sel = labelSelectorString(spec.selector);
  w.write(LEVEL_0, sel === undefined ? 'Selector:\tFailed to get selector: invalid selector\n' : `Selector:\t${sel}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const controlledBy = printController(job);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (typeof spec.parallelism === 'number') w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, typeof spec.completions === 'number' ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
  if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (typeof spec.suspend === 'boolean') w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (typeof spec.backoffLimit === 'number') w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (typeof spec.ttlSecondsAfterFinished === 'number') w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  const s = parseTime(st.startTime);
  const c = parseTime(st.completionTime);
  if (s !== undefined && c !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(c - s)}\n`);
  if (typeof spec.activeDeadlineSeconds === 'number') w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (typeof st.ready !== 'number') w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexesListOrNone(st.completedIndexes, 50)}\n`);
  describePodTemplate(spec.template, w);
  if (events) describeEvents(events, w, now);
  return w.toString();
}
