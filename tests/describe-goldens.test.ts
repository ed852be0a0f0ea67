/**
 * kubectl describe goldens (tests/fixtures/goldens, real kubectl v1.32.4): for each case, pick from
 * `<name>.input.json` the objects kubectl fetched (requests.txt), set the clock to the case's
 * `startedAt`, render with our describers and compare byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Obj } from '../src/sim/client/types';
import * as D from '../src/sim/kubectl/describe';

const G = path.join(__dirname, 'fixtures/goldens');
const read = (f: string) => fs.readFileSync(path.join(G, f), 'utf8');

interface Case {
  name: string;
  format: string;
  command: string;
  startedAt: string;
  stdout: string;
  exitCode: number;
}

const KIND: Record<string, string> = {
  pod: 'Pod', pods: 'Pod', deployment: 'Deployment', replicaset: 'ReplicaSet', daemonset: 'DaemonSet', service: 'Service',
  endpoints: 'Endpoints', endpointslice: 'EndpointSlice', node: 'Node', lease: 'Lease', namespace: 'Namespace',
  resourcequota: 'ResourceQuota', limitrange: 'LimitRange', configmap: 'ConfigMap', secret: 'Secret',
  serviceaccount: 'ServiceAccount', job: 'Job', ingress: 'Ingress', ingressclass: 'IngressClass',
};

/** Render what `kubectl describe …` printed, from the objects the server returned. */
export function renderCase(c: Case, items: Obj[]): string {
  const now = Date.parse(c.startedAt);
  const args = c.command.split(' ').slice(2);
  let selector: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-n') i++;
    else if (args[i] === '-l') selector = args[++i];
    else rest.push(args[i]);
  }
  const kind = KIND[rest[0]];
  const name = rest[1];
  const of = (k: string) => items.filter((o) => o.kind === k);
  const targets = of(kind).filter((o) => (selector ? true : o.metadata.name === name));
  const eventsFor = (o: Obj, uid = o.metadata.uid) =>
    of('Event').filter((e) => e.involvedObject?.uid === uid && e.involvedObject?.name === o.metadata.name && (e.involvedObject?.namespace ?? '') === (o.metadata.namespace ?? ''));
  const one = (o: Obj): string => {
    switch (kind) {
      case 'Pod':
        return D.describePod(o, eventsFor(o), now);
      case 'Deployment':
        return D.describeDeployment(o, of('ReplicaSet'), eventsFor(o), now);
      case 'ReplicaSet':
        return D.describeReplicaSet(o, of('Pod'), eventsFor(o), now);
      case 'DaemonSet':
        return D.describeDaemonSet(o, of('Pod'), eventsFor(o), now);
      case 'Job':
        return D.describeJob(o, eventsFor(o), now);
      case 'Node':
        return D.describeNode(o, of('Pod'), [...eventsFor(o), ...eventsFor(o, o.metadata.name)], of('Lease')[0], now);
      case 'Service':
        return D.describeService(o, of('EndpointSlice'), eventsFor(o), now);
      case 'Endpoints':
        return D.describeEndpoints(o, eventsFor(o), now);
      case 'EndpointSlice':
        return D.describeEndpointSlice(o, eventsFor(o), now);
      case 'Ingress':
        return D.describeIngress(
          o,
          (svc) => ({
            endpointSlices: of('EndpointSlice').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc),
            service: of('Service').find((s) => s.metadata.name === svc),
          }),
          eventsFor(o),
          now,
        );
      case 'IngressClass':
        return D.describeIngressClass(o, eventsFor(o), now);
      case 'ConfigMap':
        return D.describeConfigMap(o, eventsFor(o), now);
      case 'Secret':
        return D.describeSecret(o);
      case 'ServiceAccount':
        return D.describeServiceAccount(o, of('Secret'), eventsFor(o), now);
      case 'Namespace':
        return D.describeNamespace(o, of('ResourceQuota'), of('LimitRange'));
      case 'ResourceQuota':
        return D.describeResourceQuota(o);
      case 'LimitRange':
        return D.describeLimitRange(o);
      default:
        return D.describeGeneric(o, eventsFor(o), now);
    }
  };
  return targets.map(one).join('\n\n');
}

const cases: Case[] = [
  ...(JSON.parse(read('index.json')) as { cases: Case[] }).cases,
  ...(JSON.parse(read('index-recent.json')) as { cases: Case[] }).cases,
].filter((c) => c.format === 'describe' && c.exitCode === 0);

describe('kubectl describe goldens', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.command}`, () => {
      const items = (JSON.parse(read(`${c.name}.input.json`)) as { items: Obj[] }).items;
      expect(renderCase(c, items)).toBe(read(c.stdout));
    });
  }
});
