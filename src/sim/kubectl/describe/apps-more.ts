/** StatefulSet and CronJob describers. */
import type { Obj } from '../../client/types';
import { labelSelectorString } from '../../api/table/helpers';
import { printAnnotationsMultiline, printBoolPtr, printLabelsMultiline, printLabelsMultilineWithIndent, q, rfc1123z, type Any } from './common';
import { describeEvents } from './events';
import { describePodTemplate } from './podtemplate';
import { podStatusCounts } from './workloads';
import { LEVEL_0, LEVEL_1, PrefixWriter, type Writer } from './writer';

function describeVolumeClaimTemplates(templates: Any[] | undefined, w: Writer): void {
  const ts = templates ?? [];
  if (ts.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of ts) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    const cls = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
    w.write(LEVEL_1, `StorageClass:\t${cls}\n`);
    printLabelsMultilineWithIndent(w, '  ', 'Labels', '\t', pvc.metadata?.labels);
    printLabelsMultilineWithIndent(w, '  ', 'Annotations', '\t', pvc.metadata?.annotations);
    const cap = pvc.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${cap !== undefined ? q(cap) : '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}

export function describeStatefulSet(sts: Obj, pods: Obj[], events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = sts.spec ?? {};
  const [running, waiting, succeeded, failed] = podStatusCounts(pods, sts.metadata.uid);
  w.write(LEVEL_0, `Name:\t${sts.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${sts.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector) ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', sts.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sts.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && typeof ru.partition === 'number') {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
  describePodTemplate(spec.template, w);
  describeVolumeClaimTemplates(spec.volumeClaimTemplates, w);
  if (events) describeEvents(events, w, now);
  return w.toString();
}

export function describeCronJob(cj: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = cj.spec ?? {};
  w.write(LEVEL_0, `Name:\t${cj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
  const opt = (v: unknown, suffix = '') => (typeof v === 'number' ? `${v}${suffix}` : '<unset>');
  w.write(LEVEL_0, `Successful Job History Limit:\t${opt(spec.successfulJobsHistoryLimit)}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${opt(spec.failedJobsHistoryLimit)}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${opt(spec.startingDeadlineSeconds, 's')}\n`);
  const jt: Any = spec.jobTemplate?.spec ?? {};
  if (jt.selector) {
    const s = labelSelectorString(jt.selector);
    w.write(LEVEL_0, s === undefined ? 'Selector:\tFailed to get selector: invalid selector\n' : `Selector:\t${s}\n`);
  } else w.write(LEVEL_0, 'Selector:\t<unset>\n');
  w.write(LEVEL_0, `Parallelism:\t${opt(jt.parallelism)}\n`);
  w.write(LEVEL_0, `Completions:\t${opt(jt.completions)}\n`);
  if (typeof jt.activeDeadlineSeconds === 'number') w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(jt.template, w);
  w.write(LEVEL_0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`);
  const active: Any[] = cj.status?.active ?? [];
  w.write(LEVEL_0, 'Active Jobs:\t');
  if (active.length === 0) w.writeLine('<none>');
  else {
    active.forEach((j, i) => {
      if (i !== 0) w.write(LEVEL_0, ', ');
      w.write(LEVEL_0, j.name ?? '');
    });
    w.writeLine('');
  }
  if (events) describeEvents(events, w, now);
  return w.toString();
}
