/** Helpers for the network tests: a cluster, kubectl against it, apply objects, wait (virtual clock). */
import { sim, type Sim } from './cluster-helpers';
import { kubectl } from '../src/sim/kubectl';
import type { Obj } from '../src/sim/client/types';
import { networkOf, type ClusterNetwork } from '../src/sim/cluster/network';
import type { ExecSession } from '../src/sim/apiserver/exec';

export interface NetSim extends Sim {
  net: ClusterNetwork;
  kubectl(line: string | string[], stdin?: string): Promise<{ out: string; err: string; code: number; session?: ExecSession }>;
  create(resource: string, obj: Obj, ns?: string): Obj;
  deployment(name: string, image: string, replicas: number, opts?: { labels?: Record<string, string>; ports?: number[]; args?: string[]; readiness?: boolean }): void;
  service(name: string, selector: Record<string, string>, ports: { port: number; targetPort?: number | string; name?: string; nodePort?: number }[], opts?: { type?: string; clusterIP?: string }): Obj;
  ready(selector: string, n: number, ns?: string): void;
}

export function netsim(seed = 1, scenario?: string): NetSim {
  const base = sim(seed);
  if (scenario) throw new Error('scenario unsupported in netsim');
  const s = base as NetSim;
  s.net = networkOf(s.cluster)!;
  const client = s.cluster.client('kubectl');
  s.kubectl = async (line, stdin = '') => {
    const argv = Array.isArray(line) ? line : line.split(' ').filter(Boolean);
    let out = '';
    let err = '';
    let session: ExecSession | undefined;
    const code = await kubectl(argv, {
      client,
      now: () => s.cluster.clock.now(),
      sleep: async (ms) => s.cluster.clock.advance(ms),
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      stdin,
      readFile: () => undefined,
      listDir: () => undefined,
      namespace: 'default',
      pid: 1234,
      openSession: (x) => (session = x),
    });
    return { out, err, code, session };
  };
  s.create = (resource, obj, ns = 'default') => s.api.create(resource, ns, obj);
  s.deployment = (name, image, replicas, opts = {}) => {
    const labels = opts.labels ?? { app: name };
    s.api.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: name.split('-')[0], image, ...(opts.args ? { args: opts.args } : {}), ports: (opts.ports ?? []).map((p) => ({ containerPort: p })) }] },
        },
      },
    });
  };
  s.service = (name, selector, ports, opts = {}) =>
    s.api.create('services', 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { selector, type: opts.type ?? 'ClusterIP', ...(opts.clusterIP ? { clusterIP: opts.clusterIP } : {}), ports: ports.map((p) => ({ protocol: 'TCP', targetPort: p.targetPort ?? p.port, ...p })) },
    });
  s.ready = (selector, n, ns = 'default') =>
    s.until(() => s.pods(ns, selector).filter((p) => p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True')).length === n, 120_000, `${n} ready pods ${selector}`);
  return s;
}

/** A busybox pod that sleeps, to exec into. */
export function clientPod(s: NetSim, name = 'client', image = 'busybox:1.36'): void {
  s.api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name, image, command: ['sh', '-c', 'sleep 3600'] }] } });
  s.until(() => s.pod(name)?.status?.phase === 'Running', 120_000, `${name} running`);
  s.advance(2000);
}
