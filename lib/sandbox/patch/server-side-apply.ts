// Server-side apply (structured-merge-diff merge.Updater.Apply plus apimachinery's apply managers):
// merge by schema, removal of fields the applier stopped applying, conflicts and forced takeover.
import { ApiError } from '../errors';
import type { StatusCause } from '../kinds/types';
import type { KObject } from '../types';
import { FieldSet, formatFieldPath, type FieldPath } from './field-set';
import { isJsonObject, jsonEqual, stringifySorted, type JsonObject } from './json-value';
import {
  decodeManagedFields,
  encodeManagedFields,
  formatManagedTime,
  managerId,
  resetFields,
  schemaOf,
  tracked,
  withoutManagedFields,
  type ApplyOptions,
  type ManagerState,
} from './managers';
import { parseApiVersion, type StructSchema } from './schema';
import { collectFieldSet, compareObjects, dropNulls, findMissingListKey, mergeApplied, removePath } from './typed';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function printManager(m: ManagerState): string {
  let out = JSON.stringify(m.manager);
  if (m.subresource) out += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') out += ` using ${m.apiVersion}`;
  return out;
}

interface Conflict {
  id: string;
  manager: ManagerState;
  path: FieldPath;
}

function conflictError(conflicts: Conflict[]): ApiError {
  const sorted = [...conflicts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const causes: StatusCause[] = sorted.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: formatFieldPath(c.path),
  }));
  let message: string;
  if (sorted.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(sorted[0].manager)}: ${formatFieldPath(sorted[0].path)}`;
  } else {
    const lines: string[] = [];
    let current: string | undefined;
    for (const c of sorted) {
      if (c.id !== current) {
        lines.push(`conflicts with ${printManager(c.manager)}:`);
        current = c.id;
      }
      lines.push(`- ${formatFieldPath(c.path)}`);
    }
    message = `Apply failed with ${sorted.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}

/**
 * lastappliedmanager.go: for manager "kubectl", conflicts on fields whose live value still equals the
 * client-side last-applied configuration are allowed, so migrating to --server-side just works.
 */
function fieldsAllowedByLastApplied(live: JsonObject, schema: StructSchema): FieldSet {
  const metadata = isJsonObject(live.metadata) ? live.metadata : {};
  const annotations = isJsonObject(metadata.annotations) ? metadata.annotations : {};
  const raw = annotations[LAST_APPLIED];
  if (typeof raw !== 'string') return new FieldSet();
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(raw);
  } catch {
    return new FieldSet();
  }
  if (!isJsonObject(lastApplied)) return new FieldSet();
  return collectFieldSet(lastApplied, schema).difference(compareObjects(lastApplied, live, schema).modified);
}

function removeIgnored(obj: JsonObject, ignored: FieldSet, schema: StructSchema): JsonObject {
  let out: unknown = obj;
  for (const path of ignored.paths()) out = removePath(out, path, schema);
  return isJsonObject(out) ? out : {};
}

/** Server-side apply of `applied` (the request body) onto `live` (undefined when the object does not exist). */
export function applyServerSide(live: KObject | undefined, applied: KObject, opts: ApplyOptions): KObject {
  if (applied.metadata?.managedFields !== undefined && applied.metadata.managedFields !== null) {
    throw new ApiError(400, 'BadRequest', 'metadata.managedFields must be nil');
  }
  if (applied.apiVersion !== opts.apiVersion) {
    throw new ApiError(400, 'BadRequest', `Incorrect version specified in apply patch. Specified patch version: ${applied.apiVersion}, expected: ${opts.apiVersion}`);
  }
  const schema = schemaOf(applied);
  const missingKey = findMissingListKey(applied, schema);
  if (missingKey) {
    const { group, version } = parseApiVersion(applied.apiVersion);
    throw new ApiError(500, '', `failed to create typed patch object (${group}/${version}, Kind=${applied.kind}): ${missingKey}`);
  }
  const managers = decodeManagedFields(live?.metadata.managedFields);
  const liveBody: JsonObject = live ? withoutManagedFields(live) : {};
  const ignored = resetFields(opts.subresource, liveBody, applied);
  const config = removeIgnored({ ...applied }, ignored, schema);
  const configSet = tracked(collectFieldSet(config, schema), ignored);

  const self: ManagerState = { manager: opts.manager, operation: 'Apply', apiVersion: opts.apiVersion, set: configSet };
  if (opts.subresource) self.subresource = opts.subresource;
  const selfId = managerId(self);
  const lastSet = managers.get(selfId)?.set;

  let merged = mergeApplied(liveBody, config, schema);
  if (lastSet) {
    let owned = configSet;
    for (const [id, m] of managers) if (id !== selfId) owned = owned.union(m.set);
    // EnsureNamedFieldsAreMembers: a struct field with owned fields below it is owned too; a list item
    // is not, so an item the applier dropped goes even if others own fields inside it.
    const isOwned = (path: FieldPath): boolean => owned.has(path) || (path[path.length - 1].startsWith('f:') && owned.hasPrefix(path));
    for (const path of lastSet.paths()) {
      if (path.length > 0 && !isOwned(path)) merged = removePath(merged, path, schema);
    }
  }
  merged = dropNulls(merged);
  const result: JsonObject = isJsonObject(merged) ? merged : {};

  const cmp = compareObjects(liveBody, result, schema);
  const changed = cmp.added.union(cmp.modified);
  const conflicts: Conflict[] = [];
  for (const [id, m] of managers) {
    if (id === selfId) continue;
    for (const path of m.set.intersection(changed).paths()) conflicts.push({ id, manager: m, path });
  }
  if (conflicts.length > 0 && !opts.force) {
    const allowed = opts.manager === 'kubectl' && live ? fieldsAllowedByLastApplied(liveBody, schema) : new FieldSet();
    const remaining = conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw conflictError(remaining);
  }
  for (const [id, m] of managers) {
    if (id !== selfId) m.set = m.set.difference(changed).difference(cmp.removed);
  }

  const previous = managers.get(selfId);
  const unchanged = jsonEqual(liveBody, result);
  if (!unchanged) self.time = formatManagedTime(opts.now);
  else if (previous?.time) self.time = previous.time;
  managers.set(selfId, self);

  // lastappliedupdater.go: kubectl --server-side keeps an existing client-side annotation in sync.
  const metadata: JsonObject = isJsonObject(result.metadata) ? { ...result.metadata } : {};
  const annotations = isJsonObject(metadata.annotations) ? metadata.annotations : undefined;
  if (opts.manager === 'kubectl' && annotations && typeof annotations[LAST_APPLIED] === 'string') {
    const appliedMeta: JsonObject = { ...applied.metadata };
    if (isJsonObject(appliedMeta.annotations)) {
      const rest = { ...appliedMeta.annotations };
      delete rest[LAST_APPLIED];
      appliedMeta.annotations = rest;
    }
    metadata.annotations = { ...annotations, [LAST_APPLIED]: `${stringifySorted({ ...applied, metadata: appliedMeta })}\n` };
  }
  metadata.managedFields = encodeManagedFields(managers);
  return { ...result, metadata } as KObject;
}
