/**
 * -o yaml / json / name / jsonpath / custom-columns against the real kubectl v1.32:
 * the shared goldens (tests/fixtures/goldens) and tests/fixtures/printers/cases.json
 * (recorded by tests/tools/capture-printers.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Obj } from '../src/sim/client/types';
import { parseCustomColumnsFile, parseCustomColumnsSpec, printCustomColumns } from '../src/sim/kubectl/printers/custom-columns';
import { printJson } from '../src/sim/kubectl/printers/json';
import { kubectlErrorText, printJsonPath, PrinterError } from '../src/sim/kubectl/printers/jsonpath';
import { printNames } from '../src/sim/kubectl/printers/name';
import { printYaml } from '../src/sim/kubectl/printers/yaml';

const G = path.join(__dirname, 'fixtures/goldens');
const read = (f: string) => fs.readFileSync(path.join(G, f), 'utf8');
const asList = (items: unknown[]) => ({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });

describe('goldens: yaml, json, name, jsonpath, custom-columns', () => {
  const index = JSON.parse(read('index.json')) as { cases: { name: string; format: string; command: string; stdout: string }[] };
  for (const c of index.cases) {
    if (!['yaml', 'json', 'name', 'jsonpath', 'jsonpath-range', 'custom-columns'].includes(c.format)) continue;
    it(`${c.name}: ${c.command}`, () => {
      const items = (JSON.parse(read(`${c.name}.input.json`)) as { items: Obj[] }).items;
      const want = read(c.stdout);
      const pods = items.filter((o) => o.kind === 'Pod');
      const isList = c.name === 'pods-default';
      const subject = isList ? asList(pods) : items[0];
      const tmpl = /-o '(?:jsonpath|custom-columns)=(.*)'$/.exec(c.command)?.[1];
      let got: string;
      if (c.format === 'yaml') got = printYaml(subject);
      else if (c.format === 'json') got = printJson(subject);
      else if (c.format === 'name') got = printNames(isList ? pods : items[0]);
      else if (c.format === 'custom-columns') got = printCustomColumns(parseCustomColumnsSpec(tmpl!), pods).stdout;
      else got = printJsonPath(tmpl!, subject);
      expect(got).toBe(want);
    });
  }
});

interface PCase {
  name: string;
  args: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
  file?: string;
  server?: boolean;
}
const P = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/printers/cases.json'), 'utf8')) as { cases: PCase[] };
const pcase = (n: string) => P.cases.find((c) => c.name === n)!;
const typed = (n: string) => JSON.parse(pcase(n).stdout);

describe('yaml and json of objects built by kubectl create --dry-run=client', () => {
  for (const kind of ['configmap-tricky', 'deployment', 'job', 'service']) {
    it(`${kind}: -o yaml`, () => expect(printYaml(typed(`${kind}.json`))).toBe(pcase(`${kind}.yaml`).stdout));
    it(`${kind}: -o json keeps a typed object's field order`, () =>
      expect(printJson(typed(`${kind}.json`), { preserveOrder: true })).toBe(pcase(`${kind}.json`).stdout));
  }
  it('rejects DEL like go-yaml', () => {
    expect(pcase('configmap-del.yaml').stderr).toBe('error: yaml: control characters are not allowed\n');
    expect(() => printYaml({ data: { k: 'del\u007f' } })).toThrow('yaml: control characters are not allowed');
  });
});

/** Go map iteration makes `*` / `..` order random in kubectl: compare those as token multisets. */
const UNORDERED = new Set(['jsonpath-17', 'jsonpath-18', 'jsonpath-19', 'jsonpath-46', 'jsonpath-48']);
/** kubectl JSON-roundtrips typed objects (numbers become float64): `containerPort==80` fails there, works on server objects. */
const TYPED_NUMBERS = new Set(['jsonpath-30']);

describe('jsonpath on a typed object (kubectl create --dry-run=client)', () => {
  const dep = typed('deployment.json');
  const cm = typed('configmap-tricky.json');
  for (const c of P.cases.filter((x) => x.name.startsWith('jsonpath-') && !x.server)) {
    it(`${c.name}: ${c.args[c.args.length - 1]}`, () => {
      const tmpl = c.args[c.args.length - 1].replace(/^jsonpath=/, '');
      const obj = c.name.startsWith('jsonpath-cm') ? cm : dep;
      if (TYPED_NUMBERS.has(c.name)) {
        expect(c.exitCode).toBe(1);
        expect(printJsonPath(tmpl, obj)).toBe('nginx');
        return;
      }
      let out = '';
      let err = '';
      try {
        out = printJsonPath(tmpl, obj);
      } catch (e) {
        if (!(e instanceof PrinterError)) throw e;
        err = kubectlErrorText(e);
      }
      if (UNORDERED.has(c.name)) expect(out.split(' ').sort()).toEqual(c.stdout.split(' ').sort());
      else expect(out).toBe(c.stdout);
      expect(err).toBe(c.stderr);
    });
  }
});

describe('get -o custom-columns / jsonpath / name / yaml / json through a server', () => {
  const cluster = (JSON.parse(read('cluster.json')) as { items: Obj[] }).items;
  const byKey = (a: Obj, b: Obj) =>
    (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name!.localeCompare(b.metadata.name!);
  const select = (kind: string, allNs: boolean, name?: string) =>
    cluster
      .filter((o) => o.kind === kind && (allNs || !o.metadata.namespace || o.metadata.namespace === 'default') && (!name || o.metadata.name === name))
      .sort(byKey);
  const KIND: Record<string, string> = { pods: 'Pod', pod: 'Pod', deploy: 'Deployment', svc: 'Service', nodes: 'Node', cm: 'ConfigMap', sa: 'ServiceAccount' };

  for (const c of P.cases.filter((x) => x.server)) {
    it(`${c.name}: kubectl ${c.args.join(' ')}`, () => {
      const allNs = c.args.includes('-A');
      const kinds = c.args[1].split(',').map((k) => KIND[k]);
      const name = c.args[2] && !c.args[2].startsWith('-') ? c.args[2] : undefined;
      const objs = kinds.flatMap((k) => select(k, allNs, name));
      const oIdx = c.args.indexOf('-o');
      const format = c.args[oIdx + 1];
      const single = !!name;
      let out = '';
      let err = '';
      try {
        if (format.startsWith('custom-columns')) {
          const cols = format.startsWith('custom-columns-file=') ? parseCustomColumnsFile(c.file!) : parseCustomColumnsSpec(format.slice('custom-columns='.length));
          const r = printCustomColumns(cols, objs, { noHeaders: c.args.includes('--no-headers') });
          out = r.stdout;
          if (r.error) err = kubectlErrorText(r.error);
        } else if (format.startsWith('jsonpath-as-json=')) out = printJsonPath(format.slice(17), single ? objs[0] : asList(objs), { outputJson: true });
        else if (format.startsWith('jsonpath=')) out = printJsonPath(format.slice(9), single ? objs[0] : asList(objs));
        else if (format === 'name') out = printNames(objs);
        else if (format === 'yaml') out = printYaml(asList(objs));
        else if (format === 'json') out = printJson(asList(objs));
      } catch (e) {
        if (!(e instanceof PrinterError)) throw e;
        err = kubectlErrorText(e);
      }
      expect(out).toBe(c.stdout);
      expect(err).toBe(c.stderr);
    });
  }
});
