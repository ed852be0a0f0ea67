/** Shared helpers for the cluster-level tests (virtual clock only: nothing sleeps). */
import { Cluster } from '../src/sim/cluster/cluster';
import type { Obj } from '../src/sim/client/types';
import type { LocalClient } from '../src/sim/client/local';
import { advanceSettled, advanceUntilSettled } from '../src/sim/kubelet/proc-clock';

export interface Sim {
  cluster: Cluster;
  api: LocalClient;
  /** Advance virtual time until pred() holds; fails the test after `ms`. */
  until(pred: () => boolean, ms?: number, what?: string): void;
  advance(ms: number): void;
  /** until() for clusters whose containers run shell commands: their processes run at each instant. */
  settledUntil(pred: () => boolean, ms?: number, what?: string): Promise<void>;
  settledAdvance(ms: number): Promise<void>;
  pod(name: string, ns?: string): Obj | undefined;
  pods(ns?: string, selector?: string): Obj[];
  events(name: string, ns?: string): Obj[];
}

export function sim(seed = 1, scenario?: string): Sim {
  const cluster = new Cluster({ seed, ...(scenario ? { scenario } : {}) });
  const api = cluster.client('test');
  const get = (resource: string, ns: string | undefined, name: string) => {
    try {
      return api.get(resource, ns, name);
    } catch {
      return undefined;
    }
  };
  return {
    cluster,
    api,
    until(pred, ms = 60_000, what = 'condition') {
      if (!cluster.clock.advanceUntil(pred, ms)) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    },
    advance: (ms) => cluster.clock.advance(ms),
    async settledUntil(pred, ms = 60_000, what = 'condition') {
      if (!(await advanceUntilSettled(cluster.clock, pred, ms))) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    },
    settledAdvance: (ms) => advanceSettled(cluster.clock, ms),
    pod: (name, ns = 'default') => get('pods', ns, name),
    pods: (ns = 'default', selector) => api.list('pods', ns, selector ? { labelSelector: selector } : {}).items,
    events: (name, ns = 'default') =>
      api
        .list('events', ns)
        .items.filter((e) => e.involvedObject.name === name)
        .sort((a, b) => evTime(a) - evTime(b) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)),
  };
}

function evTime(e: Obj): number {
  return Date.parse(e.firstTimestamp ?? e.eventTime);
}

export const podSpec = (name: string, image = 'nginx:1.27', extra: Obj['spec'] = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { run: name } },
  spec: { containers: [{ name, image }], ...extra },
});

export const deployment = (name: string, replicas: number, image = 'nginx:1.27'): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image }] } },
  },
});

export const running = (p: Obj | undefined) => p?.status?.phase === 'Running' && (p.status.containerStatuses ?? []).every((c: Obj) => c.ready);
