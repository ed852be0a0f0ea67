/** GET responses: plain objects and lists, or Tables when the client asks for `as=Table`. */
import type { KindInfo } from '../api/kinds';
import { apiVersionOf } from '../api/kinds';
import type { Obj } from '../client/types';
import { toTable } from '../api/table';
import type { ApiServer } from './server';
import type { ApiRequest, ApiResponse } from './types';

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept);
}

export function respondRead(api: ApiServer, req: ApiRequest, ki: KindInfo, items: Obj[], single: boolean): ApiResponse {
  const q = req.query ?? {};
  const rv = single ? items[0].metadata.resourceVersion : String(api.storage.revision);
  if (wantsTable(req.accept)) {
    const includeObject = (q.includeObject as 'None' | 'Metadata' | 'Object' | undefined) ?? 'Metadata';
    return { code: 200, body: toTable(ki.kind, items, api.clock.now(), { includeObject, resourceVersion: rv }) };
  }
  if (single) return { code: 200, body: items[0] };
  return { code: 200, body: { kind: `${ki.kind}List`, apiVersion: apiVersionOf(ki), metadata: { resourceVersion: rv }, items } };
}
