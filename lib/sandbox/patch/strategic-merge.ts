// Strategic merge patch as kube-apiserver applies it (apimachinery strategicpatch.StrategicMergeMapPatch
// with MergeParallelList and IgnoreUnmatchedNulls): lists with patch strategy "merge" are merged by
// their merge key, other lists are replaced, null deletes, and the $patch / $setElementOrder /
// $deleteFromPrimitiveList / $retainKeys directives are honoured.
import { ApiError } from '../errors';
import { describeJsonType, formatGoValue } from './go-format';
import { cloneJson, isJsonObject, type JsonObject } from './json-value';
import { childSchema, itemSchema, lookupSchema, type FieldSchema, type GroupVersionKind } from './schema';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER_PREFIX = '$setElementOrder/';
const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList/';

function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** Errors strategicpatch returns as plain Go errors: the API server answers 500 with the raw text. */
function plainError(message: string): ApiError {
  return new ApiError(500, '', message);
}

function noMergeKey(item: JsonObject, key: string): ApiError {
  return plainError(`map: ${formatGoValue(item)} does not contain declared merge key: ${key}`);
}

function listSchema(schema: FieldSchema | undefined): { mergeKey?: string; merge: boolean } {
  if (schema?.type !== 'list') return { merge: false };
  return { mergeKey: schema.patchMergeKey, merge: schema.patchMerge === true };
}

function keyOf(item: unknown, mergeKey: string | undefined): unknown {
  return mergeKey && isJsonObject(item) ? item[mergeKey] : item;
}

function indexIn(list: unknown[], item: unknown, mergeKey: string | undefined): number {
  const key = keyOf(item, mergeKey);
  return list.findIndex((candidate) => keyOf(candidate, mergeKey) === key);
}

function sortByOrder(items: unknown[], order: unknown[], mergeKey: string | undefined): unknown[] {
  return items
    .map((item, i) => ({ item, i, at: indexIn(order, item, mergeKey) }))
    .sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at : 0) || a.i - b.i)
    .map((entry) => entry.item);
}

/**
 * normalizeElementOrder + mergeSortedSlice: patch items keep the patch (or $setElementOrder) order,
 * server-only items keep the live order, and a server-only item goes first only when both are known
 * to the live list and it came first there — so brand-new items end up in front of the rest.
 */
function normalizeElementOrder(patchItems: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string | undefined): unknown[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey);
      const ri = indexIn(serverOrder, right[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function partition(merged: unknown[], by: unknown[], mergeKey: string | undefined): { inPatch: unknown[]; serverOnly: unknown[] } {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const item of merged) {
    if (mergeKey && isJsonObject(item) && !(mergeKey in item)) throw noMergeKey(item, mergeKey);
    (indexIn(by, item, mergeKey) >= 0 ? inPatch : serverOnly).push(item);
  }
  return { inPatch, serverOnly };
}

function dedupe(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

function mergeSlice(original: unknown[], patch: unknown[], schema: FieldSchema | undefined, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const { mergeKey } = listSchema(schema);
  const sample = [...original, ...patch][0];
  if (Array.isArray(sample)) throw plainError('lists of lists are not supported');
  if (!isJsonObject(sample)) {
    if (isDeleteList) return original.filter((v) => !patch.includes(v));
    const merged = dedupe([...original, ...patch]);
    const { inPatch, serverOnly } = partition(merged, patch, undefined);
    return normalizeElementOrder(inPatch, serverOnly, patch, original, undefined);
  }
  if (!mergeKey) throw plainError('cannot merge lists without merge key for type map');
  const items = itemSchema(schema);

  let base = [...original];
  const plain: JsonObject[] = [];
  let replace = false;
  for (const entry of patch) {
    if (!isJsonObject(entry)) throw plainError(`value for key ${formatGoValue(entry)} is not a map.`);
    if (!(DIRECTIVE in entry)) {
      plain.push(entry);
      continue;
    }
    const directive = entry[DIRECTIVE];
    if (directive === 'delete') {
      if (!(mergeKey in entry)) throw noMergeKey(entry, mergeKey);
      base = base.filter((item) => keyOf(item, mergeKey) !== entry[mergeKey]);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw plainError('merging lists cannot yet be specified in the patch');
    } else {
      throw plainError(`Unknown patch type: ${formatGoValue(directive)} in map: ${formatGoValue(entry)}`);
    }
  }
  if (replace) return plain.map((item) => materialize(item, items));

  for (const entry of plain) {
    if (!(mergeKey in entry)) throw noMergeKey(entry, mergeKey);
    const at = base.findIndex((item) => isJsonObject(item) && keyOf(item, mergeKey) === entry[mergeKey]);
    if (at >= 0) base[at] = mergeMap(base[at] as JsonObject, entry, items);
    else base.push(materialize(entry, items));
  }
  const { inPatch, serverOnly } = partition(base, plain, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, plain, original, mergeKey);
}

function mergeListField(original: unknown[], patch: unknown[], schema: FieldSchema | undefined, isDeleteList: boolean): unknown[] {
  if (listSchema(schema).merge) return mergeSlice(original, patch, schema, isDeleteList);
  if (isDeleteList) return original.filter((v) => !patch.includes(v));
  return patch.map((item) => materialize(item, itemSchema(schema)));
}

/** A patch value for a field the original lacks: applied to nothing, so directives are resolved, not stored. */
function materialize(value: unknown, schema: FieldSchema | undefined): unknown {
  if (isJsonObject(value)) return mergeMap(undefined, value, schema);
  if (Array.isArray(value)) return mergeListField([], value, schema, false);
  return cloneJson(value);
}

function validateSetElementOrder(patchList: unknown[], order: unknown[], mergeKey: string | undefined): void {
  const relevant = patchList.filter((item) => !(isJsonObject(item) && DIRECTIVE in item));
  let p = 0;
  for (let o = 0; o < order.length && p < relevant.length; o++) {
    if (mergeKey && isJsonObject(relevant[p]) && !(mergeKey in (relevant[p] as JsonObject))) throw noMergeKey(relevant[p] as JsonObject, mergeKey);
    if (keyOf(relevant[p], mergeKey) === keyOf(order[o], mergeKey)) p++;
  }
  if (p < relevant.length) {
    throw plainError(`The order in patch list:\n${formatGoValue(patchList)}\n doesn't match $setElementOrder list:\n${formatGoValue(order)}\n`);
  }
}

function applyRetainKeys(out: JsonObject, patch: JsonObject): void {
  const retain = patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw badRequest('invalid patch format of retainKeys');
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k === RETAIN_KEYS || k.startsWith(SET_ORDER_PREFIX) || k.startsWith(DELETE_PRIMITIVE_PREFIX)) continue;
    if (!retain.includes(k)) throw badRequest('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
}

function mergeMap(original: JsonObject | undefined, patch: JsonObject, schema: FieldSchema | undefined): JsonObject {
  if (DIRECTIVE in patch) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      const rest = { ...patch };
      delete rest[DIRECTIVE];
      return mergeMap(undefined, rest, schema);
    }
    if (directive === 'delete') return {};
    throw plainError(`Unknown patch type: ${formatGoValue(directive)} in map: ${formatGoValue(patch)}`);
  }
  const out: JsonObject = original ? { ...original } : {};
  if (RETAIN_KEYS in patch) applyRetainKeys(out, patch);

  const handled = new Set<string>();
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ORDER_PREFIX)) continue;
    const field = key.slice(SET_ORDER_PREFIX.length);
    if (!field) throw badRequest('invalid patch format of setElementOrder list');
    if (!Array.isArray(order)) throw plainError(`expected []interface{}, but got ${describeJsonType(order)}: ${formatGoValue(order)}`);
    const fieldSchema = childSchema(schema, field);
    const { mergeKey } = listSchema(fieldSchema);
    const originalList = Array.isArray(out[field]) ? (out[field] as unknown[]) : undefined;
    const patchList = Array.isArray(patch[field]) ? (patch[field] as unknown[]) : undefined;
    if (patchList) validateSetElementOrder(patchList, order, mergeKey);
    let merged: unknown[];
    if (originalList && patchList) merged = mergeListField(originalList, patchList, fieldSchema, false);
    else if (patchList) merged = mergeListField([], patchList, fieldSchema, false);
    else if (originalList) merged = originalList;
    else continue;
    const { inPatch, serverOnly } = partition(merged, order, mergeKey);
    out[field] = normalizeElementOrder(inPatch, serverOnly, order, originalList ?? [], mergeKey);
    handled.add(field);
  }

  for (const [rawKey, value] of Object.entries(patch)) {
    if (rawKey === RETAIN_KEYS || rawKey.startsWith(SET_ORDER_PREFIX) || handled.has(rawKey)) continue;
    if (rawKey.startsWith(DELETE_PRIMITIVE_PREFIX)) {
      const field = rawKey.slice(DELETE_PRIMITIVE_PREFIX.length);
      if (!field || !Array.isArray(value)) throw badRequest('invalid patch format of primitive list');
      const current = out[field];
      if (Array.isArray(current)) out[field] = mergeListField(current, value, childSchema(schema, field), true);
      continue;
    }
    if (value === null) {
      delete out[rawKey];
      continue;
    }
    const fieldSchema = childSchema(schema, rawKey);
    const current = out[rawKey];
    if (isJsonObject(current) && isJsonObject(value)) out[rawKey] = mergeMap(current, value, fieldSchema);
    else if (Array.isArray(current) && Array.isArray(value)) out[rawKey] = mergeListField(current, value, fieldSchema, false);
    else out[rawKey] = materialize(value, fieldSchema);
  }
  return out;
}

export function applyStrategicMergePatch<T>(doc: T, patch: unknown, gvk: Pick<GroupVersionKind, 'group' | 'kind'>): T {
  if (!isJsonObject(patch)) {
    throw badRequest(`json: cannot unmarshal ${describeJsonType(patch)} into Go value of type map[string]interface {}`);
  }
  const original = isJsonObject(doc) ? (cloneJson(doc) as JsonObject) : {};
  return mergeMap(original, cloneJson(patch), lookupSchema(gvk)) as T;
}
