/**
 * Contract B against the REAL kubectl: start `npm run --silent apiserver -- --port <free>` and run
 * `kubectl --server http://127.0.0.1:PORT --cache-dir <tmp> …` (KUBECONFIG=/dev/null), asserting
 * what it prints. Skipped with a message when kubectl is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('contract-b: kubectl is not installed; skipping the real-kubectl tests');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let server: ChildProcess | undefined;
let port = 0;
const dir = mkdtempSync(join(tmpdir(), 'contract-b-'));

function kubectl(...args: string[]): { out: string; err: string; code: number } {
  const r = spawnSync('kubectl', ['--server', `http://127.0.0.1:${port}`, '--cache-dir', join(dir, 'cache'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: '/dev/null' },
    timeout: 30_000,
  });
  return { out: r.stdout, err: r.stderr, code: r.status ?? -1 };
}

describe.skipIf(!hasKubectl)('contract B with the real kubectl', () => {
  beforeAll(async () => {
    port = await freePort();
    server = spawn('npm', ['run', '--silent', 'apiserver', '--', '--port', String(port)], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('apiserver did not start')), 60_000);
      server!.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      server!.on('exit', (c) => reject(new Error(`apiserver exited ${c}`)));
    });
  }, 90_000);

  afterAll(() => {
    // the npm wrapper and its node child form one process group
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });

  it('api-resources lists the kinds like a real 1.32 cluster', () => {
    const r = kubectl('api-resources');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    const rows = lines.slice(1).map((l) => l.trim().split(/\s+/).join(' '));
    for (const row of [
      'pods po v1 true Pod',
      'deployments deploy apps/v1 true Deployment',
      'statefulsets sts apps/v1 true StatefulSet',
      'selfsubjectaccessreviews authorization.k8s.io/v1 false SelfSubjectAccessReview',
      'horizontalpodautoscalers hpa autoscaling/v2 true HorizontalPodAutoscaler',
      'cronjobs cj batch/v1 true CronJob',
      'ingresses ing networking.k8s.io/v1 true Ingress',
      'poddisruptionbudgets pdb policy/v1 true PodDisruptionBudget',
      'clusterroles rbac.authorization.k8s.io/v1 false ClusterRole',
      'priorityclasses pc scheduling.k8s.io/v1 false PriorityClass',
      'storageclasses sc storage.k8s.io/v1 false StorageClass',
    ])
      expect(rows).toContain(row);
    // core first, then groups alphabetically (kubectl sorts by group)
    expect(rows[0]).toBe('bindings v1 true Binding');
  });

  it('get nodes / describe node', () => {
    const r = kubectl('get', 'nodes');
    expect(r.out.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(r.out).toMatch(/controlplane\s+\S+\s+control-plane/);
    const d = kubectl('describe', 'node', 'node01');
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/^Name:\s+node01$/m);
  });

  it('create deployment sends protobuf and the server decodes it', () => {
    const r = kubectl('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2');
    expect(r.err).toBe('');
    expect(r.out).toBe('deployment.apps/web created\n');
    expect(kubectl('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.strategy.type}').out).toBe('2 nginx:1.27 RollingUpdate');
    expect(kubectl('create', 'configmap', 'cm1', '--from-literal=a=b').out).toBe('configmap/cm1 created\n');
    expect(kubectl('get', 'cm', 'cm1', '-o', 'jsonpath={.data.a}').out).toBe('b');
    expect(kubectl('create', 'secret', 'generic', 's1', '--from-literal=x=y').out).toBe('secret/s1 created\n');
    expect(kubectl('get', 'secret', 's1', '-o', 'jsonpath={.data.x} {.type}').out).toBe('eQ== Opaque');
    expect(kubectl('create', 'namespace', 'team-a').out).toBe('namespace/team-a created\n');
    expect(kubectl('describe', 'deploy', 'web').out).toMatch(/^Name:\s+web$/m);
  });

  it('apply (client-side): created / unchanged / configured; Strict field validation', () => {
    const m = (replicas: number, extra = '') =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\nspec:\n  replicas: ${replicas}\n${extra}  selector:\n    matchLabels: {app: demo}\n  template:\n    metadata:\n      labels: {app: demo}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`;
    writeFileSync(join(dir, 'd1.yaml'), m(1));
    writeFileSync(join(dir, 'd2.yaml'), m(3));
    writeFileSync(join(dir, 'bad.yaml'), m(3, '  foo: bar\n'));
    expect(kubectl('apply', '-f', join(dir, 'd1.yaml')).out).toBe('deployment.apps/demo created\n');
    expect(kubectl('apply', '-f', join(dir, 'd1.yaml')).out).toBe('deployment.apps/demo unchanged\n');
    expect(kubectl('apply', '-f', join(dir, 'd2.yaml')).out).toBe('deployment.apps/demo configured\n');
    const bad = kubectl('apply', '-f', join(dir, 'bad.yaml'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('strict decoding error: unknown field "spec.foo"');
  });

  it('apply --server-side', () => {
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: v\n');
    expect(kubectl('apply', '--server-side', '-f', join(dir, 'cm.yaml')).out).toBe('configmap/ssa serverside-applied\n');
    expect(kubectl('get', 'cm', 'ssa', '-o', 'jsonpath={.data.k}').out).toBe('v');
  });

  it('explain reads the OpenAPI v3 documents', () => {
    const r = kubectl('explain', 'pod');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^KIND:\s+Pod\nVERSION:\s+v1\n\nDESCRIPTION:\n {4}Pod is a collection of containers that can run on a host\./);
    expect(r.out).toContain('  spec\t<PodSpec>\n');
    const c = kubectl('explain', 'pod.spec.containers');
    expect(c.out).toContain('FIELD: containers <[]Container>');
    expect(c.out).toContain('  name\t<string> -required-\n');
    expect(c.out).toContain('  imagePullPolicy\t<string>\n  enum: Always, IfNotPresent, Never\n');
    expect(kubectl('explain', 'deploy.spec.strategy.rollingUpdate.maxSurge').out).toContain('FIELD: maxSurge <IntOrString>');
  });

  it('autoscale posts autoscaling/v1 (protobuf), stored as autoscaling/v2', () => {
    expect(kubectl('autoscale', 'deploy', 'web', '--max=5', '--cpu-percent=60').out).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    expect(kubectl('get', 'hpa', 'web', '-o', 'jsonpath={.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}').out).toBe('autoscaling/v2 60');
  });

  it('auth can-i and RBAC through impersonation', () => {
    expect(kubectl('auth', 'can-i', 'list', 'pods').out).toBe('yes\n');
    const no = kubectl('auth', 'can-i', 'list', 'pods', '--as', 'jane');
    expect(no.out).toBe('no\n');
    expect(no.code).toBe(1);
    const get = kubectl('get', 'pods', '--as', 'jane');
    expect(get.err).toBe('Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n');
    expect(kubectl('create', 'rolebinding', 'jane-view', '--clusterrole=view', '--user=jane').out).toBe('rolebinding.rbac.authorization.k8s.io/jane-view created\n');
    expect(kubectl('auth', 'can-i', 'list', 'pods', '--as', 'jane').out).toBe('yes\n');
    expect(kubectl('auth', 'can-i', 'delete', 'pods', '--as', 'jane').out).toBe('no\n');
  });
});