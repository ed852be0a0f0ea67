/** DescribePodTemplate: the `Pod Template:` block of workload describers. */
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultilineWithIndent, type Any } from './common';
import { describeContainers } from './containers';
import { describeTopologySpreadConstraints } from './pod';
import { describeVolumes } from './volumes';
import { LEVEL_0, LEVEL_1, type Writer } from './writer';

export function describePodTemplate(template: Any | undefined, w: Writer): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (Object.keys(meta.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultilineWithIndent(w, '', '  Tolerations', '\t', spec.tolerations);
}
