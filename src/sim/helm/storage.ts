/**
 * Where releases live. Helm 3's default driver keeps each revision in a Secret in the release's
 * namespace: `sh.helm.release.v1.<name>.v<revision>`, type `helm.sh/release.v1`, labels
 * owner=helm, name, status, version, and `data.release` = base64(gzip(JSON of the release)).
 * When the simulated apiserver has no Secret kind, records are kept in memory behind the same
 * interface (they then vanish with the page).
 */
import { kindByResource } from '../api/kinds';
import type { LocalClient } from '../client/local';
import type { Obj } from '../client/types';
import { gzipStore } from './gzip';

export type ReleaseStatus = 'deployed' | 'superseded' | 'failed' | 'uninstalling' | 'uninstalled' | 'pending-install' | 'pending-upgrade';

export interface Release {
  name: string;
  namespace: string;
  version: number;
  info: {
    first_deployed: string;
    last_deployed: string;
    deleted: string;
    description: string;
    status: ReleaseStatus;
    notes?: string;
  };
  chart: { metadata: Record<string, unknown>; values: Record<string, unknown> };
  /** The user-supplied values (-f / --set). */
  config: Record<string, unknown>;
  manifest: string;
}

export interface ReleaseStore {
  /** Every revision of every release in `ns` (all namespaces when undefined). */
  all(ns: string | undefined): Release[];
  history(name: string, ns: string): Release[];
  create(r: Release): void;
  update(r: Release): void;
  delete(r: Release): void;
}

export function secretName(r: { name: string; version: number }): string {
  return `sh.helm.release.v1.${r.name}.v${r.version}`;
}

class MemoryStore implements ReleaseStore {
  private recs = new Map<string, Release>();
  private key(r: Release) {
    return `${r.namespace}/${secretName(r)}`;
  }
  all(ns: string | undefined) {
    return [...this.recs.values()].filter((r) => ns === undefined || r.namespace === ns).map(clone);
  }
  history(name: string, ns: string) {
    return this.all(ns).filter((r) => r.name === name).sort((a, b) => a.version - b.version);
  }
  create(r: Release) {
    this.recs.set(this.key(r), clone(r));
  }
  update(r: Release) {
    this.recs.set(this.key(r), clone(r));
  }
  delete(r: Release) {
    this.recs.delete(this.key(r));
  }
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}

function b64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function unb64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Encode as Helm does: JSON → gzip → base64 (the Secret's `data` adds the API's own base64). */
export function encodeRelease(r: Release): string {
  const inner = b64(gzipStore(new TextEncoder().encode(JSON.stringify(r))));
  return b64(new TextEncoder().encode(inner));
}

export function decodeRelease(data: string): Release {
  const inner = new TextDecoder().decode(unb64(data));
  const gz = unb64(inner);
  return JSON.parse(new TextDecoder().decode(gunzipStored(gz)));
}

/** Our gzip writer only emits stored blocks; read them back. */
function gunzipStored(gz: Uint8Array): Uint8Array {
  let p = 10;
  const parts: Uint8Array[] = [];
  for (;;) {
    const final = gz[p] & 1;
    const len = gz[p + 1] | (gz[p + 2] << 8);
    parts.push(gz.subarray(p + 5, p + 5 + len));
    p += 5 + len;
    if (final) break;
  }
  const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

class SecretStore implements ReleaseStore {
  constructor(private readonly client: LocalClient) {}

  private toSecret(r: Release): Obj {
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: secretName(r),
        namespace: r.namespace,
        labels: { name: r.name, owner: 'helm', status: r.info.status, version: String(r.version) },
      },
      type: 'helm.sh/release.v1',
      data: { release: encodeRelease(r) },
    } as Obj;
  }

  all(ns: string | undefined) {
    const list = this.client.list('secrets', ns, { labelSelector: 'owner=helm' });
    const out: Release[] = [];
    for (const s of list.items) {
      try {
        out.push(decodeRelease(s.data?.release ?? ''));
      } catch {
        /* not one of ours */
      }
    }
    return out;
  }
  history(name: string, ns: string) {
    const list = this.client.list('secrets', ns, { labelSelector: `owner=helm,name=${name}` });
    return list.items.map((s) => decodeRelease(s.data?.release ?? '')).sort((a, b) => a.version - b.version);
  }
  create(r: Release) {
    this.client.create('secrets', r.namespace, this.toSecret(r));
  }
  update(r: Release) {
    const cur = this.client.get('secrets', r.namespace, secretName(r));
    const next = this.toSecret(r);
    next.metadata.resourceVersion = cur.metadata.resourceVersion;
    this.client.update('secrets', r.namespace, next);
  }
  delete(r: Release) {
    this.client.delete('secrets', r.namespace, secretName(r));
  }
}

/** Secrets when the apiserver serves them, memory otherwise (checked on every use). */
export class AutoStore implements ReleaseStore {
  private mem = new MemoryStore();
  private secrets: SecretStore;
  constructor(client: LocalClient) {
    this.secrets = new SecretStore(client);
  }
  private get s(): ReleaseStore {
    return kindByResource('secrets') ? this.secrets : this.mem;
  }
  all(ns: string | undefined) {
    return this.s.all(ns);
  }
  history(name: string, ns: string) {
    return this.s.history(name, ns);
  }
  create(r: Release) {
    this.s.create(r);
  }
  update(r: Release) {
    this.s.update(r);
  }
  delete(r: Release) {
    this.s.delete(r);
  }
}
