/**
 * The horizontal-pod-autoscaler controller (pkg/controller/podautoscaler), autoscaling/v2, for
 * Resource metrics (cpu/memory, Utilization or AverageValue) over the simulation's usage model
 * (api/helpers/metrics.ts). Every 15 s: desired = ceil(current × usage/target) outside the 10 %
 * tolerance, clamped to [minReplicas, maxReplicas], scale-up limited by the default policies
 * (100 % or 4 pods per 15 s), scale-down by the 300 s stabilization window. Conditions, events
 * and status as upstream.
 */
import type { Obj } from '../../client/types';
import { toRFC3339 } from '../../core/clock';
import { canonicalJSON } from '../../core/hash';
import { milliCPU, parseQuantity } from '../../core/quantity';
import { isPodReady } from '../../api/helpers/pod';
import { parseLabelSelector, matchLabels } from '../../api/selectors';
import { metricsServerAvailable, podUsage } from '../../api/helpers/metrics';
import type { SyncResult } from '../../client/workqueue';
import { Controller, splitKey } from '../controller';

const SYNC_MS = 15_000;
const TOLERANCE = 0.1;
const DOWNSCALE_WINDOW_MS = 300_000;

const RESOURCE_OF: Record<string, string> = { Deployment: 'deployments', StatefulSet: 'statefulsets', ReplicaSet: 'replicasets', ReplicationController: 'replicationcontrollers' };

interface Metric {
  name: 'cpu' | 'memory';
  type: 'Utilization' | 'AverageValue';
  target: number;
}

function formatCPU(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

function formatMem(b: number): string {
  const units: [string, number][] = [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]];
  for (const [u, f] of units) if (b % f === 0 && b >= f) return `${b / f}${u}`;
  return String(b);
}

export class HorizontalPodAutoscalerController extends Controller {
  readonly name = 'horizontal-pod-autoscaler-controller';
  protected readonly eventSource = 'horizontal-pod-autoscaler';
  /** hpa key → recent recommendations (time, replicas) for the stabilization window. */
  private recommendations = new Map<string, { t: number; r: number }[]>();
  private lastScaleUp = new Map<string, number>();

  protected register(): void {
    this.informers.on('horizontalpodautoscalers', {
      add: (h) => this.enqueue(h),
      update: (o, h) => {
        if (canonicalJSON(o.spec) !== canonicalJSON(h.spec)) this.enqueue(h);
      },
      delete: (h) => this.recommendations.delete(`${h.metadata.namespace}/${h.metadata.name}`),
    });
    this.informers.get('pods');
    this.informers.get('endpoints');
    for (const r of ['deployments', 'statefulsets', 'replicasets']) this.informers.get(r);
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = splitKey(key);
    const hpa = this.informers.get('horizontalpodautoscalers').getByName(ns, name);
    if (!hpa) return;
    this.reconcile(key, structuredClone(hpa));
    return { requeueAfterMs: SYNC_MS };
  }

  private metrics(hpa: Obj): Metric[] {
    const list: Obj[] = hpa.spec?.metrics ?? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    const out: Metric[] = [];
    for (const m of list) {
      if (m.type !== 'Resource' && m.type !== 'ContainerResource') continue;
      const r = m.resource ?? m.containerResource;
      const t = r?.target ?? {};
      if (t.type === 'Utilization') out.push({ name: r.name, type: 'Utilization', target: t.averageUtilization ?? 80 });
      else if (t.type === 'AverageValue') out.push({ name: r.name, type: 'AverageValue', target: r.name === 'cpu' ? milliCPU(t.averageValue) : parseQuantity(t.averageValue) });
    }
    return out;
  }

  private reconcile(key: string, hpa: Obj): void {
    const ns = hpa.metadata.namespace!;
    const now = this.clock.now();
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const resource = RESOURCE_OF[ref.kind];
    const min = hpa.spec?.minReplicas ?? 1;
    const max = hpa.spec?.maxReplicas ?? 1;
    const conds: Obj[] = [];
    const cond = (type: string, status: string, reason: string, message: string) => {
      const prev = (hpa.status?.conditions ?? []).find((c: Obj) => c.type === type);
      conds.push({ type, status, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : toRFC3339(now), reason, message } as unknown as Obj);
    };
    const target = resource ? this.informers.get(resource).getByName(ns, ref.name) : undefined;
    if (!target) {
      const msg = `the HPA controller was unable to get the target's current scale: ${resource ?? ref.kind} "${ref.name}" not found`;
      this.recorder.event(hpa, 'Warning', 'FailedGetScale', `${resource ?? ref.kind}.apps "${ref.name}" not found`);
      cond('AbleToScale', 'False', 'FailedGetScale', msg);
      return this.write(hpa, { ...(hpa.status ?? {}), currentReplicas: hpa.status?.currentReplicas ?? 0, desiredReplicas: hpa.status?.desiredReplicas ?? 0, conditions: conds });
    }
    const current: number = target.spec?.replicas ?? 1;
    const sel = target.spec?.selector?.matchLabels ? parseLabelSelector(Object.entries(target.spec.selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(',')) : [];
    const pods = this.informers.list('pods', ns).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded' && matchLabels(sel, p.metadata.labels));
    const ready = pods.filter((p) => p.status?.phase === 'Running' && isPodReady(p));
    const metrics = this.metrics(hpa);
    let desired = current;
    let reasonText = '';
    const currentMetrics: Obj[] = [];
    let metricError: string | undefined;
    let metricName = '';
    // the resource metrics API exists only while metrics-server serves it (the aggregator's APIService)
    const metricsAPI = metricsServerAvailable(this.informers.get('endpoints').getByName('kube-system', 'metrics-server'));
    for (const m of metrics) {
      metricName = m.name;
      if (!metricsAPI) {
        metricError = `failed to get ${m.name} utilization: unable to get metrics for resource ${m.name}: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)`;
        break;
      }
      if (!ready.length) {
        metricError = `failed to get ${m.name} utilization: did not receive metrics for targeted pods (pods might be unready)`;
        break;
      }
      let usage = 0;
      let requests = 0;
      for (const p of ready) {
        const u = podUsage(p, target, ready.length);
        usage += m.name === 'cpu' ? u.cpu : u.memory;
        for (const c of p.spec?.containers ?? []) {
          const r = c.resources?.requests?.[m.name];
          if (r === undefined && m.type === 'Utilization') metricError ??= `failed to get ${m.name} utilization: missing request for ${m.name} in container ${c.name} of Pod ${p.metadata.name}`;
          requests += m.name === 'cpu' ? milliCPU(r) : parseQuantity(r);
        }
      }
      if (metricError) break;
      const avg = Math.trunc(usage / ready.length);
      let ratio: number;
      if (m.type === 'Utilization') {
        const util = Math.trunc((usage * 100) / requests);
        ratio = util / m.target;
        currentMetrics.push({ type: 'Resource', resource: { name: m.name, current: { averageUtilization: util, averageValue: m.name === 'cpu' ? formatCPU(avg) : formatMem(avg) } } } as unknown as Obj);
      } else {
        ratio = avg / m.target;
        currentMetrics.push({ type: 'Resource', resource: { name: m.name, current: { averageValue: m.name === 'cpu' ? formatCPU(avg) : formatMem(avg) } } } as unknown as Obj);
      }
      const proposal = Math.abs(ratio - 1) <= TOLERANCE ? ready.length === current ? current : Math.ceil(ratio * ready.length) : Math.ceil(ratio * ready.length);
      const kind = m.type === 'Utilization' ? `${m.name} resource utilization (percentage of request)` : `${m.name} resource`;
      if (desired === current || proposal > desired) {
        desired = Math.abs(ratio - 1) <= TOLERANCE ? current : proposal;
        reasonText = proposal > current ? `${kind} above target` : 'All metrics below target';
      }
      if (!reasonText) reasonText = kind;
    }
    if (metricError) {
      this.recorder.event(hpa, 'Warning', 'FailedGetResourceMetric', metricError);
      this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (${metrics.length} invalid out of ${metrics.length}), first error is: failed to get ${metricName} resource metric value: ${metricError}`);
      cond('AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale');
      cond('ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${metricError}`);
      return this.write(hpa, { currentMetrics: hpa.status?.currentMetrics ?? [{ type: '' }], currentReplicas: current, desiredReplicas: hpa.status?.desiredReplicas ?? 0, ...(hpa.status?.lastScaleTime ? { lastScaleTime: hpa.status.lastScaleTime } : {}), conditions: conds });
    }
    // behavior: scale-down stabilization (the highest recommendation of the window), scale-up policies
    const recs = (this.recommendations.get(key) ?? []).filter((r) => now - r.t < DOWNSCALE_WINDOW_MS);
    recs.push({ t: now, r: desired });
    this.recommendations.set(key, recs);
    let stabilized = desired;
    let stabilizedReason = '';
    if (desired < current) {
      stabilized = Math.min(current, Math.max(...recs.map((r) => r.r)));
      if (stabilized !== desired) stabilizedReason = 'ScaleDownStabilized';
    } else if (desired > current) {
      const limit = Math.max(current * 2, current + 4);
      if (stabilized > limit) {
        stabilized = limit;
        stabilizedReason = 'ScaleUpLimit';
      }
    }
    let limited = '';
    let final = stabilized;
    if (final > max) {
      final = max;
      limited = 'TooManyReplicas';
    } else if (final < min) {
      final = min;
      limited = 'TooFewReplicas';
    }
    let lastScaleTime = hpa.status?.lastScaleTime;
    if (final !== current) {
      try {
        this.client.patch(resource!, ns, ref.name, { spec: { replicas: final } }, 'merge', 'scale');
        this.recorder.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${final}; reason: ${reasonText}`);
        lastScaleTime = toRFC3339(now);
        cond('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${final}`);
      } catch (e) {
        cond('AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${(e as Error).message}`);
      }
    } else if (stabilizedReason === 'ScaleDownStabilized') cond('AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
    else cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    const metricDesc = metrics.map((m) => (m.type === 'Utilization' ? `${m.name} resource utilization (percentage of request)` : `${m.name} resource`))[0] ?? 'cpu resource utilization (percentage of request)';
    cond('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metricDesc}`);
    if (limited === 'TooManyReplicas') cond('ScalingLimited', 'True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count');
    else if (limited === 'TooFewReplicas') cond('ScalingLimited', 'True', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count');
    else if (stabilizedReason === 'ScaleUpLimit') cond('ScalingLimited', 'True', 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate');
    else cond('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range');
    this.write(hpa, {
      currentMetrics,
      currentReplicas: current,
      desiredReplicas: final,
      ...(lastScaleTime ? { lastScaleTime } : {}),
      conditions: conds,
    });
  }

  private write(hpa: Obj, status: Record<string, unknown>): void {
    if (canonicalJSON(status) === canonicalJSON(hpa.status ?? {})) return;
    try {
      this.client.update('horizontalpodautoscalers', hpa.metadata.namespace, { ...hpa, status }, 'status');
    } catch {
      // next period
    }
  }
}
