import { describe, expect, it } from 'vitest';
import { sim } from './cluster-helpers';
import type { Obj } from '../src/sim/client/types';
import { podUsage } from '../src/sim/api/helpers/metrics';

const app = (load: string): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'php-apache', annotations: { 'kube-anatomy.dev/cpu-load': load } },
  spec: { replicas: 1, selector: { matchLabels: { run: 'php-apache' } }, template: { metadata: { labels: { run: 'php-apache' } }, spec: { containers: [{ name: 'php-apache', image: 'nginx:1.27', resources: { requests: { cpu: '200m' }, limits: { cpu: '500m' } } }] } } },
});
const hpa = (): Obj => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'php-apache' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
});
const cond = (h: Obj, t: string) => h.status.conditions.find((c: Obj) => c.type === t);

describe('usage model', () => {
  it('spreads a workload load over its pods, capped by the limit', () => {
    const pod: Obj = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources: { limits: { cpu: '500m' } } }] } };
    const w: Obj = { metadata: { annotations: { 'kube-anatomy.dev/cpu-load': '900m' } } };
    expect(podUsage(pod, w, 3).cpu).toBe(300);
    expect(podUsage(pod, w, 1).cpu).toBe(500);
    expect(podUsage({ metadata: { name: 'q', annotations: { 'kube-anatomy.dev/cpu-usage': '250m' } }, spec: { containers: [{ name: 'c' }] } }).cpu).toBe(250);
  });
});

describe('HorizontalPodAutoscaler', () => {
  it('scales up under load, reports status and events like upstream, then scales down after the 5 min stabilization', () => {
    const s = sim(101, 'metrics-server');
    s.api.create('deployments', 'default', app('900m'));
    s.until(() => s.api.get('deployments', 'default', 'php-apache').status?.readyReplicas === 1, 60_000, 'ready');
    s.api.create('horizontalpodautoscalers', 'default', hpa());
    s.until(() => (s.api.get('deployments', 'default', 'php-apache').status?.readyReplicas ?? 0) >= 5, 180_000, 'scaled up');
    s.advance(60_000);
    let h = s.api.get('horizontalpodautoscalers', 'default', 'php-apache');
    // 900m over n pods of 200m requests at a 50 % target: n = 9
    expect(h.status.desiredReplicas).toBe(9);
    expect(h.status.currentMetrics[0]).toEqual({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '100m' } } });
    expect(cond(h, 'ScalingActive')).toMatchObject({ status: 'True', reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' });
    expect(cond(h, 'ScalingLimited')).toMatchObject({ status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' });
    const ev = s.events('php-apache').filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler');
    expect(ev[0].message).toBe('New size: 5; reason: cpu resource utilization (percentage of request) above target');
    expect(ev[0].source).toEqual({ component: 'horizontal-pod-autoscaler' });
    // the load stops: scale-down waits for the stabilization window
    s.api.patch('deployments', 'default', 'php-apache', { metadata: { annotations: { 'kube-anatomy.dev/cpu-load': '0' } } }, 'merge');
    s.advance(120_000);
    h = s.api.get('horizontalpodautoscalers', 'default', 'php-apache');
    expect(s.api.get('deployments', 'default', 'php-apache').spec.replicas).toBe(9);
    expect(cond(h, 'AbleToScale')).toMatchObject({ reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
    s.until(() => s.api.get('deployments', 'default', 'php-apache').spec.replicas === 1, 300_000, 'scaled down');
    expect(s.events('php-apache').filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler').at(-1)!.message).toBe('New size: 1; reason: All metrics below target');
  });

  it('pods without cpu requests: ScalingActive False with the upstream message', () => {
    const s = sim(102, 'metrics-server');
    const d = app('100m');
    delete d.spec.template.spec.containers[0].resources;
    s.api.create('deployments', 'default', d);
    s.until(() => s.api.get('deployments', 'default', 'php-apache').status?.readyReplicas === 1, 60_000, 'ready');
    s.api.create('horizontalpodautoscalers', 'default', hpa());
    s.advance(20_000);
    const h = s.api.get('horizontalpodautoscalers', 'default', 'php-apache');
    const pod = s.pods('default', 'run=php-apache')[0].metadata.name;
    expect(cond(h, 'ScalingActive')).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container php-apache of Pod ${pod}` });
    expect(s.events('php-apache').map((e) => `${e.reason} ${e.message}`)).toContain(`FailedGetResourceMetric failed to get cpu utilization: missing request for cpu in container php-apache of Pod ${pod}`);
  });

  it('without metrics-server (a fresh kubeadm cluster) the resource metrics API is missing', () => {
    const s = sim(103);
    s.api.create('deployments', 'default', app('900m'));
    s.until(() => s.api.get('deployments', 'default', 'php-apache').status?.readyReplicas === 1, 60_000, 'ready');
    s.api.create('horizontalpodautoscalers', 'default', hpa());
    s.advance(20_000);
    const h = s.api.get('horizontalpodautoscalers', 'default', 'php-apache');
    const err = 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    expect(cond(h, 'ScalingActive')).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${err}` });
    const ev = s.events('php-apache').map((e) => `${e.reason} ${e.message}`);
    expect(ev).toContain(`FailedGetResourceMetric ${err}`);
    expect(ev).toContain(`FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${err}`);
    expect(s.api.get('deployments', 'default', 'php-apache').spec.replicas).toBe(1);
  });
});
