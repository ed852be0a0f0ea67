/**
 * Served versions other than the storage version: autoscaling/v1 HorizontalPodAutoscaler (what
 * `kubectl autoscale` posts) over the autoscaling/v2 objects in etcd, converted as
 * pkg/apis/autoscaling/v1/conversion.go does for the CPU-utilization target.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface Converter {
  toHub(o: Any): Any;
  fromHub(o: Any): Any;
}

const hpaV1: Converter = {
  toHub(o) {
    if (!o || typeof o !== 'object') return o;
    const { targetCPUUtilizationPercentage, ...spec } = o.spec ?? {};
    const out: Any = { ...o, apiVersion: 'autoscaling/v2', spec: { ...spec } };
    if (targetCPUUtilizationPercentage !== undefined)
      out.spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: targetCPUUtilizationPercentage } } }];
    if (o.status) {
      const { currentCPUUtilizationPercentage, ...st } = o.status;
      out.status = { ...st };
      if (currentCPUUtilizationPercentage !== undefined) out.status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: currentCPUUtilizationPercentage } } }];
    }
    return out;
  },
  fromHub(o) {
    if (!o || typeof o !== 'object' || o.kind !== 'HorizontalPodAutoscaler') return o;
    const { metrics, behavior: _b, ...spec } = o.spec ?? {};
    void _b;
    const cpu = (metrics ?? []).find((m: Any) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization');
    const out: Any = { ...o, apiVersion: 'autoscaling/v1', spec: { ...spec } };
    if (cpu) out.spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
    if (o.status) {
      const { currentMetrics, conditions: _c, ...st } = o.status;
      void _c;
      const cur = (currentMetrics ?? []).find((m: Any) => m.type === 'Resource' && m.resource?.name === 'cpu');
      out.status = { ...st };
      if (cur?.resource?.current?.averageUtilization !== undefined) out.status.currentCPUUtilizationPercentage = cur.resource.current.averageUtilization;
    }
    return out;
  },
};

export const CONVERTERS: Record<string, Converter> = { 'autoscaling/v1/HorizontalPodAutoscaler': hpaV1 };
