/** Parse REST paths: /api/v1/namespaces/ns/pods/name/status, /apis/apps/v1/deployments … */
import { KINDS, type KindInfo } from '../api/kinds';

export interface ResourcePath {
  ki: KindInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export type ParsedPath =
  | { type: 'resource'; target: ResourcePath }
  | { type: 'unknown-resource'; group: string; version: string; resource: string }
  | { type: 'other' };

/** group/version/resource → kind, built on first use (KINDS is static). */
let byGVR: Map<string, KindInfo> | undefined;
function kindAt(group: string, version: string, resource: string): KindInfo | undefined {
  if (!byGVR) {
    byGVR = new Map();
    // the first entry wins, as KINDS.find did
    for (const k of KINDS) if (!byGVR.has(`${k.group}/${k.version}/${k.resource}`)) byGVR.set(`${k.group}/${k.version}/${k.resource}`, k);
  }
  return byGVR.get(`${group}/${version}/${resource}`);
}

export function parsePath(path: string): ParsedPath {
  const segs = path.split('/').filter(Boolean).map((s) => (s.includes('%') ? decodeURIComponent(s) : s));
  let group = '';
  let version = '';
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 2) {
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else return { type: 'other' };
  if (rest.length === 0) return { type: 'other' };
  const find = (resource: string) => kindAt(group, version, resource);
  // /namespaces/{ns}/{resource}[/{name}[/{sub}]]
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const ki = find(rest[2]);
    if (ki && ki.namespaced) return { type: 'resource', target: { ki, namespace: rest[1], name: rest[3], subresource: rest[4] } };
    if (rest.length === 3 && group === '' && (rest[2] === 'status' || rest[2] === 'finalize')) {
      return { type: 'resource', target: { ki: find('namespaces')!, name: rest[1], subresource: rest[2] } };
    }
    return { type: 'unknown-resource', group, version, resource: rest[2] };
  }
  const ki = find(rest[0]);
  if (!ki) return { type: 'unknown-resource', group, version, resource: rest[0] };
  return { type: 'resource', target: { ki, name: rest[1], subresource: rest[2] } };
}

export function collectionPath(ki: KindInfo, ns?: string): string {
  const base = ki.group ? `/apis/${ki.group}/${ki.version}` : `/api/${ki.version}`;
  return ki.namespaced && ns ? `${base}/namespaces/${ns}/${ki.resource}` : `${base}/${ki.resource}`;
}

export function itemPath(ki: KindInfo, ns: string | undefined, name: string, sub?: string): string {
  return `${collectionPath(ki, ns)}/${encodeURIComponent(name)}${sub ? `/${sub}` : ''}`;
}
