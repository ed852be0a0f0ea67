/** printHorizontalPodAutoscaler (autoscaling/v2 objects; v1 CPU targets are read as a cpu Resource metric). */
import type { Obj } from '../../client/types';
import { ageCol, col, int, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';
import { canonicalQuantity } from './quantity';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const q = (v: unknown): string => (v === undefined || v === null ? '0' : canonicalQuantity(v as string));

function metricsOf(o: Obj): { specs: Any[]; statuses: Any[] } {
  const spec: Any = o.spec ?? {};
  if (Array.isArray(spec.metrics)) return { specs: spec.metrics, statuses: o.status?.currentMetrics ?? [] };
  if (typeof spec.targetCPUUtilizationPercentage === 'number') {
    const cur = o.status?.currentCPUUtilizationPercentage;
    return {
      specs: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }],
      statuses: typeof cur === 'number' ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cur } } }] : [],
    };
  }
  return { specs: [], statuses: [] };
}

export function formatHPAMetrics(specs: Any[], statuses: Any[]): string {
  if (specs.length === 0) return '<none>';
  let list: string[] = [];
  const max = 2;
  let count = 0;
  specs.forEach((spec, i) => {
    const st = statuses.length > i ? statuses[i] : undefined;
    switch (spec.type) {
      case 'External':
      case 'Object': {
        const key = spec.type === 'External' ? 'external' : 'object';
        const t = spec[key]?.target ?? {};
        const cur = st?.[key];
        if (t.averageValue !== undefined) {
          const c = cur && cur.current?.averageValue !== undefined ? q(cur.current.averageValue) : '<unknown>';
          list.push(`${c}/${q(t.averageValue)} (avg)`);
        } else {
          const c = cur ? q(cur.current?.value) : '<unknown>';
          list.push(`${c}/${q(t.value)}`);
        }
        break;
      }
      case 'Pods': {
        const c = st?.pods ? q(st.pods.current?.averageValue) : '<unknown>';
        list.push(`${c}/${q(spec.pods?.target?.averageValue)}`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const r = spec[key] ?? {};
        const t = r.target ?? {};
        const cur = st?.[key];
        if (t.averageValue !== undefined) {
          const c = cur ? q(cur.current?.averageValue) : '<unknown>';
          list.push(`${r.name}: ${c}/${q(t.averageValue)}`);
        } else {
          const c = cur && typeof cur.current?.averageUtilization === 'number' ? `${cur.current.averageUtilization}%` : '<unknown>';
          const target = typeof t.averageUtilization === 'number' ? `${t.averageUtilization}%` : '<auto>';
          list.push(`${r.name}: ${c}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
    count++;
  });
  let more = false;
  if (count > max) {
    list = list.slice(0, max);
    more = true;
  }
  const ret = list.join(', ');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const hpaPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Reference', 'string', 'autoscaling/v2beta1.HorizontalPodAutoscalerSpec.scaleTargetRef'),
    col('Targets', 'string', 'autoscaling/v2beta1.HorizontalPodAutoscalerSpec.metrics'),
    col('MinPods', 'string', 'autoscaling/v2beta1.HorizontalPodAutoscalerSpec.minReplicas'),
    col('MaxPods', 'string', 'autoscaling/v2beta1.HorizontalPodAutoscalerSpec.maxReplicas'),
    col('Replicas', 'string', 'autoscaling/v2beta1.HorizontalPodAutoscalerStatus.currentReplicas'),
    ageCol(),
  ],
  row(o, now) {
    const spec: Any = o.spec ?? {};
    const { specs, statuses } = metricsOf(o);
    return {
      cells: [
        o.metadata.name ?? '',
        `${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}`,
        formatHPAMetrics(specs, statuses),
        typeof spec.minReplicas === 'number' ? String(spec.minReplicas) : '<unset>',
        int(spec.maxReplicas),
        int(o.status?.currentReplicas),
        since(now, o.metadata.creationTimestamp),
      ],
    };
  },
};
