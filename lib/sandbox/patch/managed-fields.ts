// metadata.managedFields bookkeeping (apimachinery pkg/util/managedfields): ownership for non-apply
// writes (operation Update) and server-side apply (operation Apply) with conflicts, forced takeover and
// removal of fields an applier stopped applying.
import { ApiError } from '../errors';
import type { StatusCause } from '../kinds/types';
import type { KObject, ManagedFieldsEntry } from '../types';
import { FieldSet, fieldSetToFieldsV1, fieldsV1ToFieldSet, formatFieldPath, type FieldPath } from './field-set';
import { isJsonObject, jsonEqual, stringifySorted, type JsonObject } from './json-value';
import { lookupSchema, parseApiVersion, type StructSchema } from './schema';
import { collectFieldSet, compareObjects, dropNulls, findMissingListKey, mergeApplied, removePath } from './typed';

export interface UpdateOptions {
  /** Field manager: ?fieldManager= or managerFromUserAgent(User-Agent). */
  manager: string;
  /** apiVersion the request was made in, e.g. "apps/v1" (for /scale: the parent's, e.g. "apps/v1"). */
  apiVersion: string;
  now: Date;
  /** "status" or "scale" for subresource writes. */
  subresource?: string;
}

export interface ApplyOptions extends UpdateOptions {
  force: boolean;
}

interface ManagerState {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

// stripmeta.go: never part of any manager's set.
const STRIPPED = FieldSet.of(
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ['f:metadata', 'f:name'],
  ['f:metadata', 'f:namespace'],
  ['f:metadata', 'f:creationTimestamp'],
  ['f:metadata', 'f:selfLink'],
  ['f:metadata', 'f:uid'],
  ['f:metadata', 'f:clusterName'],
  ['f:metadata', 'f:generation'],
  ['f:metadata', 'f:managedFields'],
  ['f:metadata', 'f:resourceVersion'],
);

/** BuildManagerIdentifier: the JSON of the entry without time/fields; appliers are version independent. */
function managerId(m: Pick<ManagerState, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const id: Record<string, string> = { manager: m.manager || 'unknown', operation: m.operation };
  if (m.operation === 'Update') id.apiVersion = m.apiVersion;
  if (m.subresource) id.subresource = m.subresource;
  return JSON.stringify(id);
}

function decodeManagedFields(entries: ManagedFieldsEntry[] | undefined): Map<string, ManagerState> {
  const out = new Map<string, ManagerState>();
  for (const e of entries ?? []) {
    const state: ManagerState = {
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      set: fieldsV1ToFieldSet(isJsonObject(e.fieldsV1) ? e.fieldsV1 : {}),
    };
    if (e.subresource) state.subresource = e.subresource;
    if (e.time) state.time = e.time;
    const id = managerId(state);
    const prev = out.get(id);
    if (prev) prev.set = prev.set.union(state.set);
    else out.set(id, state);
  }
  return out;
}

const MAX_UPDATE_MANAGERS = 10;
const ANCIENT_CHANGES = 'ancient-changes';

function seconds(time?: string): number {
  return time ? Math.floor(Date.parse(time) / 1000) : 0;
}

/** capmanagers.go: beyond 10 Update entries the oldest are folded into per-version "ancient-changes". */
function capUpdateManagers(managers: Map<string, ManagerState>): void {
  const updaters = [...managers.entries()].filter(([, m]) => m.operation === 'Update');
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  updaters.sort(([ia, a], [ib, b]) => seconds(a.time) - seconds(b.time) || (ia < ib ? -1 : ia > ib ? 1 : 0));
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (const [id, m] of updaters) {
    if (length <= MAX_UPDATE_MANAGERS) break;
    const first = firstByVersion.get(m.apiVersion);
    if (first === undefined) {
      firstByVersion.set(m.apiVersion, id);
      continue;
    }
    const bucketState: ManagerState = { manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: m.apiVersion, set: new FieldSet() };
    const bucketId = managerId(bucketState);
    let bucket = managers.get(bucketId);
    if (!bucket) {
      const moved = managers.get(first) as ManagerState;
      managers.delete(first);
      bucket = { ...bucketState, set: moved.set };
      managers.set(bucketId, bucket);
    }
    bucket.set = m.set.union(bucket.set);
    bucket.time = m.time;
    managers.delete(id);
    length--;
  }
}

function encodeManagedFields(managers: Map<string, ManagerState>): ManagedFieldsEntry[] {
  capUpdateManagers(managers);
  const entries = [...managers.values()].filter((m) => !m.set.isEmpty());
  // sortEncodedManagedFields: Apply before Update, then oldest first, then by name.
  entries.sort((p, q) => {
    if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
    if (seconds(p.time) !== seconds(q.time)) return seconds(p.time) - seconds(q.time);
    if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
    if (p.apiVersion !== q.apiVersion) return p.apiVersion < q.apiVersion ? -1 : 1;
    return (p.subresource ?? '') < (q.subresource ?? '') ? -1 : (p.subresource ?? '') > (q.subresource ?? '') ? 1 : 0;
  });
  return entries.map((m) => {
    // Key order as upstream serializes ManagedFieldsEntry.
    const entry: ManagedFieldsEntry = {
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time ? { time: m.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: fieldSetToFieldsV1(m.set),
      ...(m.subresource ? { subresource: m.subresource } : {}),
    };
    return entry;
  });
}

export function formatManagedTime(now: Date): string {
  return new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function schemaOf(obj: { apiVersion?: unknown; kind?: unknown }): StructSchema {
  const { group } = parseApiVersion(typeof obj.apiVersion === 'string' ? obj.apiVersion : '');
  return lookupSchema({ group, kind: typeof obj.kind === 'string' ? obj.kind : '' });
}

function withoutManagedFields(obj: KObject): JsonObject {
  const metadata: JsonObject = { ...obj.metadata };
  delete metadata.managedFields;
  return { ...obj, metadata };
}

/**
 * GetResetFields of the registry strategies: the main resource never changes status, the status
 * subresource never changes spec (nor labels), so neither is owned through them.
 */
function resetFields(subresource: string | undefined, ...objects: JsonObject[]): FieldSet {
  if (subresource === 'status') {
    const set = FieldSet.of(['f:metadata', 'f:labels']);
    for (const obj of objects) {
      for (const key of Object.keys(obj)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key)) set.insert([`f:${key}`]);
    }
    return set;
  }
  if (subresource) return new FieldSet();
  return FieldSet.of(['f:status']);
}

function tracked(set: FieldSet, ignored: FieldSet): FieldSet {
  return set.difference(STRIPPED).recursiveDifference(ignored);
}

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

/** The fields a whole object specifies, without the bookkeeping fields no manager ever owns. */
export function fieldSetFromObject(obj: KObject): FieldSet {
  return collectFieldSet(withoutManagedFields(obj), schemaOf(obj)).difference(STRIPPED);
}
