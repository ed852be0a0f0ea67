/** GET responses: plain objects and lists, or Tables when the client asks for `as=Table`. */
import type { KindInfo } from '../api/kinds';
import { apiVersionOf } from '../api/kinds';
import type { Obj } from '../client/types';
import { toTable, type Table } from '../api/table';
import { thaw } from './decoded';
import type { ApiServer } from './server';
import type { ApiRequest, ApiResponse } from './types';

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept);
}

/**
 * A Table built from shared (frozen) objects, made the client's own where it matters: whole objects
 * (includeObject=Object) are copied. Cells are fresh values, and a row's PartialObjectMetadata is a
 * fresh object whose nested values (labels, ownerReferences, …) stay shared and frozen: copying
 * them for every row would cost more than building the rest of the table.
 */
export function ownRows(t: Table): Table {
  for (const r of t.rows) if (r.object && (r.object as { kind?: string }).kind !== 'PartialObjectMetadata') r.object = thaw(r.object);
  return t;
}

/** items: the single object (the caller's own), or the listed objects as shared by the decoded-object cache. */
export function respondRead(api: ApiServer, req: ApiRequest, ki: KindInfo, items: Obj[], single: boolean): ApiResponse {
  const q = req.query ?? {};
  const rv = single ? items[0].metadata.resourceVersion : String(api.storage.revision);
  if (wantsTable(req.accept)) {
    const includeObject = (q.includeObject as 'None' | 'Metadata' | 'Object' | undefined) ?? 'Metadata';
    return { code: 200, body: ownRows(toTable(ki.kind, items, api.clock.now(), { includeObject, resourceVersion: rv })) };
  }
  if (single) return { code: 200, body: items[0] };
  return { code: 200, body: { kind: `${ki.kind}List`, apiVersion: apiVersionOf(ki), metadata: { resourceVersion: rv }, items: req.readOnly ? items : items.map(thaw) } };
}
