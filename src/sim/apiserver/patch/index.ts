/** Choose the patch algorithm from the request's Content-Type (415 for anything else). */
import { ApiError } from '../../core/errors';
import type { Obj } from '../../client/types';
import type { KindInfo } from '../../api/kinds';
import { mergePatch } from '../../api/patch/merge';
import { jsonPatch } from '../../api/patch/json';
import { strategicMergePatch } from '../../api/patch/strategic';

export function applyPatch(current: Obj, body: unknown, contentType: string, ki: KindInfo): Obj {
  const ct = contentType.split(';')[0].trim();
  const patch = typeof body === 'string' && ct !== 'application/apply-patch+yaml' ? parseJson(body) : body;
  switch (ct) {
    case 'application/merge-patch+json':
      return mergePatch(current, patch) as Obj;
    case 'application/json-patch+json':
      return jsonPatch(current, patch) as Obj;
    case 'application/strategic-merge-patch+json':
      return strategicMergePatch(current, patch) as Obj;
    case 'application/apply-patch+yaml': {
      const applied = typeof patch === 'string' ? parseJson(patch) : patch;
      return mergePatch(current, applied) as Obj;
    }
    default:
      throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${ki.group === '' || ki.group === 'apps' ? ', application/strategic-merge-patch+json' : ''}`);
  }
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch (e) {
    throw new ApiError(400, 'BadRequest', `error decoding patch: ${(e as Error).message}`);
  }
}
