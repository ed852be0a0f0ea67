import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  allKinds,
  describe as describeField,
  describeSync,
  elemTypeOf,
  enumValues,
  fieldOf,
  fieldsOf,
  goJSONStringify,
  goStringCompare,
  listMapKeys,
  listTypeOf,
  loadDescriptions,
  mergeKeyOf,
  orderAs,
  orderObject,
  patchStrategyOf,
  roundTrip,
  schemaSource,
  sortKeysDeep,
  typeInfo,
  typeNames,
  typeOfKind,
  unknownFields,
} from '../src/sim/api/schema';

const GOLDENS = fileURLToPath(new URL('./fixtures/goldens/', import.meta.url)); // copied from shared/reference/goldens
const haveGoldens = existsSync(`${GOLDENS}pod-nginx.json.txt`);

type Obj = Record<string, any>;

function golden(name: string): string {
  return readFileSync(`${GOLDENS}${name}`, 'utf8');
}
function inputItems(name: string): Obj[] {
  return (JSON.parse(golden(`${name}.input.json`)) as { items: Obj[] }).items;
}
function keys(o: unknown): string[] {
  return Object.keys(o as object);
}
/** Same content regardless of key order. */
function canon(v: unknown): string {
  return JSON.stringify(sortKeysDeep(v));
}

const POD_SPEC = 'io.k8s.api.core.v1.PodSpec';
const CONTAINER = 'io.k8s.api.core.v1.Container';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

describe('schema data', () => {
  it('comes from k8s.io/api and apimachinery v0.32.4', () => {
    expect((schemaSource['k8s.io/api'] as Obj).ref).toBe('v0.32.4');
    expect((schemaSource['k8s.io/apimachinery'] as Obj).ref).toBe('v0.32.4');
    expect(typeNames().length).toBeGreaterThan(400);
  });

  it('maps kinds to root types', () => {
    expect(typeOfKind('v1', 'Pod')).toBe('io.k8s.api.core.v1.Pod');
    expect(typeOfKind('apps/v1', 'Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(typeOfKind('batch/v1', 'CronJob')).toBe('io.k8s.api.batch.v1.CronJob');
    expect(typeOfKind('networking.k8s.io/v1', 'Ingress')).toBe('io.k8s.api.networking.v1.Ingress');
    expect(typeOfKind('coordination.k8s.io/v1', 'Lease')).toBe('io.k8s.api.coordination.v1.Lease');
    expect(typeOfKind('discovery.k8s.io/v1', 'EndpointSlice')).toBe('io.k8s.api.discovery.v1.EndpointSlice');
    expect(typeOfKind('events.k8s.io/v1', 'Event')).toBe('io.k8s.api.events.v1.Event');
    expect(typeOfKind('rbac.authorization.k8s.io/v1', 'ClusterRole')).toBe('io.k8s.api.rbac.v1.ClusterRole');
    expect(typeOfKind('autoscaling/v2', 'HorizontalPodAutoscaler')).toBe('io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler');
    expect(typeOfKind('v1', 'Status')).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.Status');
    expect(typeOfKind('meta.k8s.io/v1', 'Table')).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.Table');
    expect(typeOfKind('apps/v1', 'WatchEvent')).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent');
    expect(typeOfKind('apps/v1', 'Pod')).toBeUndefined();
    expect(typeOfKind('v2', 'Pod')).toBeUndefined();
    for (const gv of Object.values(allKinds())) for (const t of Object.values(gv)) expect(typeInfo(t), t).toBeDefined();
  });

  it('lists fields in Go struct order with TypeMeta/inline structs spliced in', () => {
    expect(fieldsOf('io.k8s.api.core.v1.Pod')!.map((f) => f.name)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(fieldsOf(OBJECT_META)!.map((f) => f.name)).toEqual([
      'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
      'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
    ]);
    expect(fieldsOf(POD_SPEC)!.slice(0, 4).map((f) => f.name)).toEqual(['volumes', 'initContainers', 'containers', 'ephemeralContainers']);
    const vol = fieldsOf('io.k8s.api.core.v1.Volume')!;
    expect(vol[0].name).toBe('name');
    expect(vol[1]).toMatchObject({ name: 'hostPath', declaredIn: 'io.k8s.api.core.v1.VolumeSource' });
    expect(vol.some((f) => f.name === 'projected')).toBe(true);
    expect(fieldOf('io.k8s.api.core.v1.Pod', 'kind')!.declaredIn).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.TypeMeta');
    expect(fieldsOf('io.k8s.api.core.v1.NoSuchType')).toBeUndefined();
  });

  it('records Go types, omitempty, optional, enums and special scalars', () => {
    expect(fieldOf(POD_SPEC, 'containers')).toMatchObject({ typeExpr: '[]io.k8s.api.core.v1.Container', omitempty: false, required: true });
    expect(fieldOf(POD_SPEC, 'priority')).toMatchObject({ typeExpr: '*int32', omitempty: true, optional: true, required: false });
    expect(fieldOf(POD_SPEC, 'priority')!.type).toEqual({ kind: 'primitive', name: 'int32', pointer: true });
    expect(fieldOf(POD_SPEC, 'overhead')).toMatchObject({
      typeExpr: 'map[string]io.k8s.apimachinery.pkg.api.resource.Quantity',
      goType: 'io.k8s.api.core.v1.ResourceList',
    });
    expect(fieldOf(OBJECT_META, 'creationTimestamp')!.type).toEqual({
      kind: 'special', name: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time', form: 'time', pointer: false,
    });
    expect(fieldOf(OBJECT_META, 'uid')!.goType).toBe('io.k8s.apimachinery.pkg.types.UID');
    expect(fieldOf('io.k8s.api.core.v1.ServicePort', 'targetPort')!.type).toMatchObject({ kind: 'special', form: 'int-or-string' });
    expect(fieldOf('io.k8s.api.core.v1.Secret', 'data')!.typeExpr).toBe('map[string]bytes');
    expect(fieldOf(CONTAINER, 'imagePullPolicy')!.enumType).toBe('io.k8s.api.core.v1.PullPolicy');
    expect(enumValues('io.k8s.api.core.v1.PullPolicy')).toEqual(['Always', 'IfNotPresent', 'Never']);
    expect(enumValues('io.k8s.api.core.v1.Protocol')).toEqual(['SCTP', 'TCP', 'UDP']);
    expect(fieldOf('io.k8s.api.core.v1.ServicePort', 'protocol')!.default).toBe('TCP');
    expect(typeInfo('io.k8s.apimachinery.pkg.api.resource.Quantity')).toMatchObject({ kind: 'special', special: 'quantity' });
    expect(typeInfo('io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference')!.structType).toBe('atomic');
  });
});

describe('strategic merge patch metadata', () => {
  it('gives merge keys, strategies and list types', () => {
    expect(mergeKeyOf(POD_SPEC, 'containers')).toBe('name');
    expect(patchStrategyOf(POD_SPEC, 'containers')).toEqual(['merge']);
    expect(patchStrategyOf(POD_SPEC, 'volumes')).toEqual(['merge', 'retainKeys']);
    expect(mergeKeyOf(CONTAINER, 'ports')).toBe('containerPort');
    expect(listMapKeys(CONTAINER, 'ports')).toEqual(['containerPort', 'protocol']);
    expect(mergeKeyOf(CONTAINER, 'volumeMounts')).toBe('mountPath');
    expect(mergeKeyOf(CONTAINER, 'env')).toBe('name');
    expect(listTypeOf(CONTAINER, 'command')).toBe('atomic');
    expect(mergeKeyOf(POD_SPEC, 'tolerations')).toBeUndefined();
    expect(patchStrategyOf(POD_SPEC, 'tolerations')).toEqual([]);
    expect(mergeKeyOf(OBJECT_META, 'ownerReferences')).toBe('uid');
    expect(patchStrategyOf(OBJECT_META, 'finalizers')).toEqual(['merge']);
    expect(listTypeOf(OBJECT_META, 'finalizers')).toBe('set');
    expect(mergeKeyOf('io.k8s.api.apps.v1.DeploymentSpec', 'template')).toBeUndefined();
    expect(patchStrategyOf('io.k8s.api.apps.v1.DeploymentSpec', 'strategy')).toEqual(['retainKeys']);
    expect(mergeKeyOf('io.k8s.api.core.v1.ServiceSpec', 'ports')).toBe('port');
    expect(listMapKeys('io.k8s.api.core.v1.ServiceSpec', 'ports')).toEqual(['port', 'protocol']);
    expect(mergeKeyOf('io.k8s.api.core.v1.NodeStatus', 'addresses')).toBe('type');
  });

  it('walks to element types', () => {
    expect(elemTypeOf(POD_SPEC, 'containers')).toBe(CONTAINER);
    expect(elemTypeOf('io.k8s.api.apps.v1.DeploymentSpec', 'template')).toBe('io.k8s.api.core.v1.PodTemplateSpec');
    expect(elemTypeOf(POD_SPEC, 'nodeSelector')).toBeUndefined();
  });
});

describe('key order', () => {
  it('orderObject writes Go struct order, sorted map keys, unknown keys last, without touching the input', () => {
    const pod: Obj = {
      status: { phase: 'Running', podIP: '10.0.0.1', conditions: [{ status: 'True', type: 'Ready' }] },
      spec: {
        containers: [{ imagePullPolicy: 'IfNotPresent', image: 'nginx', name: 'web', ports: [{ protocol: 'TCP', containerPort: 80 }] }],
        restartPolicy: 'Always',
        volumes: [{ emptyDir: {}, name: 'scratch' }],
      },
      metadata: { labels: { zeta: '1', app: 'web', Beta: '2' }, uid: 'u', name: 'web', namespace: 'default', extra: 1 },
      apiVersion: 'v1',
      kind: 'Pod',
      junk: true,
    };
    const before = JSON.stringify(pod);
    const out = orderObject('v1', 'Pod', pod);
    expect(JSON.stringify(pod)).toBe(before);
    expect(keys(out)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status', 'junk']);
    expect(keys(out.metadata)).toEqual(['name', 'namespace', 'uid', 'labels', 'extra']);
    expect(keys(out.metadata.labels)).toEqual(['Beta', 'app', 'zeta']);
    expect(keys(out.spec)).toEqual(['volumes', 'containers', 'restartPolicy']);
    expect(keys(out.spec.volumes[0])).toEqual(['name', 'emptyDir']);
    expect(keys(out.spec.containers[0])).toEqual(['name', 'image', 'ports', 'imagePullPolicy']);
    expect(keys(out.spec.containers[0].ports[0])).toEqual(['containerPort', 'protocol']);
    expect(keys(out.status)).toEqual(['phase', 'conditions', 'podIP']);
    expect(keys(out.status.conditions[0])).toEqual(['type', 'status']);
    expect(canon(out)).toBe(canon(pod));
    expect(orderObject('example.com/v1', 'Widget', { b: 1, a: 2 })).toEqual({ b: 1, a: 2 });
    expect(keys(orderAs(CONTAINER, { image: 'x', name: 'y' }))).toEqual(['name', 'image']);
  });

  it('orders an embedded object (RawExtension) by its own kind', () => {
    const ev = orderObject('apps/v1', 'WatchEvent', {
      object: { metadata: { resourceVersion: '5', name: 'd' }, apiVersion: 'apps/v1', kind: 'Deployment' },
      type: 'ADDED',
    });
    expect(JSON.stringify(ev)).toBe('{"type":"ADDED","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"d","resourceVersion":"5"}}}');
  });

  it('sorts like Go (UTF-8 byte order)', () => {
    expect(['b', 'B', 'a', '\u{1F600}', '\uFFFD'].sort(goStringCompare)).toEqual(['B', 'a', 'b', '\uFFFD', '\u{1F600}']);
  });
});

describe('roundTrip (apiserver JSON)', () => {
  it('reproduces the Status wire form of KUBECTL-PROTOCOL.md §7', () => {
    const st = roundTrip('v1', 'Status', {
      code: 404,
      details: { kind: 'pods', name: 'nosuch' },
      reason: 'NotFound',
      message: 'pods "nosuch" not found',
      status: 'Failure',
      apiVersion: 'v1',
      kind: 'Status',
    });
    expect(JSON.stringify(st)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"nosuch\\" not found","reason":"NotFound","details":{"name":"nosuch","kind":"pods"},"code":404}',
    );
  });

  it('drops unknown and empty omitempty fields and writes Go zero values', () => {
    const out = roundTrip('v1', 'Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: {}, bogus: 1 },
      spec: { containers: [{ name: 'c', image: 'i', ports: [] }], priority: 0, hostNetwork: false, nodeName: '' },
      status: { conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'c', image: 'i', imageID: '' }] },
    });
    expect(out).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'p', creationTimestamp: null },
      spec: { containers: [{ name: 'c', image: 'i', resources: {} }], priority: 0 },
      status: {
        conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: null }],
        containerStatuses: [{ name: 'c', state: {}, lastState: {}, ready: false, restartCount: 0, image: 'i', imageID: '' }],
      },
    });
  });

  it.skipIf(!haveGoldens)('leaves every fixture object of the goldens cluster as it is (except 5 known fixture quirks)', () => {
    const items = (JSON.parse(golden('cluster.json')) as { items: Obj[] }).items;
    const changed: string[] = [];
    for (const o of items) {
      expect(typeOfKind(o.apiVersion, o.kind), `${o.apiVersion} ${o.kind}`).toBeDefined();
      if (canon(roundTrip(o.apiVersion, o.kind, o)) !== canon(o)) changed.push(`${o.kind}/${o.metadata.name}`);
    }
    // The fixture writes `message: ""` (Event) and `initialDelaySeconds: 0` (Probe): both are
    // omitempty, so a real apiserver would not return them.
    expect(changed.sort()).toEqual([
      'Event/controlplane.e94df55e8d76bb3b',
      'Event/node01.7426865767d2373c',
      'Pod/etcd-controlplane',
      'Pod/kube-apiserver-controlplane',
      'Pod/kube-scheduler-controlplane',
    ]);
  });
});

describe.skipIf(!haveGoldens)('kubectl -o json goldens', () => {
  // kubectl prints the object it decoded into map[string]interface{}: keys sorted at every level.
  it('pod-nginx: keys are sorted, not in Go struct order', () => {
    const pod = inputItems('pod-nginx').find((o) => o.kind === 'Pod')!;
    const want = golden('pod-nginx.json.txt');
    expect(goJSONStringify(sortKeysDeep(pod), 4) + '\n').toBe(want);
    // the Go struct order (what the apiserver sent on the wire) is different:
    expect(goJSONStringify(orderObject('v1', 'Pod', pod), 4) + '\n').not.toBe(want);
    expect(keys(JSON.parse(want).metadata)).toEqual(['creationTimestamp', 'labels', 'name', 'namespace', 'resourceVersion', 'uid']);
    expect(keys(orderObject('v1', 'Pod', pod).metadata)).toEqual(['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'labels']);
  });

  it('pod-nginx: roundTrip restores the zero values a real apiserver writes', () => {
    const pod = structuredClone(inputItems('pod-nginx').find((o) => o.kind === 'Pod')!);
    delete pod.spec.containers[0].resources; // ResourceRequirements (struct): {}
    delete pod.status.containerStatuses[0].lastState; // ContainerState (struct): {}
    for (const c of pod.status.conditions) delete c.lastProbeTime; // metav1.Time: null
    pod.spec.containers[0].imagez = 'typo'; // unknown: dropped
    const out = roundTrip('v1', 'Pod', pod);
    expect(goJSONStringify(sortKeysDeep(out), 4) + '\n').toBe(golden('pod-nginx.json.txt'));
  });

  it('configmap-app-config', () => {
    const cm = inputItems('configmap-app-config').find((o) => o.kind === 'ConfigMap')!;
    expect(goJSONStringify(sortKeysDeep(roundTrip('v1', 'ConfigMap', cm)), 4) + '\n').toBe(golden('configmap-app-config.json.txt'));
    expect(keys(orderObject('v1', 'ConfigMap', cm))).toEqual(['kind', 'apiVersion', 'metadata', 'data']);
  });

  it('pods-default (v1 List)', () => {
    const list = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: inputItems('pods-default').filter((o) => o.kind === 'Pod') };
    expect(goJSONStringify(sortKeysDeep(list), 4) + '\n').toBe(golden('pods-default.json.txt'));
  });

  it('orderObject keeps the content of deployment / service / configmap fixtures and orders every level', () => {
    for (const [name, apiVersion, kind] of [
      ['deployment-web', 'apps/v1', 'Deployment'],
      ['service-web', 'v1', 'Service'],
      ['configmap-app-config', 'v1', 'ConfigMap'],
      ['job-pi', 'batch/v1', 'Job'],
      ['ingress-web', 'networking.k8s.io/v1', 'Ingress'],
      ['node-worker', 'v1', 'Node'],
    ]) {
      const obj = inputItems(name).find((o) => o.kind === kind)!;
      const out = orderObject(apiVersion, kind, obj);
      expect(canon(out), name).toBe(canon(obj));
      expect(keys(out).slice(0, 3), name).toEqual(['kind', 'apiVersion', 'metadata']);
      checkOrder(typeOfKind(apiVersion, kind)!, out, name);
    }
  });
});

/** Every struct level lists known fields in schema order; maps are sorted. */
function checkOrder(typeName: string, v: Obj, path: string): void {
  const fields = fieldsOf(typeName)!;
  const idx = keys(v).map((k) => fields.findIndex((f) => f.name === k));
  expect(idx.every((i) => i >= 0), `${path}: ${keys(v).join(',')}`).toBe(true);
  expect([...idx].sort((a, b) => a - b), path).toEqual(idx);
  for (const f of fields) {
    if (!(f.name in v) || v[f.name] === null) continue;
    let t = f.type;
    let vals: unknown[] = [v[f.name]];
    while (t.kind === 'list' || t.kind === 'map') {
      if (t.kind === 'map') for (const m of vals) expect(keys(m), `${path}.${f.name}`).toEqual([...keys(m)].sort(goStringCompare));
      vals = vals.flatMap((x) => (Array.isArray(x) ? x : Object.values(x as Obj)));
      t = t.elem;
    }
    if (t.kind === 'struct') for (const x of vals) checkOrder(t.name, x as Obj, `${path}.${f.name}`);
  }
}

describe('unknownFields (fieldValidation=Strict)', () => {
  it('finds misspelled fields with apiserver paths', () => {
    expect(unknownFields('v1', 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containerz: [] } })).toEqual(['spec.containerz']);
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { 'anything.goes/here': 'x' }, annotations: { a: 'b' } },
      specc: {},
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'a', image: 'nginx' },
              { name: 'b', image: 'nginx', imagee: 'typo', resources: { limits: { cpu: '1' }, limitz: {} }, ports: [{ containerPort: 80, hostPortt: 1 }] },
            ],
            nodeSelector: { disk: 'ssd' },
          },
        },
      },
      Status: {},
    };
    expect(unknownFields('apps/v1', 'Deployment', dep)).toEqual([
      'specc',
      'spec.template.spec.containers[1].imagee',
      'spec.template.spec.containers[1].resources.limitz',
      'spec.template.spec.containers[1].ports[0].hostPortt',
      'Status',
    ]);
    expect(unknownFields('v1', 'ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { x: 'y' } })).toEqual([]);
    expect(unknownFields('example.com/v1', 'Widget', { foo: 1 })).toEqual([]);
  });

  it.skipIf(!haveGoldens)('finds nothing in the fixture cluster', () => {
    const items = (JSON.parse(golden('cluster.json')) as { items: Obj[] }).items;
    for (const o of items) expect(unknownFields(o.apiVersion, o.kind, o), `${o.kind}/${o.metadata.name}`).toEqual([]);
  });
});

describe('descriptions (kubectl explain / OpenAPI)', () => {
  it('loads lazily and follows kube-openapi formatting', async () => {
    expect(await describeField(POD_SPEC)).toBe('PodSpec is a description of a pod.');
    await loadDescriptions();
    expect(describeSync(POD_SPEC, 'volumes')).toBe(
      'List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes',
    );
    const ipp = describeSync(CONTAINER, 'imagePullPolicy')!;
    expect(ipp).toContain('Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n\nPossible enum values:\n');
    expect(ipp).toContain('\n - `"Always"` means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.\n');
    expect(describeSync(POD_SPEC, 'restartPolicy')).toMatch(/\n\nPossible enum values:\n - `"Always"`\n - `"Never"`\n - `"OnFailure"`$/);
    // inline (TypeMeta) fields resolve to the embedded struct's doc
    expect(describeSync('io.k8s.api.core.v1.Pod', 'kind')).toMatch(/^Kind is a string value representing the REST resource this object represents\./);
    // indented comment lines keep their newlines (kube-openapi rule)
    expect(describeSync('io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause', 'field')).toBe(
      'The field of the resource that has caused this error, as named by its JSON serialization. May include dot and postfix notation for nested attributes. Arrays are zero-indexed.  Fields may appear more than once in an array of causes due to fields having multiple errors. Optional.\n\nExamples:\n  "name" - the field "name" on the current resource\n  "items[0].name" - the field "name" on the first array entry in "items"',
    );
    expect(describeSync('io.k8s.apimachinery.pkg.apis.meta.v1.Time')).toBe(
      'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.',
    );
    expect(describeSync(POD_SPEC, 'noSuchField')).toBeUndefined();
  });
});
