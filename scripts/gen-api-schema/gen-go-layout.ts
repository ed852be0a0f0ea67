/**
 * Dev-only generator of src/sim/api/schema/go-layout.json: the in-memory Go layout of
 * k8s.io/api core/v1.PodTemplateSpec and every type it reaches — each struct's fields in
 * declaration order with their Go names (exported or not, embedded ones named after their type)
 * and Go types as reflect's Type.String() prints them, plus the underlying type of each named
 * non-struct type. This is what spew prints when the controllers hash a pod template
 * (controller.ComputeHash → hashutil.DeepHashObject); see src/sim/core/spew.ts.
 *
 *   npx tsx scripts/gen-api-schema/gen-go-layout.ts \
 *     --api /work/.mirror/kubernetes+api/repo --api-ref v0.32.4 \
 *     --apimachinery /work/.mirror/kubernetes+apimachinery/repo --apimachinery-ref v0.32.4
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { structTagGet } from './doc';
import { parseGoFile, type GoFile, type TypeExpr } from './go-parser';
import { openSource, type Source } from './source';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** Field: [Go name, Go type as printed, JSON key (null: never in JSON / custom-marshalled)]. */
type Field = [string, string, string | null];
type Layout = { f: Field[] } | { u: string };

/**
 * Go standard-library / third-party structs reached through resource.Quantity and metav1.Time
 * (from Go's time.Time, gopkg.in/inf.v0 Dec and math/big Int on 64-bit platforms).
 */
const EXTERNAL: Record<string, Layout> = {
  'time.Time': { f: [['wall', 'uint64', null], ['ext', 'int64', null], ['loc', '*time.Location', null]] },
  'time.Location': { f: [] },
  'inf.Dec': { f: [['unscaled', 'big.Int', null], ['scale', 'inf.Scale', null]] },
  'inf.Scale': { u: 'int32' },
  'big.Int': { f: [['neg', 'bool', null], ['abs', 'big.nat', null]] },
  'big.nat': { u: '[]big.Word' },
  'big.Word': { u: 'uint' },
};
const EXTERNAL_PKGS: Record<string, string> = { time: 'time', 'gopkg.in/inf.v0': 'inf', 'math/big': 'big' };

/** Types whose JSON form is custom (their Go fields never appear in JSON). */
const CUSTOM_JSON = new Set(['v1.Time', 'v1.MicroTime', 'resource.Quantity', 'intstr.IntOrString', 'v1.FieldsV1', 'runtime.RawExtension']);

interface Pkg {
  path: string;
  name: string;
  types: Map<string, { type: TypeExpr; file: GoFile }>;
}
const pkgs = new Map<string, Pkg>();

function load(src: Source, dir: string, files?: string[]): void {
  const path = `${src.module}/${dir}`;
  const names = files ?? src.list(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !f.startsWith('zz_generated') && !f.endsWith('.pb.go'));
  const pkg: Pkg = { path, name: '', types: new Map() };
  for (const f of names) {
    const gf = parseGoFile(`${path}/${f}`, src.read(`${dir}/${f}`));
    pkg.name = gf.pkgName;
    for (const t of gf.types) pkg.types.set(t.name, { type: t.type, file: gf });
  }
  pkgs.set(path, pkg);
}

const pkgName = (path: string): string => pkgs.get(path)?.name ?? EXTERNAL_PKGS[path] ?? path.split('/').pop()!;
const GO_BUILTINS = new Set(['string', 'bool', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'byte', 'float32', 'float64', 'uintptr']);

const out = new Map<string, Layout>();
const printedFrom = new Map<string, string>(); // printed name → package path (two packages named v1)
const queue: Array<[string, string]> = [];

/** reflect's String() of a type expression, queueing the named types it mentions. */
function typeString(te: TypeExpr, file: GoFile, pkgPath: string): string {
  switch (te.k) {
    case 'ptr':
      return `*${typeString(te.elem, file, pkgPath)}`;
    case 'slice':
      return `[]${typeString(te.elem, file, pkgPath)}`;
    case 'map':
      return `map[${typeString(te.key, file, pkgPath)}]${typeString(te.elem, file, pkgPath)}`;
    case 'ident': {
      if (!te.pkg && GO_BUILTINS.has(te.name)) return te.name === 'byte' ? 'uint8' : te.name;
      const path = te.pkg ? file.imports.get(te.pkg)! : pkgPath;
      const printed = `${pkgName(path)}.${te.name}`;
      queue.push([path, te.name]);
      return printed;
    }
    default:
      throw new Error(`unsupported type ${te.k} in ${file.path}`);
  }
}

function emit(path: string, name: string): void {
  const printed = `${pkgName(path)}.${name}`;
  if (printedFrom.has(printed) && printedFrom.get(printed) !== path) throw new Error(`${printed}: both ${printedFrom.get(printed)} and ${path}`);
  printedFrom.set(printed, path);
  if (out.has(printed)) return;
  if (EXTERNAL[printed]) {
    out.set(printed, EXTERNAL[printed]);
    for (const m of JSON.stringify(EXTERNAL[printed]).matchAll(/(time|inf|big)\.[A-Za-z]+/g)) {
      const [p, n] = m[0].split('.');
      queue.push([Object.keys(EXTERNAL_PKGS).find((k) => EXTERNAL_PKGS[k] === p)!, n]);
    }
    return;
  }
  const d = pkgs.get(path)?.types.get(name);
  if (!d) throw new Error(`unknown type ${path}.${name}`);
  if (d.type.k !== 'struct') {
    out.set(printed, { u: typeString(d.type, d.file, path) });
    return;
  }
  const fields: Field[] = [];
  out.set(printed, { f: fields });
  for (const f of d.type.fields) {
    const embeddedName = (t: TypeExpr): string => (t.k === 'ptr' ? embeddedName(t.elem) : t.k === 'ident' ? t.name : '?');
    const goNames = f.names.length ? f.names : [embeddedName(f.type)];
    const ts = typeString(f.type, d.file, path);
    for (const g of goNames) {
      const tag = structTagGet(f.tag, 'json');
      const exported = /^[A-Z]/.test(g);
      let json: string | null = tag === undefined ? (f.names.length ? g : '') : tag.split(',')[0];
      if (tag !== undefined && json === '' && f.names.length) json = g;
      if (!exported || json === '-' || CUSTOM_JSON.has(printed)) json = null;
      fields.push([g, ts, json]);
    }
  }
}

function main(): void {
  const api = openSource('k8s.io/api', 'github.com/kubernetes/api', arg('api') ?? '/work/.mirror/kubernetes+api/repo', arg('api-ref') ?? 'v0.32.4');
  const am = openSource('k8s.io/apimachinery', 'github.com/kubernetes/apimachinery', arg('apimachinery') ?? '/work/.mirror/kubernetes+apimachinery/repo', arg('apimachinery-ref') ?? 'v0.32.4');
  load(api, 'core/v1', ['types.go']);
  load(am, 'pkg/apis/meta/v1', ['types.go', 'time.go', 'micro_time.go', 'duration.go']);
  load(am, 'pkg/types', ['uid.go']);
  load(am, 'pkg/api/resource', ['quantity.go', 'amount.go', 'suffix.go']);
  load(am, 'pkg/util/intstr', ['intstr.go']);
  load(am, 'pkg/runtime', ['types.go']);
  queue.push(['k8s.io/api/core/v1', 'PodTemplateSpec']);
  while (queue.length) emit(...queue.shift()!);
  const types = Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
  const text = `{"source":${JSON.stringify({ generator: 'scripts/gen-api-schema/gen-go-layout.ts', 'k8s.io/api': api.info, 'k8s.io/apimachinery': am.info })},\n"root":"v1.PodTemplateSpec",\n"types":{\n${Object.entries(types)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join(',\n')}\n}}\n`;
  const file = resolve(arg('out') ?? 'src/sim/api/schema/go-layout.json');
  writeFileSync(file, text);
  console.log(`${file}: ${out.size} types, ${text.length} bytes`);
}

main();
