/**
 * Dev-only generator of src/sim/apiserver/protobuf/fields.json: the protobuf field numbers of the
 * built-in kinds (k8s.io/api + k8s.io/apimachinery generated.proto at v0.32.4), as data for the
 * small wire decoder in src/sim/apiserver/protobuf/. See README.md.
 *
 *   npx tsx scripts/gen-api-proto/gen.ts --api <repo> --api-ref v0.32.4 --apimachinery <repo> --apimachinery-ref v0.32.4
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const API_PACKAGES = [
  'core/v1', 'apps/v1', 'batch/v1', 'networking/v1', 'rbac/v1', 'storage/v1', 'coordination/v1', 'policy/v1',
  'autoscaling/v1', 'autoscaling/v2', 'scheduling/v1', 'events/v1', 'discovery/v1', 'authorization/v1', 'authentication/v1',
];
const MACHINERY = ['pkg/apis/meta/v1', 'pkg/runtime', 'pkg/runtime/schema', 'pkg/util/intstr', 'pkg/api/resource'];

const args = process.argv.slice(2);
const opt = (n: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : undefined;
};

function read(repo: string, ref: string | undefined, path: string): string {
  if (ref) return execFileSync('git', ['--git-dir', repo, 'show', `${ref}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return readFileSync(join(repo, path), 'utf8');
}

/** proto package k8s.io.api.apps.v1 → the schema's type-name prefix io.k8s.api.apps.v1 */
const typePrefix = (pkg: string) => pkg.replace(/^k8s\.io\./, 'io.k8s.');
const SCALARS = new Set(['string', 'bytes', 'int32', 'int64', 'bool', 'double', 'float', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64']);

/** [number, name, type, 0 optional | 1 repeated | 2 map<string, type>] */
type Field = [number, string, string, 0 | 1 | 2];
const out: Record<string, Field[]> = {};

function resolve(t: string, pkg: string): string {
  if (SCALARS.has(t)) return t;
  if (t.startsWith('.')) {
    const full = t.slice(1);
    const i = full.lastIndexOf('.');
    return `${typePrefix(full.slice(0, i))}.${full.slice(i + 1)}`;
  }
  return `${typePrefix(pkg)}.${t}`;
}

function parse(text: string): void {
  const pkg = /^package ([\w.]+);/m.exec(text)![1];
  let msg: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^message (\w+) \{/.exec(line);
    if (m) {
      msg = `${typePrefix(pkg)}.${m[1]}`;
      out[msg] = [];
      continue;
    }
    if (line.startsWith('}')) {
      msg = undefined;
      continue;
    }
    if (!msg) continue;
    const f = /^\s*(optional|repeated)\s+(\S+)\s+(\w+)\s*=\s*(\d+)/.exec(line);
    if (f) {
      out[msg].push([Number(f[4]), f[3], resolve(f[2], pkg), f[1] === 'repeated' ? 1 : 0]);
      continue;
    }
    const mp = /^\s*map<string,\s*(\S+)>\s+(\w+)\s*=\s*(\d+)/.exec(line);
    if (mp) out[msg].push([Number(mp[3]), mp[2], resolve(mp[1], pkg), 2]);
  }
}

const api = opt('api')!;
const am = opt('apimachinery')!;
for (const p of API_PACKAGES) parse(read(api, opt('api-ref'), `${p}/generated.proto`));
for (const p of MACHINERY) parse(read(am, opt('apimachinery-ref'), `${p}/generated.proto`));
const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k].sort((a, b) => a[0] - b[0])]));
const text = '{\n' + Object.entries(sorted).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n') + '\n}\n';
const dest = opt('out') ?? 'src/sim/apiserver/protobuf/fields.json';
writeFileSync(dest, text);
console.log(`${dest}: ${Object.keys(sorted).length} messages, ${text.length} bytes`);
