/**
 * Records the REAL kubectl's `describe` output for objects beyond the shared goldens:
 *   npx tsx tests/tools/capture-describe.ts
 * Serves goldens' cluster.json + tests/tools/extra-objects.json + tests/tools/describe-objects.json
 * through the fake apiserver and writes tests/fixtures/describe/cases.json
 * ({objects, cases: [{args, startedAt, stdout, stderr, exitCode}]}); tests/describe-more.test.ts replays them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startFakeServer } from './fake-server';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8')).items;

const CASES: string[][] = [
  ['pod', 'complex'], ['pod', 'leaving'], ['pod', 'evicted'], ['pod', 'gpu-job'],
  ['node', 'node02'], ['node', 'node01'],
  ['service', 'lb'], ['service', 'headless'], ['service', 'ext'],
  ['ingress', 'catchall'], ['ingress', 'static'],
  ['deployment', 'lonely'],
  ['namespace', 'old'], ['resourcequota', '-n', 'old', 'compute'], ['resourcequota', '-n', 'old', 'besteffort'], ['limitrange', '-n', 'old', 'mixed'],
  ['serviceaccount', 'builder'], ['secret', 'builder-token'], ['secret', 'regcred'], ['configmap', 'bin'],
  ['statefulset', 'db'], ['cronjob', 'backup'], ['cronjob', 'report'],
  ['pv', 'pv-data'], ['pv', 'pv-spare'], ['pvc', 'data'], ['pvc', 'pending-claim'],
  ['storageclass', 'standard'], ['storageclass', 'fast'],
  ['hpa', 'web'], ['hpa', 'rich'], ['pdb', 'web-pdb'], ['pdb', 'db-pdb'],
  ['priorityclass', 'high-priority'], ['networkpolicy', 'allow-web'], ['networkpolicy', 'deny-all'], ['networkpolicy', 'rich'],
  ['endpointslice', 'lb-abcde'], ['endpointslice', 'headless-xyz'], ['controllerrevision', 'db-7c9d8f6b5'],
  ['namespace', 'dev'], ['namespace', 'kube-system'],
  ['role', 'pod-reader'], ['rolebinding', 'read-pods'], ['clusterrolebinding', 'cluster-admin'], ['clusterrole', 'mixed-reader'],
];

async function main() {
  const objects = [...load('tests/fixtures/goldens/cluster.json'), ...load('tests/tools/extra-objects.json'), ...load('tests/tools/describe-objects.json')];
  const srv = await startFakeServer(objects, 18285);
  const cases = [];
  try {
    for (const args of CASES) {
      const startedAt = Date.now();
      const r = srv.run(['describe', ...args]);
      cases.push({ args, startedAt, ...r });
      console.log(args.join(' '), r.exitCode, r.stdout.split('\n').length, r.stderr.trim());
    }
  } finally {
    srv.stop();
  }
  const outDir = path.join(ROOT, 'tests/fixtures/describe');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'cases.json'), JSON.stringify({ cases }, null, 1) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
