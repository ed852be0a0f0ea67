/** describePod (kubectl describe pod). */
import type { Obj } from '../../client/types';
import { formatLabelSelector } from '../../api/table/helpers';
import {
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  printTolerationsMultilineWithIndent,
  rfc1123z,
  since,
  type Any,
} from './common';
import { describeContainers, describeResources, envValueRetriever } from './containers';
import { describeEvents } from './events';
import { goSortSlice } from './gosort';
import { getPodQOS } from './qos';
import { describeVolumes } from './volumes';
import { LEVEL_0, LEVEL_1, PrefixWriter, type Writer } from './writer';

export function describePodIPs(pod: Obj, w: Writer, space: string): void {
  const ips: Any[] = pod.status?.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, `${space}IPs:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}IPs:\n`);
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip ?? ''}\n`);
}

export function describeTopologySpreadConstraints(tscs: Any[] | undefined, w: Writer, space: string): void {
  const list = [...(tscs ?? [])];
  if (list.length === 0) return;
  goSortSlice(list, (a, b) => (a.topologyKey ?? '') < (b.topologyKey ?? ''));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  list.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${t.topologyKey ?? ''}:`);
    w.write(LEVEL_0, `${t.whenUnsatisfiable ?? ''}`);
    w.write(LEVEL_0, ` when max skew ${t.maxSkew ?? 0} is exceeded`);
    if (t.labelSelector) w.write(LEVEL_0, ` for selector ${formatLabelSelector(t.labelSelector)}`);
    w.write(LEVEL_0, '\n');
  });
}

/** `events` undefined = --show-events=false (no Events section). */
export function describePod(pod: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = pod.spec ?? {};
  const status: Any = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${pod.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (typeof spec.priority === 'number') w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
  else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(now, pod.metadata.deletionTimestamp)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const sp = spec.securityContext?.seccompProfile;
  if (sp) {
    w.write(LEVEL_0, `SeccompProfile:\t${sp.type ?? ''}\n`);
    if (sp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  describePodIPs(pod, w, '');
  const controlledBy = printController(pod);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.resources) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(spec.resources, w, LEVEL_1);
  }
  const resolver = envValueRetriever(pod);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, resolver, w, '');
  describeContainers('Containers', spec.containers ?? [], status.containerStatuses, resolver, w, '');
  if ((spec.ephemeralContainers ?? []).length > 0) describeContainers('Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, resolver, w, '');
  if ((spec.readinessGates ?? []).length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x: Any) => x.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(spec.volumes, w, '');
  w.write(LEVEL_0, `QoS Class:\t${getPodQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultilineWithIndent(w, '', 'Tolerations', '\t', spec.tolerations);
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
  if (events) describeEvents(events, w, now);
  return w.toString();
}
