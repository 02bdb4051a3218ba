import type { RequestPatch, ResetRequest } from '../reset/request';
import { PATCH_FIELDS } from './domain-values';

/**
 * The request after a compare-and-set: `undefined` in a patch keeps the stored value, `null`
 * clears it, and only patchable fields are copied (a stray `state` or `id` in a patch built from
 * a spread object is ignored, as the SQLite UPDATE ignores it).
 */
export function patchedRequest(request: ResetRequest, patch: RequestPatch): ResetRequest {
  const defined: RequestPatch = Object.fromEntries(PATCH_FIELDS.filter((field) => patch[field] !== undefined).map((field) => [field, patch[field]]));
  return { ...request, ...defined };
}
