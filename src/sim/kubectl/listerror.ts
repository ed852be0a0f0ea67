/**
 * cli-runtime's resource.EnhanceListError: when a list with selectors fails with BadRequest or
 * NotFound, kubectl names the resource (a GroupVersionResource's String()) and the selectors
 * in front of the server's message.
 */
import { ApiError } from '../core/errors';
import type { ApiResource } from './discovery';

export interface ListSelectors {
  labelSelector?: string;
  fieldSelector?: string;
}

/** schema.GroupVersionResource.String(): `apps/v1, Resource=deployments`, `/v1, Resource=pods`. */
export function gvrString(r: ApiResource): string {
  return `${r.group}/${r.version}, Resource=${r.resource}`;
}

export function enhanceListError(e: unknown, r: ApiResource, q: ListSelectors): unknown {
  if (!(e instanceof ApiError) || (e.code !== 400 && e.code !== 404) || e.reason === 'Expired') return e;
  const ls = q.labelSelector ?? '';
  const fs = q.fieldSelector ?? '';
  const subject = JSON.stringify(gvrString(r));
  const message = !ls && !fs
    ? `Unable to list ${subject}: ${e.message}`
    : `Unable to find ${subject} that match label selector ${JSON.stringify(ls)}, field selector ${JSON.stringify(fs)}: ${e.message}`;
  return new ApiError(e.code, e.reason, message, e.details);
}

/** Run a list request, rethrowing its failure as kubectl reports it. */
export function listing<T>(r: ApiResource, q: ListSelectors, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw enhanceListError(e, r, q);
  }
}
