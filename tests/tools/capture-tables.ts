/**
 * Records how the REAL kubectl renders Tables that our toTable() computed:
 *   npx tsx tests/tools/capture-tables.ts
 * Serves shared goldens' cluster.json (+ tests/tools/extra-objects.json) through the project's fake
 * apiserver (copied here with a TABLES_JSON hook), runs `kubectl get …` for every case below and writes
 * tests/fixtures/tables/cases.json: per case the args, the Tables kubectl received, and its stdout.
 * tests/printers-table.test.ts then renders the same Tables with printTable and compares byte for byte.
 * Needs node + kubectl; starts and stops its own server (by PID) on 127.0.0.1:18283.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toTable } from '../../src/sim/api/table';
import type { Obj } from '../../src/sim/client/types';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const PORT = 18283;
const NOW = Date.parse('2026-11-22T01:57:00Z');

// kind → [group, plural, namespaced]
const RES: Record<string, [string, string, boolean]> = {
  Pod: ['', 'pods', true], Node: ['', 'nodes', false], Namespace: ['', 'namespaces', false], Event: ['', 'events', true],
  Service: ['', 'services', true], Endpoints: ['', 'endpoints', true], ConfigMap: ['', 'configmaps', true], Secret: ['', 'secrets', true],
  ServiceAccount: ['', 'serviceaccounts', true], ResourceQuota: ['', 'resourcequotas', true], LimitRange: ['', 'limitranges', true],
  PersistentVolume: ['', 'persistentvolumes', false], PersistentVolumeClaim: ['', 'persistentvolumeclaims', true],
  Deployment: ['apps', 'deployments', true], ReplicaSet: ['apps', 'replicasets', true], DaemonSet: ['apps', 'daemonsets', true],
  StatefulSet: ['apps', 'statefulsets', true], ControllerRevision: ['apps', 'controllerrevisions', true],
  Job: ['batch', 'jobs', true], CronJob: ['batch', 'cronjobs', true],
  Ingress: ['networking.k8s.io', 'ingresses', true], IngressClass: ['networking.k8s.io', 'ingressclasses', false],
  NetworkPolicy: ['networking.k8s.io', 'networkpolicies', true], EndpointSlice: ['discovery.k8s.io', 'endpointslices', true],
  Lease: ['coordination.k8s.io', 'leases', true], PodDisruptionBudget: ['policy', 'poddisruptionbudgets', true],
  Role: ['rbac.authorization.k8s.io', 'roles', true], RoleBinding: ['rbac.authorization.k8s.io', 'rolebindings', true],
  ClusterRoleBinding: ['rbac.authorization.k8s.io', 'clusterrolebindings', false], StorageClass: ['storage.k8s.io', 'storageclasses', false],
  PriorityClass: ['scheduling.k8s.io', 'priorityclasses', false], HorizontalPodAutoscaler: ['autoscaling', 'horizontalpodautoscalers', true],
};
const KIND_OF: Record<string, string> = Object.fromEntries(Object.entries(RES).map(([k, [g, p]]) => [`${g}/${p}`, k]));

interface Case {
  name: string;
  args: string[];
  opts?: Record<string, unknown>;
}
const CASES: Case[] = [
  { name: 'pods', args: ['get', 'pods'] },
  { name: 'pods-wide', args: ['get', 'pods', '-o', 'wide'], opts: { wide: true } },
  { name: 'pods-all-namespaces', args: ['get', 'pods', '-A'], opts: { withNamespace: true } },
  { name: 'pods-all-namespaces-wide', args: ['get', 'pods', '-A', '-o', 'wide'], opts: { withNamespace: true, wide: true } },
  { name: 'pods-show-labels', args: ['get', 'pods', '--show-labels'], opts: { showLabels: true } },
  { name: 'pods-label-columns', args: ['get', 'pods', '-L', 'app,run,example.com/tier', '--show-labels'], opts: { labelColumns: ['app', 'run', 'example.com/tier'], showLabels: true } },
  { name: 'pods-no-headers', args: ['get', 'pods', '--no-headers'], opts: { noHeaders: true } },
  { name: 'pod-single', args: ['get', 'pod', 'nginx'] },
  { name: 'pods-two-names', args: ['get', 'pod', 'nginx', 'web-5b8d7c9f6d-c2jls'] },
  { name: 'pods-kube-system-wide', args: ['get', 'pods', '-n', 'kube-system', '-o', 'wide'], opts: { wide: true } },
  { name: 'nodes', args: ['get', 'nodes'] },
  { name: 'nodes-wide', args: ['get', 'nodes', '-o', 'wide'], opts: { wide: true } },
  { name: 'namespaces', args: ['get', 'ns'] },
  { name: 'namespaces-show-labels', args: ['get', 'ns', '--show-labels'], opts: { showLabels: true } },
  { name: 'deploy-rs', args: ['get', 'deploy,rs'] },
  { name: 'deploy-rs-wide', args: ['get', 'deploy,rs', '-o', 'wide'], opts: { wide: true } },
  { name: 'all', args: ['get', 'all'] },
  { name: 'all-namespaces', args: ['get', 'all', '-A'], opts: { withNamespace: true } },
  { name: 'all-no-headers', args: ['get', 'all', '--no-headers'], opts: { noHeaders: true } },
  { name: 'services-wide', args: ['get', 'svc', '-o', 'wide'], opts: { wide: true } },
  { name: 'endpoints', args: ['get', 'endpoints'] },
  { name: 'endpointslices', args: ['get', 'endpointslices'] },
  { name: 'ingress', args: ['get', 'ingress'] },
  { name: 'ingressclass', args: ['get', 'ingressclass'] },
  { name: 'configmaps-all', args: ['get', 'cm', '-A'], opts: { withNamespace: true } },
  { name: 'secrets', args: ['get', 'secrets'] },
  { name: 'serviceaccounts', args: ['get', 'sa'] },
  { name: 'jobs-wide', args: ['get', 'jobs', '-o', 'wide'], opts: { wide: true } },
  { name: 'daemonsets-wide', args: ['get', 'ds', '-n', 'kube-system', '-o', 'wide'], opts: { wide: true } },
  { name: 'events', args: ['get', 'events'] },
  { name: 'events-wide', args: ['get', 'events', '-o', 'wide'], opts: { wide: true } },
  { name: 'events-kube-system', args: ['get', 'events', '-n', 'kube-system'] },
  { name: 'leases', args: ['get', 'leases', '-n', 'kube-node-lease'] },
  { name: 'resourcequota', args: ['get', 'quota', '-n', 'dev'] },
  { name: 'limitrange', args: ['get', 'limits', '-n', 'dev'] },
  { name: 'statefulsets-wide', args: ['get', 'sts', '-o', 'wide'], opts: { wide: true } },
  { name: 'controllerrevisions', args: ['get', 'controllerrevisions'] },
  { name: 'cronjobs-wide', args: ['get', 'cj', '-o', 'wide'], opts: { wide: true } },
  { name: 'priorityclasses', args: ['get', 'pc'] },
  { name: 'storageclasses', args: ['get', 'sc'] },
  { name: 'pv-wide', args: ['get', 'pv', '-o', 'wide'], opts: { wide: true } },
  { name: 'pvc', args: ['get', 'pvc'] },
  { name: 'hpa', args: ['get', 'hpa'] },
  { name: 'pdb', args: ['get', 'pdb'] },
  { name: 'networkpolicies', args: ['get', 'netpol'] },
  { name: 'roles', args: ['get', 'roles'] },
  { name: 'rolebindings-wide', args: ['get', 'rolebindings', '-o', 'wide'], opts: { wide: true } },
  { name: 'clusterrolebindings-wide', args: ['get', 'clusterrolebindings', '-o', 'wide'], opts: { wide: true } },
  { name: 'mixed-cluster-and-namespaced', args: ['get', 'nodes,pods', '-A'], opts: { withNamespace: true } },
];

function loadObjects(): Obj[] {
  const a = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/goldens/cluster.json'), 'utf8')).items as Obj[];
  const b = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/tools/extra-objects.json'), 'utf8')).items as Obj[];
  return [...a, ...b];
}

function precompute(objs: Obj[]) {
  const out: Record<string, { columnDefinitions: unknown; rows: Record<string, unknown> }> = {};
  const byKind = new Map<string, Obj[]>();
  for (const o of objs) {
    if (!byKind.has(o.kind!)) byKind.set(o.kind!, []);
    byKind.get(o.kind!)!.push(o);
  }
  for (const [kind, list] of byKind) {
    const [g, plural] = RES[kind];
    const t = toTable(kind, list, NOW, { includeObject: 'None' });
    const rows: Record<string, unknown> = {};
    list.forEach((o, i) => (rows[`${o.metadata.namespace ?? ''}/${o.metadata.name}`] = t.rows[i]));
    out[`${g}/${plural}`] = { columnDefinitions: t.columnDefinitions, rows };
  }
  return out;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-tables-'));
  const fixtures = path.join(work, 'fixtures.json');
  const tablesFile = path.join(work, 'tables.json');
  const log = path.join(work, 'requests.jsonl');
  const objs = loadObjects();
  fs.writeFileSync(fixtures, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objs }));
  fs.writeFileSync(tablesFile, JSON.stringify(precompute(objs)));
  const kubeconfig = path.join(work, 'kubeconfig.yaml');
  fs.writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n    server: http://127.0.0.1:${PORT}\ncontexts:\n- name: sim\n  context:\n    cluster: sim\n    namespace: default\nusers:\n- name: anon\n  user: {}\ncurrent-context: sim\n`,
  );
  const server = spawn(process.execPath, [path.join(ROOT, 'tests/tools/kube-fake-apiserver.cjs')], {
    env: { ...process.env, PORT: String(PORT), FIXTURES: fixtures, TABLES_JSON: tablesFile, LOG: log, QUIET: '1' },
    cwd: work,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('probe apiserver on') && resolve());
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  const results: unknown[] = [];
  try {
    for (const c of CASES) {
      const before = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').length : 0;
      const r = spawnSync('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(work, 'cache-' + c.name), ...c.args], {
        env: { ...process.env, TZ: 'UTC', LANG: 'C.UTF-8', KUBECONFIG: kubeconfig },
        encoding: 'utf8',
      });
      await new Promise((res) => setTimeout(res, 100));
      const entries = fs.readFileSync(log, 'utf8').slice(before).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const groups = [];
      for (const e of entries) {
        const accept: string = e.accept ?? e.headers?.accept ?? '';
        if (e.method !== 'GET' || !/as=Table/.test(accept) || !/^kubectl\//.test(e.userAgent ?? '')) continue;
        const qs = new URLSearchParams(e.query ?? {}).toString();
        const url: string = e.path + (qs ? '?' + qs : '');
        const resp = await fetch(`http://127.0.0.1:${PORT}${url}`, { headers: { accept } });
        if (resp.status !== 200) continue;
        const table = await resp.json();
        const m = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/(?:namespaces\/[^/]+\/)?([^/?]+)/.exec(url)!;
        const group = m[1] ?? '';
        const plural = m[2];
        const kind = KIND_OF[`${group}/${plural}`];
        groups.push({ mapping: `${plural}.${group}`, kind, group, namespaced: RES[kind][2], table });
      }
      results.push({ name: c.name, args: c.args, opts: c.opts ?? {}, groups, stdout: r.stdout, stderr: r.stderr, exitCode: r.status });
      console.log(`${c.name}: exit ${r.status}, ${groups.length} table(s), ${r.stdout.split('\n').length - 1} lines${r.stderr ? ' stderr: ' + r.stderr.trim() : ''}`);
    }
  } finally {
    server.kill();
  }
  const outDir = path.join(ROOT, 'tests/fixtures/tables');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'cases.json'), JSON.stringify({ capturedWith: spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).stdout.trim(), now: new Date(NOW).toISOString(), cases: results }, null, 1) + '\n');
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
