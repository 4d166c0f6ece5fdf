// Codec and shared rules of metadata.managedFields entries (apimachinery pkg/util/managedfields/internal):
// manager identity, decoding, the 10-updater cap, sorting, stripped and reset fields.
import type { KObject, ManagedFieldsEntry } from '../types';
import { FieldSet, fieldSetToFieldsV1, fieldsV1ToFieldSet } from './field-set';
import { isJsonObject, type JsonObject } from './json-value';
import { lookupSchema, parseApiVersion, type StructSchema } from './schema';

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

export interface ManagerState {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

// stripmeta.go: never part of any manager's set.
export const STRIPPED = FieldSet.of(
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
export function managerId(m: Pick<ManagerState, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const id: Record<string, string> = { manager: m.manager || 'unknown', operation: m.operation };
  if (m.operation === 'Update') id.apiVersion = m.apiVersion;
  if (m.subresource) id.subresource = m.subresource;
  return JSON.stringify(id);
}

export function decodeManagedFields(entries: ManagedFieldsEntry[] | undefined): Map<string, ManagerState> {
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

export function encodeManagedFields(managers: Map<string, ManagerState>): ManagedFieldsEntry[] {
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

export function schemaOf(obj: { apiVersion?: unknown; kind?: unknown }): StructSchema {
  const { group } = parseApiVersion(typeof obj.apiVersion === 'string' ? obj.apiVersion : '');
  return lookupSchema({ group, kind: typeof obj.kind === 'string' ? obj.kind : '' });
}

export function withoutManagedFields(obj: KObject): JsonObject {
  const metadata: JsonObject = { ...obj.metadata };
  delete metadata.managedFields;
  return { ...obj, metadata };
}

/**
 * GetResetFields of the registry strategies: the main resource never changes status, the status
 * subresource never changes spec (nor labels), so neither is owned through them.
 */
export function resetFields(subresource: string | undefined, ...objects: JsonObject[]): FieldSet {
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

export function tracked(set: FieldSet, ignored: FieldSet): FieldSet {
  return set.difference(STRIPPED).recursiveDifference(ignored);
}
