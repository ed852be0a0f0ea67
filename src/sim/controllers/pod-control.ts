/** Helpers controllers share: owner references, pods from templates, claiming by selector. */
import type { Client, Obj, OwnerReference } from '../client/types';
import { controllerRef } from '../api/helpers/pod';
import { fromLabelSelectorObject, matchLabels } from '../api/selectors';

export function ownerRefTo(owner: Obj): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** GetPodFromTemplate: a pod for `owner` from its pod template. */
export function podFromTemplate(template: Obj, owner: Obj, generateName: string): Obj {
  const t = structuredClone(template);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace: owner.metadata.namespace,
      ...(t.metadata?.labels ? { labels: t.metadata.labels } : {}),
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [ownerRefTo(owner)],
      ...(t.metadata?.finalizers ? { finalizers: t.metadata.finalizers } : {}),
    },
    spec: t.spec,
  };
}

export function selectorMatches(owner: Obj, o: Obj): boolean {
  const sel = fromLabelSelectorObject(owner.spec?.selector);
  if (sel.length === 0) return false;
  return matchLabels(sel, o.metadata.labels);
}

/**
 * ClaimObjects (ControllerRefManager): objects owned by `owner`, plus orphans matching its selector
 * (adopted by adding a controller reference); owned objects that stopped matching are released.
 */
export function claim(client: Client, resource: string, owner: Obj, candidates: Obj[]): Obj[] {
  const out: Obj[] = [];
  const deleting = !!owner.metadata.deletionTimestamp;
  for (const o of candidates) {
    const ref = controllerRef(o);
    const matches = selectorMatches(owner, o);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches || deleting) {
        out.push(o);
        continue;
      }
      // release: the object no longer matches the selector
      try {
        client.patch(resource, o.metadata.namespace, o.metadata.name!, { metadata: { ownerReferences: [{ $patch: 'delete', uid: ref.uid }], uid: o.metadata.uid } }, 'strategic');
      } catch {
        // gone or changed; the next sync sees it again
      }
      continue;
    }
    if (!matches || deleting || o.metadata.deletionTimestamp) continue;
    try {
      const adopted = client.patch(resource, o.metadata.namespace, o.metadata.name!, { metadata: { ownerReferences: [ownerRefTo(owner)], uid: o.metadata.uid } }, 'strategic');
      out.push(adopted);
    } catch {
      // could not adopt (gone, or someone else did)
    }
  }
  return out;
}
