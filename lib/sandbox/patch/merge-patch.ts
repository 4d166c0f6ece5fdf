// RFC 7386 JSON Merge Patch (as gopkg.in/evanphx/json-patch.v4 MergePatch): objects merge recursively,
// null deletes, everything else (arrays included) replaces.
import { ApiError } from '../errors';
import { cloneJson, isJsonObject, type JsonObject } from './json-value';

function mergeValue(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = mergeValue(result[key], value);
    }
  }
  return result;
}

export function applyMergePatch<T>(doc: T, patch: unknown): T {
  if (patch === null) return cloneJson(doc);
  // The API server's merge-patch handler only accepts an object body (jsonpatch.ErrBadJSONPatch → 400).
  if (!isJsonObject(patch)) throw new ApiError(400, 'BadRequest', 'Invalid JSON Patch');
  return mergeValue(cloneJson(doc), patch) as T;
}
