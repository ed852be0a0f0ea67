/**
 * Helm's kube client, over the apiserver like kubectl: build objects (each kind must be served —
 * "ensure CRDs are installed first"), label them as Helm's, create them in install order, update
 * or delete them on upgrade, delete them in reverse order on uninstall.
 */
import { kindByGVK, type KindInfo } from '../api/kinds';
import type { LocalClient } from '../client/local';
import type { Obj } from '../client/types';
import { ApiError } from '../core/errors';
import { INSTALL_ORDER } from './render';

export class KubeError extends Error {}

export interface Built {
  ki: KindInfo;
  ns: string | undefined;
  obj: Obj;
}

export function buildObjects(objs: Record<string, any>[], releaseNs: string): Built[] {
  return objs.map((o) => {
    const ki = kindByGVK(String(o.apiVersion ?? ''), String(o.kind ?? ''));
    const name = o.metadata?.name ?? '';
    if (!ki) {
      throw new KubeError(
        `unable to build kubernetes objects from release manifest: resource mapping not found for name: "${name}" namespace: "${o.metadata?.namespace ?? ''}" from "": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`,
      );
    }
    const ns = ki.namespaced ? (o.metadata?.namespace ?? releaseNs) : undefined;
    return { ki, ns, obj: o as Obj };
  });
}

/** Helm 3 marks what it owns (setMetadataVisitor). */
export function markOwned(b: Built, release: string, releaseNs: string): void {
  const md = (b.obj.metadata ??= {} as Obj['metadata']);
  md.labels = { ...(md.labels ?? {}), 'app.kubernetes.io/managed-by': 'Helm' };
  md.annotations = { ...(md.annotations ?? {}), 'meta.helm.sh/release-name': release, 'meta.helm.sh/release-namespace': releaseNs };
  if (b.ns) md.namespace = b.ns;
}

function tryGet(client: LocalClient, b: Built): Obj | undefined {
  try {
    return client.get(b.ki.resource, b.ns, b.obj.metadata.name!);
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) return undefined;
    throw e;
  }
}

/** Refuse to take over objects another tool (or another release) created. */
export function checkOwnership(client: LocalClient, objs: Built[], release: string, releaseNs: string): void {
  for (const b of objs) {
    const live = tryGet(client, b);
    if (!live) continue;
    const errs: string[] = [];
    const l = live.metadata.labels ?? {};
    const a = live.metadata.annotations ?? {};
    if (l['app.kubernetes.io/managed-by'] !== 'Helm') errs.push(`label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"`);
    if (a['meta.helm.sh/release-name'] !== release)
      errs.push(a['meta.helm.sh/release-name'] === undefined ? `annotation validation error: missing key "meta.helm.sh/release-name": must be set to "${release}"` : `annotation validation error: key "meta.helm.sh/release-name" must equal "${release}": current value is "${a['meta.helm.sh/release-name']}"`);
    if (a['meta.helm.sh/release-namespace'] !== releaseNs)
      errs.push(a['meta.helm.sh/release-namespace'] === undefined ? `annotation validation error: missing key "meta.helm.sh/release-namespace": must be set to "${releaseNs}"` : `annotation validation error: key "meta.helm.sh/release-namespace" must equal "${releaseNs}": current value is "${a['meta.helm.sh/release-namespace']}"`);
    if (errs.length) {
      const where = b.ns ? ` in namespace "${b.ns}"` : '';
      throw new KubeError(
        `rendered manifests contain a resource that already exists. Unable to continue with install: ${b.obj.kind} "${b.obj.metadata.name}"${where} exists and cannot be imported into the current release: invalid ownership metadata; ${errs.join('; ')}`,
      );
    }
  }
}

export function createAll(client: LocalClient, objs: Built[]): void {
  for (const b of objs) client.create(b.ki.resource, b.ns, b.obj);
}

const key = (b: Built) => `${b.ki.group}/${b.ki.kind}/${b.ns ?? ''}/${b.obj.metadata.name}`;

/** Upgrade: create new objects, patch kept ones with the new manifest, delete dropped ones. */
export function updateAll(client: LocalClient, oldObjs: Built[], newObjs: Built[]): void {
  const newKeys = new Set(newObjs.map(key));
  for (const b of newObjs) {
    const live = tryGet(client, b);
    if (!live) client.create(b.ki.resource, b.ns, b.obj);
    else client.patch(b.ki.resource, b.ns, b.obj.metadata.name!, b.obj, b.ki.group === '' && b.ki.kind === 'Service' ? 'merge' : 'strategic');
  }
  for (const b of [...oldObjs].reverse()) if (!newKeys.has(key(b))) deleteOne(client, b);
}

function deleteOne(client: LocalClient, b: Built): boolean {
  try {
    client.delete(b.ki.resource, b.ns, b.obj.metadata.name!, { propagationPolicy: 'Background' });
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) return false;
    throw e;
  }
}

/** Uninstall order: the reverse of the install order. */
export function deleteAll(client: LocalClient, objs: Built[]): Built[] {
  const order = (k: string | undefined) => {
    const i = INSTALL_ORDER.indexOf(k ?? "");
    return i < 0 ? -1 : INSTALL_ORDER.length - i;
  };
  const sorted = objs.map((b, i) => ({ b, i })).sort((x, y) => order(x.b.obj.kind) - order(y.b.obj.kind) || y.i - x.i);
  return sorted.map((x) => x.b).filter((b) => deleteOne(client, b));
}
