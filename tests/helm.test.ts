/** helm in the sandbox: install → objects through the apiserver, releases, upgrade, uninstall, rendering. */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../src/sim/index';
import { parseTemplate } from '../src/sim/helm/template/parse';
import { Engine } from '../src/sim/helm/template/exec';
import { applySet, mergeValues } from '../src/sim/helm/values';
import { decodeRelease, encodeRelease, type Release } from '../src/sim/helm/storage';
import { kindByResource } from '../src/sim/api/kinds';

async function run(s: Simulation, line: string): Promise<{ out: string; code: number }> {
  let out = '';
  const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
  const code = await s.shell.run(line, io);
  s.advance(5000);
  return { out, code };
}

function render(src: string, values: Record<string, unknown>, name = 't.yaml'): string {
  const top = { Values: values, Release: { Name: 'rel', Namespace: 'ns', Service: 'Helm' }, Chart: { Name: 'c', Version: '1.0.0', AppVersion: '2.0' } };
  const e = new Engine(top);
  const p = parseTemplate(src, name);
  e.addDefines(p);
  return e.render(p, name);
}

describe('template engine', () => {
  it('values, release, chart, default, quote', () => {
    expect(render('{{ .Values.a }} {{ .Release.Name }} {{ .Chart.Name }} {{ .Values.x | default "d" }} {{ .Values.a | quote }}', { a: 3 })).toBe('3 rel c d "3"');
  });
  it('missing keys render empty; a field of nil is an error', () => {
    expect(render('[{{ .Values.nope }}]', {})).toBe('[]');
    expect(() => render('{{ .Values.a.b }}', {})).toThrow(/nil pointer evaluating interface \{\}\.b/);
  });
  it('trim markers, if/else if/else, range over lists and maps, with, variables', () => {
    const src = 'a:\n{{- if .Values.on }} on{{ else if .Values.alt }} alt{{ else }} off{{ end }}\n{{- range $i, $v := .Values.l }}\n- {{ $i }}={{ $v }}{{ end }}\n{{- range $k, $v := .Values.m }}\n{{ $k }}: {{ $v }}{{ end }}\n{{ with .Values.w }}{{ .x }}{{ end }}{{ $y := "Y" }}{{ $y }}';
    expect(render(src, { on: false, alt: true, l: ['p', 'q'], m: { b: 2, a: 1 }, w: { x: 'X' } })).toBe('a: alt\n- 0=p\n- 1=q\na: 1\nb: 2\nXY');
  });
  it('toYaml | nindent, include of a define, printf | trunc | trimSuffix', () => {
    const src = '{{- define "n" -}}{{ printf "%s-%s" .Release.Name "abcdef" | trunc 8 | trimSuffix "-" }}{{- end -}}\nname: {{ include "n" . }}\nres:\n  {{- toYaml .Values.r | nindent 2 }}';
    expect(render(src, { r: { limits: { memory: '128Mi', cpu: '100m' }, ports: [80, 443] } })).toBe('name: rel-abcd\nres:\n  limits:\n    cpu: 100m\n    memory: 128Mi\n  ports:\n  - 80\n  - 443');
  });
  it('comments and eq/and/or/not', () => {
    expect(render('{{/* note */}}{{ if and (eq .Values.a 1) (not .Values.b) }}yes{{ end }}{{ or .Values.b "z" }}', { a: 1, b: false })).toBe('yesz');
  });
});

describe('values', () => {
  it('--set: dotted keys, ints and bools, lists, indexes, escaped dots', () => {
    const v: Record<string, unknown> = {};
    applySet(v, 'a.b=1,c=true,d=x');
    applySet(v, 'l={p,q}');
    applySet(v, 'arr[1]=z');
    applySet(v, 'ann.kubernetes\\.io/x=y');
    expect(v).toEqual({ a: { b: 1 }, c: true, d: 'x', l: ['p', 'q'], arr: [null, 'z'], ann: { 'kubernetes.io/x': 'y' } });
  });
  it('merging: maps deep, lists replaced, null deletes', () => {
    expect(mergeValues({ a: { x: 1, y: 2 }, l: [1, 2], d: 1 }, { a: { y: 3 }, l: [9], d: null })).toEqual({ a: { x: 1, y: 3 }, l: [9] });
  });
});

describe('release records', () => {
  it('round-trip through Helm encoding (base64 of base64 of gzip of JSON)', () => {
    const r = { name: 'web', namespace: 'default', version: 1, info: { status: 'deployed' }, manifest: 'x'.repeat(70000) } as unknown as Release;
    const enc = encodeRelease(r);
    const gz = Buffer.from(Buffer.from(enc, 'base64').toString('utf8'), 'base64');
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    expect(decodeRelease(enc)).toEqual(r);
  });
});

describe('helm install web ./charts/web', () => {
  const s = createSimulation();
  it('creates the Deployment and Service through the apiserver, labelled as Helm-managed', async () => {
    const r = await run(s, 'helm install web ./charts/web');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^NAME: web\nLAST DEPLOYED: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\nNAMESPACE: default\nSTATUS: deployed\nREVISION: 1\nTEST SUITE: None\nNOTES:\n/);
    const d = await run(s, 'kubectl get deploy web -o jsonpath=\'{.metadata.labels.app\\.kubernetes\\.io/managed-by}/{.metadata.annotations.meta\\.helm\\.sh/release-name}/{.spec.replicas}\'');
    expect(d.out).toBe('Helm/web/2');
    const svc = await run(s, 'kubectl get svc web');
    expect(svc.code).toBe(0);
  });
  it('pods come up on the virtual clock', async () => {
    s.advance(20_000);
    const r = await run(s, 'kubectl get deploy');
    expect(r.out).toMatch(/^NAME\s+READY.*\nweb\s+2\/2\s+2\s+2\s/);
  });
  it('helm list shows the release like Helm 3', async () => {
    const r = await run(s, 'helm list');
    const lines = r.out.split('\n');
    expect(lines[0].split('\t').map((c) => c.trim())).toEqual(['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION']);
    expect(lines[1].split('\t').map((c) => c.trim())).toEqual(['web', 'default', '1', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/), 'deployed', 'web-0.1.0', '1.27']);
  });
  it('stores the release as a helm.sh/release.v1 record', async () => {
    if (!kindByResource('secrets')) return; // in memory until the apiserver serves Secrets
    const r = await run(s, 'kubectl get secret sh.helm.release.v1.web.v1 -o jsonpath={.type}/{.metadata.labels.owner}/{.metadata.labels.status}');
    expect(r.out).toBe('helm.sh/release.v1/helm/deployed');
  });
  it('refuses to reuse a name', async () => {
    const r = await run(s, 'helm install web ./charts/web');
    expect(r).toEqual({ out: 'Error: INSTALLATION FAILED: cannot re-use a name that is still in use\n', code: 1 });
  });
  it('upgrade with -f and --set makes revision 2 and supersedes revision 1', async () => {
    await run(s, "cat > values.yaml <<EOF\nreplicaCount: 3\nimage:\n  tag: \"1.28\"\nEOF");
    const r = await run(s, 'helm upgrade web ./charts/web -f values.yaml --set podLabels.tier=frontend');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('Release "web" has been upgraded. Happy Helming!\nNAME: web\n')).toBe(true);
    expect(r.out).toContain('REVISION: 2\n');
    const d = await run(s, 'kubectl get deploy web -o jsonpath={.spec.replicas}/{.spec.template.spec.containers[0].image}/{.spec.template.metadata.labels.tier}');
    expect(d.out).toBe('3/nginx:1.28/frontend');
    const h = await run(s, 'helm history web');
    const rows = h.out.trim().split('\n').map((l) => l.split('\t').map((c) => c.trim()));
    expect(rows.map((x) => [x[0], x[2], x[5]])).toEqual([
      ['REVISION', 'STATUS', 'DESCRIPTION'],
      ['1', 'superseded', 'Install complete'],
      ['2', 'deployed', 'Upgrade complete'],
    ]);
    const v = await run(s, 'helm get values web');
    expect(v.out).toBe('USER-SUPPLIED VALUES:\nimage:\n  tag: "1.28"\npodLabels:\n  tier: frontend\nreplicaCount: 3\n');
  });
  it('upgrade without new values reuses the last ones', async () => {
    await run(s, 'helm upgrade web ./charts/web');
    const d = await run(s, 'kubectl get deploy web -o jsonpath={.spec.replicas}');
    expect(d.out).toBe('3');
  });
  it('uninstall deletes the objects and the history', async () => {
    const r = await run(s, 'helm uninstall web');
    expect(r.out).toBe('release "web" uninstalled\n');
    expect((await run(s, 'kubectl get deploy')).out).toBe('No resources found in default namespace.\n');
    expect((await run(s, 'kubectl get svc web')).code).toBe(1);
    expect((await run(s, 'helm list')).out).toBe('NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION\n');
    expect((await run(s, 'helm status web')).out).toBe('Error: release: not found\n');
  });
});

describe('namespaces, repositories, the operator chart', () => {
  const s = createSimulation();
  it('a missing namespace fails; --create-namespace creates it', async () => {
    await run(s, 'helm repo add bitpoke https://helm-charts.bitpoke.io');
    const a = await run(s, 'helm install mysql bitpoke/mysql-operator -n infra');
    expect(a).toEqual({ out: 'Error: INSTALLATION FAILED: create: failed to create: namespaces "infra" not found\n', code: 1 });
    const b = await run(s, 'helm install mysql bitpoke/mysql-operator -n infra --create-namespace');
    expect(b.code).toBe(0);
    expect((await run(s, 'kubectl get ns infra')).code).toBe(0);
    expect((await run(s, 'helm list')).out.split('\n')[1]).toBe('');
    const all = await run(s, 'helm list -A');
    expect(all.out).toContain('mysql\tinfra    \t1       \t');
    s.advance(20_000);
    expect((await run(s, 'kubectl logs -n infra deploy/mysql-mysql-operator')).out).toContain('mysql-operator v0.6.3 (sandbox stand-in) starting');
  });
  it('repo list/update, unknown repos and unknown charts', async () => {
    expect((await run(s, 'helm repo list')).out).toBe('NAME   \tURL                           \nbitpoke\thttps://helm-charts.bitpoke.io\n');
    expect((await run(s, 'helm repo add bitpoke https://helm-charts.bitpoke.io')).out).toBe('"bitpoke" already exists with the same configuration, skipping\n');
    expect((await run(s, 'helm install x presslabs/mysql-operator')).out).toBe('Error: INSTALLATION FAILED: repo presslabs not found\n');
    expect((await run(s, 'helm install x ./charts/nope')).out).toBe('Error: INSTALLATION FAILED: path "./charts/nope" not found\n');
  });
  it('helm template prints sorted manifests with their sources and default release name', async () => {
    const r = await run(s, 'helm template ./charts/web --set replicaCount=5');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('---\n# Source: web/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: release-name-web\n')).toBe(true);
    expect(r.out).toContain('# Source: web/templates/deployment.yaml\n');
    expect(r.out).toContain('  replicas: 5\n');
    expect((await run(s, 'kubectl get deploy')).out).toBe('No resources found in default namespace.\n');
  });
  it('will not adopt objects it did not create', async () => {
    await run(s, 'kubectl create deployment web --image=nginx');
    const r = await run(s, 'helm install web ./charts/web');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Error: INSTALLATION FAILED: rendered manifests contain a resource that already exists. Unable to continue with install: Deployment "web" in namespace "default" exists and cannot be imported into the current release: invalid ownership metadata; label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"');
  });
  it('a chart written in the shell works too, and template errors are reported', async () => {
    await run(s, 'mkdir -p mychart/templates');
    await run(s, "cat > mychart/Chart.yaml <<EOF\napiVersion: v2\nname: mychart\nversion: 0.1.0\nEOF");
    await run(s, "cat > mychart/values.yaml <<EOF\nmsg: hi\nEOF");
    await run(s, "cat > mychart/templates/pod.yaml <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-pod\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: [\"sh\", \"-c\", \"echo {{ .Values.msg }}; sleep 3600\"]\nEOF");
    const r = await run(s, 'helm install demo ./mychart --set msg=hello');
    expect(r.code).toBe(0);
    expect((await run(s, 'kubectl get pod demo-pod -o jsonpath={.spec.containers[0].command[2]}')).out).toBe('echo hello; sleep 3600');
    await run(s, "cat > mychart/templates/bad.yaml <<'EOF'\nx: {{ .Values.a.b }}\nEOF");
    const bad = await run(s, 'helm template ./mychart');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('nil pointer evaluating interface {}.b');
  });
  it('kinds the apiserver does not serve fail like a missing CRD', async () => {
    await run(s, 'mkdir -p crd/templates');
    await run(s, "cat > crd/Chart.yaml <<EOF\napiVersion: v2\nname: crd\nversion: 0.1.0\nEOF");
    await run(s, "cat > crd/templates/c.yaml <<'EOF'\napiVersion: mysql.presslabs.org/v1alpha1\nkind: MysqlCluster\nmetadata:\n  name: db\nEOF");
    const r = await run(s, 'helm install db ./crd');
    expect(r.out).toBe('Error: INSTALLATION FAILED: unable to build kubernetes objects from release manifest: resource mapping not found for name: "db" namespace: "" from "": no matches for kind "MysqlCluster" in version "mysql.presslabs.org/v1alpha1"\nensure CRDs are installed first\n');
  });
});

describe('helm rollback', () => {
  const s = createSimulation();
  it('makes a new revision from an older one', async () => {
    await run(s, 'helm install web ./charts/web');
    await run(s, 'helm upgrade web ./charts/web --set replicaCount=4');
    const r = await run(s, 'helm rollback web 1');
    expect(r).toEqual({ out: 'Rollback was a success! Happy Helming!\n', code: 0 });
    expect((await run(s, 'kubectl get deploy web -o jsonpath={.spec.replicas}')).out).toBe('2');
    const h = await run(s, 'helm history web');
    expect(h.out.trim().split('\n').slice(1).map((l) => l.split('\t').map((c) => c.trim())).map((x) => [x[0], x[2], x[5]])).toEqual([
      ['1', 'superseded', 'Install complete'],
      ['2', 'superseded', 'Upgrade complete'],
      ['3', 'deployed', 'Rollback to 1'],
    ]);
  });
});

describe('the ingress-nginx chart', () => {
  const s = createSimulation();
  it('installs the controller with a fixed NodePort and the nginx IngressClass', async () => {
    expect((await run(s, 'helm repo add ingress-nginx https://kubernetes.github.io/ingress-nginx')).code).toBe(0);
    const r = await run(s, 'helm install ingress-nginx ingress-nginx/ingress-nginx -n ingress-nginx --create-namespace --set controller.service.type=NodePort --set controller.service.nodePorts.http=30080');
    expect(r.code).toBe(0);
    expect((await run(s, 'kubectl get svc ingress-nginx-controller -n ingress-nginx -o jsonpath={.spec.type}/{.spec.ports[0].nodePort}')).out).toBe('NodePort/30080');
    expect((await run(s, 'kubectl get ingressclass nginx -o jsonpath={.spec.controller}')).out).toBe('k8s.io/ingress-nginx');
    expect((await run(s, "kubectl get deploy ingress-nginx-controller -n ingress-nginx -o jsonpath='{.spec.template.metadata.labels.app\\.kubernetes\\.io/component}'")).out).toBe('controller');
  });
});
