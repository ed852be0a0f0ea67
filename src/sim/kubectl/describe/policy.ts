/** HorizontalPodAutoscaler (autoscaling/v2), PodDisruptionBudget, PriorityClass and NetworkPolicy describers. */
import type { Obj } from '../../client/types';
import { formatLabels, formatLabelSelector } from '../../api/table/helpers';
import { printAnnotationsMultiline, printLabelsMultiline, q, rfc1123z, type Any } from './common';
import { describeEvents } from './events';
import { goQuote } from '../printers/gosyntax';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter, type Writer } from './writer';

function direction(w: Writer, name: string, rules: Any): void {
  if (!rules) return;
  w.write(LEVEL_1, `${name}:\n`);
  if (typeof rules.stabilizationWindowSeconds === 'number') w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if ((rules.policies ?? []).length > 0) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value ?? 0}\tPeriod: ${p.periodSeconds ?? 0} seconds\n`);
  }
}

export function describeHorizontalPodAutoscaler(hpa: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = hpa.spec ?? {};
  const cur: Any[] = hpa.status?.currentMetrics ?? [];
  w.write(LEVEL_0, `Name:\t${hpa.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  (spec.metrics ?? []).forEach((m: Any, i: number) => {
    const st = cur.length > i ? cur[i] : undefined;
    switch (m.type) {
      case 'External': {
        const t = m.external?.target ?? {};
        if (t.averageValue !== undefined) {
          const c = st?.external?.current?.averageValue !== undefined ? q(st.external.current.averageValue) : '<unknown>';
          w.write(LEVEL_1, `${goQuote(m.external?.metric?.name ?? '')} (target average value):\t${c} / ${q(t.averageValue)}\n`);
        } else {
          const c = st?.external ? q(st.external.current?.value ?? '0') : '<unknown>';
          w.write(LEVEL_1, `${goQuote(m.external?.metric?.name ?? '')} (target value):\t${c} / ${q(t.value ?? '0')}\n`);
        }
        break;
      }
      case 'Pods': {
        const c = st?.pods ? q(st.pods.current?.averageValue ?? '0') : '<unknown>';
        w.write(LEVEL_1, `${goQuote(m.pods?.metric?.name ?? '')} on pods:\t${c} / ${q(m.pods?.target?.averageValue ?? '0')}\n`);
        break;
      }
      case 'Object': {
        const o = m.object ?? {};
        w.write(LEVEL_1, `"${o.metric?.name ?? ''}" on ${o.describedObject?.kind ?? ''}/${o.describedObject?.name ?? ''} `);
        if (o.target?.type === 'AverageValue') {
          const c = st?.object ? q(st.object.current?.averageValue ?? '0') : '<unknown>';
          w.write(LEVEL_0, `(target average value):\t${c} / ${q(o.target.averageValue ?? '0')}\n`);
        } else {
          const c = st?.object ? q(st.object.current?.value ?? '0') : '<unknown>';
          w.write(LEVEL_0, `(target value):\t${c} / ${q(o.target?.value ?? '0')}\n`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = m.type === 'Resource' ? 'resource' : 'containerResource';
        const r = m[key] ?? {};
        const s = st?.[key];
        w.write(LEVEL_1, m.type === 'Resource' ? `resource ${r.name} on pods` : `resource ${r.name} of container "${r.container ?? ''}" on pods`);
        if (r.target?.averageValue !== undefined) {
          const c = s ? q(s.current?.averageValue ?? '0') : '<unknown>';
          w.write(LEVEL_0, `:\t${c} / ${q(r.target.averageValue)}\n`);
        } else {
          const c = s && typeof s.current?.averageUtilization === 'number' ? `${s.current.averageUtilization}% (${q(s.current.averageValue ?? '0')})` : '<unknown>';
          const t = typeof r.target?.averageUtilization === 'number' ? `${r.target.averageUtilization}%` : '<auto>';
          w.write(LEVEL_1, `(as a percentage of request):\t${c} / ${t}\n`);
        }
        break;
      }
      default:
        w.write(LEVEL_1, `<unknown metric type ${goQuote(String(m.type ?? ''))}>\n`);
    }
  });
  w.write(LEVEL_0, `Min replicas:\t${typeof spec.minReplicas === 'number' ? spec.minReplicas : '<unset>'}\n`);
  w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    direction(w, 'Scale Up', spec.behavior.scaleUp);
    direction(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(LEVEL_0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
  w.write(LEVEL_0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
  const conds: Any[] = hpa.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (events) describeEvents(events, w, now);
  return w.toString();
}

export function describePodDisruptionBudget(pdb: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = pdb.spec ?? {};
  const st: Any = pdb.status ?? {};
  w.write(LEVEL_0, `Name:\t${pdb.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(LEVEL_0, spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : 'Selector:\t<unset>\n');
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${st.expectedPods ?? 0}\n`);
  if (events) describeEvents(events, w, now);
  return w.toString();
}

export function describePriorityClass(pc: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pc.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
  w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
  w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Description:\t${pc.description ?? ''}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  if (events) describeEvents(events, w, now);
  return w.toString();
}

/** Go's time.Time.String() in UTC: `2016-03-14 10:00:00 +0000 UTC`. */
function goTimeString(ts: string | undefined): string {
  const t = ts ? Date.parse(ts) : NaN;
  if (Number.isNaN(t)) return '0001-01-01 00:00:00 +0000 UTC';
  return new Date(t).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' +0000 UTC');
}

function peers(w: Writer, rules: Any[] | undefined, indent: string, dir: 'ingress' | 'egress'): void {
  const rs = rules ?? [];
  const peerKey = dir === 'ingress' ? 'from' : 'to';
  const peerTitle = dir === 'ingress' ? 'From' : 'To';
  if (rs.length === 0) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  rs.forEach((r, i) => {
    if ((r.ports ?? []).length === 0) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    else
      for (const p of r.ports) {
        const proto = p.protocol ?? 'TCP';
        const port = p.port === undefined || p.port === null ? '<nil>' : String(p.port);
        if (typeof p.endPort !== 'number') w.write(LEVEL_0, `${indent}To Port: ${port}/${proto}\n`);
        else w.write(LEVEL_0, `${indent}To Port Range: ${port}-${p.endPort}/${proto}\n`);
      }
    const list: Any[] = r[peerKey] ?? [];
    if (list.length === 0)
      w.write(LEVEL_0, `${indent}${peerTitle}: <any> (traffic not restricted by ${dir === 'ingress' ? 'source' : 'destination'})\n`);
    else
      for (const f of list) {
        w.write(LEVEL_0, `${indent}${peerTitle}:\n`);
        if (f.podSelector && f.namespaceSelector) {
          w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(f.namespaceSelector)}\n`);
          w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(f.podSelector)}\n`);
        } else if (f.podSelector) w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(f.podSelector)}\n`);
        else if (f.namespaceSelector) w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(f.namespaceSelector)}\n`);
        else if (f.ipBlock) {
          w.write(LEVEL_1, `${indent}IPBlock:\n`);
          w.write(LEVEL_2, `${indent}CIDR: ${f.ipBlock.cidr ?? ''}\n`);
          w.write(LEVEL_2, `${indent}Except: ${(f.ipBlock.except ?? []).join(', ')}\n`);
        }
      }
    if (i !== rs.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: Obj): string {
  const w = new PrefixWriter();
  const spec: Any = np.spec ?? {};
  w.write(LEVEL_0, `Name:\t${np.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', np.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', np.metadata.annotations);
  w.write(LEVEL_0, 'Spec:\n');
  w.write(LEVEL_1, 'PodSelector: ');
  const ps = spec.podSelector ?? {};
  if (Object.keys(ps.matchLabels ?? {}).length === 0 && (ps.matchExpressions ?? []).length === 0)
    w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  else w.write(LEVEL_2, `${formatLabelSelector(ps)}\n`);
  const types: string[] = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(LEVEL_1, 'Allowing ingress traffic:\n');
    peers(w, spec.ingress, '    ', 'ingress');
  } else w.write(LEVEL_1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(LEVEL_1, 'Allowing egress traffic:\n');
    peers(w, spec.egress, '    ', 'egress');
  } else w.write(LEVEL_1, 'Not affecting egress traffic\n');
  w.write(LEVEL_1, `Policy Types: ${types.length ? types.join(', ') : '<none>'}\n`);
  return w.toString();
}
