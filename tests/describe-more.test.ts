/**
 * More describers against the real kubectl v1.32 (tests/fixtures/describe/cases.json, recorded by
 * tests/tools/capture-describe.ts through the fake apiserver): this test fetches from the same object
 * set what kubectl fetched (label/field selectors, events by involvedObject) and compares byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Obj } from '../src/sim/client/types';
import * as D from '../src/sim/kubectl/describe';

const load = (f: string) => (JSON.parse(fs.readFileSync(path.join(__dirname, f), 'utf8')) as { items: Obj[] }).items;
const objects: Obj[] = [...load('fixtures/goldens/cluster.json'), ...load('tools/extra-objects.json'), ...load('tools/describe-objects.json')];
const cases = (JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/describe/cases.json'), 'utf8')) as {
  cases: { args: string[]; startedAt: number; stdout: string; stderr: string; exitCode: number }[];
}).cases;

const KIND: Record<string, [string, boolean]> = {
  pod: ['Pod', true], node: ['Node', false], service: ['Service', true], ingress: ['Ingress', true], deployment: ['Deployment', true],
  namespace: ['Namespace', false], resourcequota: ['ResourceQuota', true], limitrange: ['LimitRange', true], serviceaccount: ['ServiceAccount', true],
  secret: ['Secret', true], configmap: ['ConfigMap', true], statefulset: ['StatefulSet', true], cronjob: ['CronJob', true], pv: ['PersistentVolume', false],
  pvc: ['PersistentVolumeClaim', true], storageclass: ['StorageClass', false], hpa: ['HorizontalPodAutoscaler', true], pdb: ['PodDisruptionBudget', true],
  priorityclass: ['PriorityClass', false], role: ['Role', true], rolebinding: ['RoleBinding', true], clusterrole: ['ClusterRole', false], clusterrolebinding: ['ClusterRoleBinding', false], networkpolicy: ['NetworkPolicy', true], endpointslice: ['EndpointSlice', true], controllerrevision: ['ControllerRevision', true],
};

/** The fake apiserver lists in (namespace, name) localeCompare order. */
const byKey = (a: Obj, b: Obj) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name!.localeCompare(b.metadata.name!);
const list = (kind: string, ns?: string) => objects.filter((o) => o.kind === kind && (ns === undefined || o.metadata.namespace === ns)).sort(byKey);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function matches(labels: Record<string, string> | undefined, sel: any): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel?.matchExpressions ?? []) {
    const has = e.key in l;
    if (e.operator === 'In' && !(has && e.values.includes(l[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(l[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function render(args: string[], now: number): string {
  let ns = 'default';
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-n') ns = args[++i];
    else rest.push(args[i]);
  }
  const [kind, namespaced] = KIND[rest[0]];
  const o = objects.find((x) => x.kind === kind && x.metadata.name === rest[1] && (!namespaced || x.metadata.namespace === ns))!;
  const oNs = namespaced ? ns : '';
  const events = (uid = o.metadata.uid) =>
    list('Event', namespaced ? ns : undefined).filter(
      (e) => e.involvedObject?.name === o.metadata.name && (e.involvedObject?.namespace ?? '') === oNs && e.involvedObject?.uid === uid,
    );
  const podsMatching = () => list('Pod', ns).filter((p) => matches(p.metadata.labels, o.spec?.selector));
  switch (kind) {
    case 'Pod':
      return D.describePod(o, events(), now);
    case 'Node': {
      const pods = list('Pod').filter((p) => p.spec?.nodeName === o.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
      const lease = list('Lease', 'kube-node-lease').find((l) => l.metadata.name === o.metadata.name);
      return D.describeNode(o, pods, [...events(), ...events(o.metadata.name)], lease, now);
    }
    case 'Service':
      return D.describeService(o, list('EndpointSlice', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === o.metadata.name), events(), now);
    case 'Ingress':
      return D.describeIngress(
        o,
        (svc) => ({
          endpointSlices: list('EndpointSlice', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc),
          service: list('Service', ns).find((s) => s.metadata.name === svc),
        }),
        events(),
        now,
      );
    case 'Deployment':
      return D.describeDeployment(o, list('ReplicaSet', ns).filter((rs) => matches(rs.metadata.labels, o.spec?.selector)), events(), now);
    case 'StatefulSet':
      return D.describeStatefulSet(o, podsMatching(), events(), now);
    case 'Namespace':
      return D.describeNamespace(o, list('ResourceQuota', o.metadata.name), list('LimitRange', o.metadata.name));
    case 'ResourceQuota':
      return D.describeResourceQuota(o);
    case 'LimitRange':
      return D.describeLimitRange(o);
    case 'ServiceAccount':
      return D.describeServiceAccount(o, list('Secret', ns), events(), now);
    case 'Secret':
      return D.describeSecret(o);
    case 'ConfigMap':
      return D.describeConfigMap(o, events(), now);
    case 'CronJob':
      return D.describeCronJob(o, events(), now);
    case 'PersistentVolume':
      return D.describePersistentVolume(o, events(), now);
    case 'PersistentVolumeClaim':
      return D.describePersistentVolumeClaim(o, list('Pod', ns), events(), now);
    case 'StorageClass':
      return D.describeStorageClass(o, events(), now);
    case 'HorizontalPodAutoscaler':
      return D.describeHorizontalPodAutoscaler(o, events(), now);
    case 'PodDisruptionBudget':
      return D.describePodDisruptionBudget(o, events(), now);
    case 'PriorityClass':
      return D.describePriorityClass(o, events(), now);
    case 'NetworkPolicy':
      return D.describeNetworkPolicy(o);
    case 'Role':
    case 'ClusterRole':
      return D.describeRole(o);
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return D.describeRoleBinding(o);
    case 'EndpointSlice':
      return D.describeEndpointSlice(o, events(), now);
    default:
      return D.describeGeneric(o, events(), now);
  }
}

/** Secret data keys come out in Go map order (random) in kubectl: compare the Data block as a set. */
function sortDataBlock(s: string): string {
  const i = s.indexOf('====\n');
  return i < 0 ? s : s.slice(0, i + 5) + s.slice(i + 5).split('\n').sort().join('\n');
}

describe('kubectl describe: more kinds and edge cases', () => {
  for (const c of cases) {
    it(`kubectl describe ${c.args.join(' ')}`, () => {
      const got = render(c.args, c.startedAt);
      if (process.env.DUMP_DESCRIBE) fs.writeFileSync(`/tmp/got-${c.args[c.args.length - 1]}.txt`, got);
      if (c.args[0] === 'secret' || c.args[0] === 'configmap') expect(sortDataBlock(got)).toBe(sortDataBlock(c.stdout));
      // LimitRange rows come out in Go map order (random) in kubectl: compare those outputs as line sets
      else if (c.args[0] === 'namespace' || c.args[0] === 'limitrange') expect(got.split('\n').sort()).toEqual(c.stdout.split('\n').sort());
      else expect(got).toBe(c.stdout);
    });
  }
});
