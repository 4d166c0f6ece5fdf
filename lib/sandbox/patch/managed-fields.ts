// managedFields for non-apply writes (operation Update): the writer owns what it added or changed,
// everybody else loses it, and removed fields leave every set.
import type { KObject, ManagedFieldsEntry } from '../types';
import type { FieldSet } from './field-set';
import { isJsonObject, type JsonObject } from './json-value';
import {
  decodeManagedFields,
  encodeManagedFields,
  formatManagedTime,
  managerId,
  resetFields,
  schemaOf,
  STRIPPED,
  tracked,
  withoutManagedFields,
  type ManagerState,
  type UpdateOptions,
} from './managers';
import { collectFieldSet, compareObjects } from './typed';

export { applyServerSide } from './server-side-apply';
export { formatManagedTime, type ApplyOptions, type UpdateOptions } from './managers';

/** The empty object a create is compared against: Go's zero value keeps spec/status (and a template) present. */
function createBaseline(obj: JsonObject): JsonObject {
  const base: JsonObject = {};
  for (const key of ['spec', 'status']) {
    const value = obj[key];
    if (!isJsonObject(value)) continue;
    const zero: JsonObject = {};
    if (Array.isArray(value.containers)) zero.containers = null;
    if (isJsonObject(value.template)) zero.template = { metadata: {}, spec: { containers: null } };
    if (isJsonObject(value.strategy)) zero.strategy = {};
    base[key] = zero;
  }
  return base;
}

function isResetRequest(entries: ManagedFieldsEntry[]): boolean {
  if (entries.length === 0) return true;
  return entries.length === 1 && Object.values(entries[0]).every((v) => v === undefined || v === '' || (isJsonObject(v) && Object.keys(v).length === 0));
}

/**
 * managedFields after a create, update or non-apply patch. A client may replace managedFields itself
 * (kubectl's client-side→server-side apply migration does); an empty list resets them.
 */
export function updateManagedFields(old: KObject | undefined, updated: KObject, opts: UpdateOptions): ManagedFieldsEntry[] {
  const schema = schemaOf(updated);
  const requested = updated.metadata.managedFields;
  let managers: Map<string, ManagerState>;
  if (!opts.subresource && Array.isArray(requested) && isResetRequest(requested)) managers = new Map();
  else if (!opts.subresource && Array.isArray(requested) && requested.length > 0) managers = decodeManagedFields(requested);
  else managers = decodeManagedFields(old?.metadata.managedFields);

  const after = withoutManagedFields(updated);
  const before = old ? withoutManagedFields(old) : createBaseline(after);
  const cmp = compareObjects(before, after, schema);
  const changed = cmp.added.union(cmp.modified);
  for (const m of managers.values()) m.set = m.set.difference(changed).difference(cmp.removed);

  const own = tracked(changed, resetFields(opts.subresource, before, after));
  if (!own.isEmpty()) {
    const state: ManagerState = { manager: opts.manager || 'unknown', operation: 'Update', apiVersion: opts.apiVersion, set: own };
    if (opts.subresource) state.subresource = opts.subresource;
    const id = managerId(state);
    const prev = managers.get(id);
    if (prev) state.set = prev.set.union(own);
    state.time = formatManagedTime(opts.now);
    managers.set(id, state);
  }
  return encodeManagedFields(managers);
}

/** The fields a whole object specifies, without the bookkeeping fields no manager ever owns. */
export function fieldSetFromObject(obj: KObject): FieldSet {
  return collectFieldSet(withoutManagedFields(obj), schemaOf(obj)).difference(STRIPPED);
}
