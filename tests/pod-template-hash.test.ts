/**
 * pod-template-hash = controller.ComputeHash: fnv32a over spew's %#v dump of the Go
 * v1.PodTemplateSpec (k8s.io/api v0.32). Oracles are hashes real v1.32 clusters print:
 *  - kubeadm v1.32's CoreDNS Deployment → coredns-668d6bf9bc (shared/reference/goldens, pod-coredns);
 *    its template changed not at all from v1.31 (coredns-7c65d6cfc9): only the Go structs did.
 *  - the docs' controllers/nginx-deployment.yaml → nginx-deployment-647677fc66,
 *    `kubectl create deployment nginx --image=nginx` → nginx-5869d7778c,
 *    the tutorial's kubernetes-bootcamp → kubernetes-bootcamp-9bc58d867 (each seen in many
 *    published `kubectl get pods/rs` outputs of recent clusters).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeHash } from '../src/sim/api/helpers/pod-template-hash';
import { canonicalQuantity, goQuantity } from '../src/sim/api/schema/go-quantity';
import { spewForHash } from '../src/sim/api/schema/spew';
import { sim } from './cluster-helpers';

const fixture = (f: string) => JSON.parse(readFileSync(new URL(`./fixtures/pod-template-hash/${f}`, import.meta.url), 'utf8'));

/** A template as the apiserver stores it after defaulting (what the controller hashes). */
function defaulted(labels: Record<string, string>, container: Record<string, unknown>) {
  return {
    metadata: { creationTimestamp: null, labels },
    spec: {
      containers: [{ resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...container }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

describe('pod-template-hash (controller.ComputeHash)', () => {
  it('kubeadm v1.32 CoreDNS template → 668d6bf9bc', () => {
    expect(computeHash(fixture('coredns-v1.32.json'))).toBe('668d6bf9bc');
  });

  it('hashes published from real clusters', () => {
    const nginxDeployment = defaulted({ app: 'nginx' }, { name: 'nginx', image: 'nginx:1.14.2', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }] });
    expect(computeHash(nginxDeployment)).toBe('647677fc66');
    expect(computeHash(defaulted({ app: 'nginx' }, { name: 'nginx', image: 'nginx', imagePullPolicy: 'Always' }))).toBe('5869d7778c');
    const bootcamp = defaulted({ app: 'kubernetes-bootcamp' }, { name: 'kubernetes-bootcamp', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1', imagePullPolicy: 'IfNotPresent' });
    expect(computeHash(bootcamp)).toBe('9bc58d867');
  });

  it('the controller names ReplicaSets and pods with it (defaulting included)', () => {
    const s = sim(7);
    const manifest = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment', namespace: 'default', labels: { app: 'nginx' } }, spec: { replicas: 2, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } } } };
    s.api.create('deployments', 'default', manifest);
    s.until(() => s.api.list('replicasets', 'default').items.length === 1, 10_000, 'rs');
    expect(s.api.list('replicasets', 'default').items[0].metadata.name).toBe('nginx-deployment-647677fc66');
  });

  it('an empty map or list hashes as nil (the controller reads protobuf); the collision count changes the hash', () => {
    const base = defaulted({ app: 'nginx' }, { name: 'nginx', image: 'nginx', imagePullPolicy: 'Always' });
    const withEmpty = structuredClone(base) as Record<string, any>;
    withEmpty.metadata.annotations = {};
    withEmpty.spec.volumes = [];
    expect(computeHash(withEmpty)).toBe('5869d7778c');
    expect(computeHash(base, 1)).not.toBe(computeHash(base));
    expect(computeHash(base, 1)).not.toBe(computeHash(base, 2));
    // any change to the template changes it
    expect(computeHash({ ...base, metadata: { ...base.metadata, labels: { app: 'nginx2' } } })).not.toBe('5869d7778c');
  });

  it('spew %#v: typed fields, nil pointers/maps/slices, pointer targets without a second type', () => {
    const out = spewForHash({ metadata: { labels: { b: '2', a: '1' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }], securityContext: {} } }, 'v1.PodTemplateSpec');
    expect(out.startsWith('(v1.PodTemplateSpec){ObjectMeta:(v1.ObjectMeta){Name:(string) GenerateName:(string) ')).toBe(true);
    expect(out).toContain('CreationTimestamp:(v1.Time){Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}} DeletionTimestamp:(*v1.Time)<nil>');
    expect(out).toContain('Labels:(map[string]string)map[a:1 b:2] Annotations:(map[string]string)<nil>');
    expect(out).toContain('Ports:([]v1.ContainerPort)[{Name:(string) HostPort:(int32)0 ContainerPort:(int32)80 Protocol:(v1.Protocol) HostIP:(string)}]');
    expect(out).toContain('SecurityContext:(*v1.PodSecurityContext){SELinuxOptions:(*v1.SELinuxOptions)<nil>');
  });

  it('resource.Quantity keeps the parsed string only in canonical form (ParseQuantity)', () => {
    expect(goQuantity('170Mi')).toEqual({ i: { value: 178257920n, scale: 0 }, d: { Dec: null }, s: '170Mi', Format: 'BinarySI' });
    expect(goQuantity('128Mi').s).toBe(''); // value&7 == 0
    expect(goQuantity('100m')).toEqual({ i: { value: 100n, scale: -3 }, d: { Dec: null }, s: '100m', Format: 'DecimalSI' });
    expect(goQuantity('1000').s).toBe(''); // ends in 000
    expect(goQuantity('0')).toMatchObject({ s: '0', Format: 'DecimalSI' });
    expect(goQuantity('1.5Gi').d.Dec).not.toBeNull(); // binary fractions take the inf.Dec path
  });

  it('hashes the canonical quantity the apiserver sends (0.5 ≡ 500m, 1.5Gi ≡ 1536Mi)', () => {
    expect(['0.5', '1.5Gi', '1000', '2000m', '0.1', '1e3', '12e-3', '1024', '10000Mi', '-1'].map(canonicalQuantity)).toEqual(['500m', '1536Mi', '1k', '2', '100m', '1e3', '12e-3', '1024', '10000Mi', '-1']);
    const withCpu = (cpu: unknown) => defaulted({ app: 'q' }, { name: 'c', image: 'nginx', imagePullPolicy: 'Always', resources: { requests: { cpu } } });
    expect(computeHash(withCpu(0.5))).toBe(computeHash(withCpu('500m')));
    expect(computeHash(withCpu('0.5'))).not.toBe(computeHash(withCpu('600m')));
  });
});
