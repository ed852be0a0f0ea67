/**
 * Records the REAL kubectl's -o yaml / -o json / jsonpath / custom-columns output for objects built
 * offline with `kubectl create … --dry-run=client`:
 *   npx tsx tests/tools/capture-printers.ts
 * Writes tests/fixtures/printers/cases.json: [{name, args, stdout, stderr, exitCode}]. The object itself
 * is the `-o json` case of the same name (kubectl's own JSON of it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeServer } from './fake-server';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
const VALUES: string[] = [
  'true', 'false', 'True', '1', '-1', '+1', '1.5', '1e3', '0x1F', '0o17', '017', '08', '1_000', '.5', '.', '...', '---', '--',
  '', ' ', 'null', 'Null', '~', 'yes', 'No', 'on', 'OFF', 'y', 'n', '.nan', '.inf', '-.inf', 'inf', 'NaN', '<<',
  '1:20', '12:30:45', '190:20:30.15', '2016-03-14', '2016-03-14T10:00:00Z', '2016-3-4', '2016-02-30', '2016-03-14 10:00:00', '2016-03-14T10:00:00',
  'a: b', 'a:b', 'a :b', 'a:', ':a', '- x', '-x', '#c', 'a #b', 'a#b', '*star', '&amp', '!bang', '%pct', '@at', '`bt', '|pipe', '>gt',
  '[x]', 'x]', '{y}', 'x, y', '?q', '? q', "quote's", 'dq"x', 'back\\slash', '<html>&amp;', 'tab\there', '  leading', 'trailing ',
  'emoji 😀', 'ünïcödé ✓', 'nbsp\u00a0x', 'bell\u0007', 'esc\u001b[0m', 'nel\u0085x', 'line\u2028sep', 'bom\ufeffx', '\ufeffbom',
  'multi\nline\n', 'multi\nline', 'multi\n\n', '\nleading newline', 'a \nb', 'a\n b', 'x\n', '\n', 'crlf\r\nline',
  long, `a: ${long}`, `"${long}"`, `tab\t${long}`, 'x'.repeat(100), `${'y'.repeat(85)} z`, `k: ${'q'.repeat(90)} end`,
  `${long}\n${long}\n`,
];
const KEYS = ['k1', 'k10', 'k2', 'k02', 'k002', 'a_b', 'aB', 'AB', 'a.b', 'a-b', 'a', 'A', '1', '01', '10', '9', 'b1c', 'b01c', 'z-0', 'z.0', 'z_0', 'Z'];

function run(args: string[]) {
  const r = spawnSync('kubectl', args, { env: { ...process.env, TZ: 'UTC', LANG: 'C.UTF-8' }, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

const literals = [
  ...VALUES.map((v, i) => `--from-literal=v${String(i).padStart(3, '0')}=${v}`),
  ...KEYS.map((k) => `--from-literal=${k}=x`),
];
const cm = ['create', 'configmap', 'tricky', ...literals, '--dry-run=client'];
const dep = ['create', 'deployment', 'web', '--image=nginx:1.27', '--image=busybox:1.36', '--replicas=3', '--port=80', '--dry-run=client'];
const job = (o: string) => ['create', 'job', 'pi', '--image=perl:5.34', '--dry-run=client', '-o', o, '--', 'perl', '-Mbignum=bpi', '-wle', 'print bpi(20)'];
const svc = ['create', 'service', 'nodeport', 'web', '--tcp=80:8080', '--tcp=443:8443', '--dry-run=client'];

interface C {
  name: string;
  args: string[];
}
const CASES: C[] = [
  { name: 'configmap-tricky.json', args: [...cm, '-o', 'json'] },
  { name: 'configmap-tricky.yaml', args: [...cm, '-o', 'yaml'] },
  { name: 'deployment.json', args: [...dep, '-o', 'json'] },
  { name: 'deployment.yaml', args: [...dep, '-o', 'yaml'] },
  { name: 'job.json', args: job('json') },
  { name: 'job.yaml', args: job('yaml') },
  { name: 'configmap-del.yaml', args: ['create', 'configmap', 'del', '--from-literal=k=del\u007f', '--dry-run=client', '-o', 'yaml'] },
  { name: 'service.json', args: [...svc, '-o', 'json'] },
  { name: 'service.yaml', args: [...svc, '-o', 'yaml'] },
];
// jsonpath probes on the deployment
const JSONPATHS = [
  '{.spec}', '{.metadata.name}', '{.spec.replicas}', '{.spec.template.spec.containers[*].name}', '{.spec.template.spec.containers[0]}',
  '{.spec.template.spec.containers[-1].image}', '{.spec.template.spec.containers[0:1].name}', '{.spec.template.spec.containers[1:].name}',
  '{.spec.template.spec.containers[:1].image}', '{.spec.template.spec.containers[::2].name}', '{.spec.template.spec.containers[5].name}',
  '{range .spec.template.spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}', '{.foo}', '{.spec.foo.bar}', '{.metadata.labels}',
  '{.metadata.labels.app}', "{.metadata.labels['app']}", '{.metadata.labels.*}', '{..image}', '{..name}', '{$.kind}', '{.kind} {.apiVersion}',
  'kind is {.kind}', '{.spec.template.spec.containers[?(@.name=="nginx")].image}', '{.spec.template.spec.containers[?(@.name!="nginx")].image}',
  '{.spec.template.spec.containers[?(@.image)].name}', '{.spec.strategy}', '{.status}', '{.spec.selector.matchLabels}', '{.spec.template.spec.containers[*].ports[*].containerPort}',
  '{.spec.template.spec.containers[?(@.ports[0].containerPort==80)].name}', '{range .spec.template.spec.containers[*]}[{.name}]{end}', '{"literal"}', "{'single'}",
  '{.spec.replicas}{"\\n"}', '{@}', '{.metadata.creationTimestamp}', '{.spec.template.metadata}', '{.items[*].metadata.name}', '{.spec.template.spec.containers[*]}',
  '{.spec.template.spec.containers[0].name', '{.spec.template.spec.containers[x]}', '{range .spec.template.spec.containers[*]}{.name}', '{end}', '{.spec.replicas == 3}',
  '{.spec.template.spec.containers[?(@.name=="nginx")]}', '{.metadata.*}', '{.spec.template.spec.containers[*].resources}', '{.spec.paused}', '{.spec.replicas}{.spec.replicas}',
  '{.spec.template.spec.containers[?(@.name=~"ng.*")].image}', '{.spec.template.spec.containers[?(@.name<"c")].name}', '{.spec.template.spec.containers[1:0].name}',
  '{.spec.template.spec.containers[-3].name}', '{.spec.template.spec.containers[*].ports}', '{..ports[0].containerPort}', '{.metadata.labels.app}{"-"}{.kind}',
];
JSONPATHS.forEach((jp, i) => CASES.push({ name: `jsonpath-${String(i).padStart(2, '0')}`, args: [...dep, '-o', `jsonpath=${jp}`] }));
// jsonpath on the ConfigMap (values with special characters, maps printed as JSON)
['{.data.v061}', '{.data}', '{.data.v075}', '{.data.v080}'].forEach((jp, i) => CASES.push({ name: `jsonpath-cm-${i}`, args: [...cm, '-o', `jsonpath=${jp}`] }));
// custom columns and list jsonpath: through the fake apiserver serving the goldens' cluster
const CC = [
  'NAME:.metadata.name,REPLICAS:.spec.replicas',
  'NAME:.metadata.name,IMAGES:.spec.template.spec.containers[*].image',
  'NAME:.metadata.name,MISSING:.spec.nothing',
  'A:.spec.template.spec.containers[0].name,B:{.spec.template.spec.containers[0].image}',
  'LABELS:.metadata.labels,SEL:.spec.selector',
  'PORT:.spec.template.spec.containers[*].ports[*].containerPort',
  'X:.kind',
  'NAME:metadata.name',
  'NAME',
  'NAME:.metadata.name,STRATEGY:.spec.strategy',
  'NAME:.metadata.name,BAD:.spec[',
  'NAME:.metadata.name,COND:.status.conditions[?(@.type=="Available")].status',
  'EMPTY:.metadata.annotations.none,NAME:.metadata.name',
];
const SERVER_CASES: C[] = [];
CC.forEach((c, i) => SERVER_CASES.push({ name: `custom-columns-${String(i).padStart(2, '0')}`, args: ['get', 'deploy', 'web', '-o', `custom-columns=${c}`] }));
SERVER_CASES.push({ name: 'custom-columns-pods', args: ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,STATUS:.status.phase,IPS:.status.podIPs[*].ip,CONTAINERS:.spec.containers[*].name,RESTARTS:.status.containerStatuses[*].restartCount'] });
SERVER_CASES.push({ name: 'custom-columns-no-headers', args: ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName', '--no-headers'] });
SERVER_CASES.push({ name: 'custom-columns-all-namespaces', args: ['get', 'pods', '-A', '-o', 'custom-columns=NS:.metadata.namespace,NAME:.metadata.name'] });
SERVER_CASES.push({ name: 'custom-columns-nodes', args: ['get', 'nodes', '-o', 'custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu,TAINTS:.spec.taints[*].key,IP:.status.addresses[?(@.type=="InternalIP")].address'] });
SERVER_CASES.push({ name: 'custom-columns-file', args: ['get', 'pods', '-o', 'custom-columns-file=@FILE@'], file: 'NAME          NODE           IMAGE\n.metadata.name   .spec.nodeName   .spec.containers[0].image\n' } as C);
SERVER_CASES.push({ name: 'custom-columns-file-bad', args: ['get', 'pods', '-o', 'custom-columns-file=@FILE@'], file: 'NAME NODE\n.metadata.name\n' } as C);
SERVER_CASES.push({ name: 'jsonpath-list-items', args: ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'] });
SERVER_CASES.push({ name: 'jsonpath-list-range', args: ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}'] });
SERVER_CASES.push({ name: 'jsonpath-list-filter', args: ['get', 'pods', '-o', 'jsonpath={.items[?(@.status.phase=="Running")].metadata.name}'] });
SERVER_CASES.push({ name: 'jsonpath-list-nested', args: ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}:{range .status.conditions[*]}{.type}={.status},{end}{"\\n"}{end}'] });
SERVER_CASES.push({ name: 'jsonpath-list-missing', args: ['get', 'pods', '-o', 'jsonpath={.items[*].status.podIP}'] });
SERVER_CASES.push({ name: 'jsonpath-list-missing-range', args: ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.status.podIP}{"\\n"}{end}'] });
SERVER_CASES.push({ name: 'jsonpath-node-ip', args: ['get', 'nodes', '-o', 'jsonpath={.items[*].status.addresses[?(@.type=="InternalIP")].address}'] });
SERVER_CASES.push({ name: 'jsonpath-recursive', args: ['get', 'pods', 'nginx', '-o', 'jsonpath={..containerPort}'] });
SERVER_CASES.push({ name: 'jsonpath-as-json', args: ['get', 'pods', 'nginx', '-o', 'jsonpath-as-json={.spec.containers[*].name}'] });
SERVER_CASES.push({ name: 'jsonpath-single-missing', args: ['get', 'pod', 'nginx', '-o', 'jsonpath={.status.nothing}'] });
SERVER_CASES.push({ name: 'jsonpath-bool-int-float', args: ['get', 'pod', 'nginx', '-o', 'jsonpath={.status.containerStatuses[0].ready} {.status.containerStatuses[0].restartCount} {.spec.enableServiceLinks}'] });
SERVER_CASES.push({ name: 'name-list', args: ['get', 'pods,deploy,svc', '-o', 'name'] });
SERVER_CASES.push({ name: 'yaml-list', args: ['get', 'cm', '-o', 'yaml'] });
SERVER_CASES.push({ name: 'json-list-two-kinds', args: ['get', 'cm,sa', '-o', 'json'] });

const results: unknown[] = CASES.map((c) => ({ name: c.name, args: c.args, ...run(c.args) }));
async function serverCases() {
  const objs = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/goldens/cluster.json'), 'utf8')).items;
  const srv = await startFakeServer(objs, 18284);
  try {
    for (const c of SERVER_CASES as (C & { file?: string })[]) {
      let args = c.args;
      if (c.file !== undefined) {
        const f = path.join(os.tmpdir(), `cc-${process.pid}.txt`);
        fs.writeFileSync(f, c.file);
        args = args.map((a) => a.replace('@FILE@', f));
      }
      results.push({ name: c.name, args: c.args, file: c.file, server: true, ...srv.run(args) });
    }
  } finally {
    srv.stop();
  }
}
await serverCases();
const outDir = path.join(ROOT, 'tests/fixtures/printers');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'cases.json'), JSON.stringify({ capturedWith: run(['version', '--client']).stdout.trim(), cases: results }, null, 1) + '\n');
for (const r of results as { name: string; exitCode: number; stdout: string; stderr: string }[]) console.log(r.name, r.exitCode, JSON.stringify(r.stdout.slice(0, 80)), r.stderr ? JSON.stringify(r.stderr.slice(0, 200)) : '');
