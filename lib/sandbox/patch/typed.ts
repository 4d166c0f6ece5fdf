// Schema-aware walks over objects for server-side apply (structured-merge-diff's typed package):
// the field set of an applied configuration, the comparison of two objects, the apply merge and
// the removal of field paths.
import { FieldSet, type FieldPath, type PathElement } from './field-set';
import { cloneJson, isJsonObject, jsonEqual, stringifySorted, type JsonObject } from './json-value';
import { childSchema, type FieldSchema, type ListSchema } from './schema';

function asList(schema: FieldSchema | undefined): ListSchema | undefined {
  return schema?.type === 'list' ? schema : undefined;
}

function isAtomic(schema: FieldSchema | undefined): boolean {
  if (!schema) return false;
  if (schema.type === 'list') return schema.listType === 'atomic';
  if (schema.type === 'struct' || schema.type === 'map') return schema.atomic === true;
  return false;
}

/** The identity of a list item: k:{keys} for associative lists, v:<value> for sets, i:<n> otherwise. */
export function listItemElement(item: unknown, list: ListSchema, index: number): PathElement {
  if (list.listType === 'set') return `v:${stringifySorted(item)}`;
  if (list.listType === 'map' && isJsonObject(item) && list.listMapKeys) {
    const key: JsonObject = {};
    for (const name of [...list.listMapKeys].sort()) {
      const value = item[name] ?? list.keyDefaults?.[name];
      if (value === undefined) return `i:${index}`;
      key[name] = value;
    }
    return `k:${stringifySorted(key)}`;
  }
  return `i:${index}`;
}

function indexItems(list: unknown[] | undefined, schema: ListSchema): Map<PathElement, unknown> {
  const out = new Map<PathElement, unknown>();
  (list ?? []).forEach((item, i) => {
    const pe = listItemElement(item, schema, i);
    if (!out.has(pe)) out.set(pe, item);
  });
  return out;
}

/** typed.ToFieldSet: the fields an applied configuration specifies. */
export function collectFieldSet(value: unknown, schema: FieldSchema | undefined): FieldSet {
  const set = new FieldSet();
  collectFields(value, schema, [], set);
  return set;
}

function collectFields(value: unknown, schema: FieldSchema | undefined, path: FieldPath, set: FieldSet): void {
  if (Array.isArray(value)) {
    const list = asList(schema);
    if (!list || list.listType === 'atomic') {
      set.insert(path);
      return;
    }
    value.forEach((item, i) => {
      const itemPath = [...path, listItemElement(item, list, i)];
      if (list.listType === 'map' && isJsonObject(item)) collectObject(item, list.items, itemPath, set);
      set.insert(itemPath);
    });
    return;
  }
  if (isJsonObject(value) && !isAtomic(schema)) {
    collectObject(value, schema, path, set);
    return;
  }
  set.insert(path);
}

function collectObject(obj: JsonObject, schema: FieldSchema | undefined, path: FieldPath, set: FieldSet): void {
  const isMap = schema?.type === 'map';
  for (const [key, child] of Object.entries(obj)) {
    if (child === undefined) continue;
    const childPath = [...path, `f:${key}`];
    collectFields(child, childSchema(schema, key), childPath, set);
    // Struct fields are implied by their children; map entries and empty/null values are owned as such.
    if (isMap || child === null || (isJsonObject(child) && Object.keys(child).length === 0)) set.insert(childPath);
  }
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** typed.Compare: leaves added/removed/modified, plus every non-leaf node present on one side only. */
export function compareObjects(lhs: unknown, rhs: unknown, schema: FieldSchema | undefined): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareValue(lhs, rhs, schema, [], c);
  return c;
}

function compareValue(l: unknown, r: unknown, schema: FieldSchema | undefined, path: FieldPath, c: Comparison): void {
  const leaf = (): void => {
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
    else if (!jsonEqual(l, r)) c.modified.insert(path);
  };
  const presence = (): void => {
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
  };
  const lOk = (check: (v: unknown) => boolean): boolean => l === undefined || l === null || check(l);
  const rOk = (check: (v: unknown) => boolean): boolean => r === undefined || r === null || check(r);

  if ((Array.isArray(l) || Array.isArray(r)) && lOk(Array.isArray) && rOk(Array.isArray)) {
    const list = asList(schema);
    const la = Array.isArray(l) ? l : [];
    const ra = Array.isArray(r) ? r : [];
    if (!list || list.listType === 'atomic' || (la.length === 0 && ra.length === 0)) return leaf();
    const li = indexItems(la, list);
    const ri = indexItems(ra, list);
    const itemSchema = list.listType === 'map' ? list.items : undefined;
    for (const pe of new Set([...li.keys(), ...ri.keys()])) compareValue(li.get(pe), ri.get(pe), itemSchema, [...path, pe], c);
    return presence();
  }
  if ((isJsonObject(l) || isJsonObject(r)) && lOk(isJsonObject) && rOk(isJsonObject)) {
    const lo = isJsonObject(l) ? l : {};
    const ro = isJsonObject(r) ? r : {};
    if (isAtomic(schema) || (Object.keys(lo).length === 0 && Object.keys(ro).length === 0)) return leaf();
    for (const key of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
      compareValue(lo[key], ro[key], childSchema(schema, key), [...path, `f:${key}`], c);
    }
    return presence();
  }
  leaf();
}

/** typed.Merge of the applied configuration into the live object (list order as structured-merge-diff). */
export function mergeApplied(live: unknown, config: unknown, schema: FieldSchema | undefined): unknown {
  if (config === undefined) return live;
  if (live === undefined || live === null || config === null) return cloneJson(config);
  if (Array.isArray(config)) {
    const list = asList(schema);
    if (!Array.isArray(live) || !list || list.listType === 'atomic') return cloneJson(config);
    return mergeLists(live, config, list);
  }
  if (isJsonObject(config)) {
    if (!isJsonObject(live) || isAtomic(schema)) return cloneJson(config);
    const out: JsonObject = { ...live };
    for (const [key, value] of Object.entries(config)) {
      if (value !== undefined) out[key] = mergeApplied(live[key], value, childSchema(schema, key));
    }
    return out;
  }
  return config;
}

function mergeLists(lhs: unknown[], rhs: unknown[], list: ListSchema): unknown[] {
  const items = list.listType === 'map' ? list.items : undefined;
  const lhsOrder = [...indexItems(lhs, list).keys()];
  const rhsOrder = [...indexItems(rhs, list).keys()];
  const lMap = indexItems(lhs, list);
  const rMap = indexItems(rhs, list);
  const shared = rhsOrder.filter((pe) => lMap.has(pe));
  let nextShared: PathElement | undefined = shared.shift();
  const out: unknown[] = [];
  const take = (pe: PathElement): void => {
    out.push(rMap.has(pe) ? mergeApplied(lMap.get(pe), rMap.get(pe), items) : lMap.get(pe));
  };
  let l = 0;
  let r = 0;
  while (l < lhsOrder.length || r < rhsOrder.length) {
    if (l < lhsOrder.length && r < rhsOrder.length) {
      if (lhsOrder[l] === rhsOrder[r]) {
        take(lhsOrder[l]);
        l++;
        r++;
        nextShared = shared.shift();
        continue;
      }
      if (rMap.has(lhsOrder[l]) && nextShared !== undefined && nextShared !== lhsOrder[l]) {
        l++;
        continue;
      }
    }
    if (l < lhsOrder.length && !rMap.has(lhsOrder[l])) {
      take(lhsOrder[l]);
      l++;
      continue;
    }
    if (r < rhsOrder.length) {
      const pe = rhsOrder[r];
      take(pe);
      r++;
      if (nextShared === pe) nextShared = shared.shift();
    }
  }
  return out;
}

/** Removes one field path from a value; returns undefined when the value itself is removed. */
export function removePath(value: unknown, path: FieldPath, schema: FieldSchema | undefined): unknown {
  if (path.length === 0) return undefined;
  const [pe, ...rest] = path;
  if (pe.startsWith('f:') && isJsonObject(value)) {
    const key = pe.slice(2);
    if (!(key in value)) return value;
    const next = removePath(value[key], rest, childSchema(schema, key));
    const out = { ...value };
    if (next === undefined) delete out[key];
    else out[key] = next;
    return out;
  }
  const list = asList(schema);
  if (Array.isArray(value) && list) {
    const at = value.findIndex((item, i) => listItemElement(item, list, i) === pe);
    if (at < 0) return value;
    const next = removePath(value[at], rest, list.listType === 'map' ? list.items : undefined);
    const out = [...value];
    if (next === undefined) out.splice(at, 1);
    else out[at] = next;
    return out;
  }
  return value;
}

/**
 * The error structured-merge-diff reports when an applied associative list item lacks a key field
 * without a default (the API server answers 500 with it); undefined when the value is well-formed.
 */
export function findMissingListKey(value: unknown, schema: FieldSchema | undefined, path: FieldPath = []): string | undefined {
  if (Array.isArray(value)) {
    const list = asList(schema);
    if (!list || list.listType !== 'map') return undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (!isJsonObject(item)) continue;
      const missing = (list.listMapKeys ?? []).find((k) => item[k] === undefined && list.keyDefaults?.[k] === undefined);
      if (missing) {
        return `${formatPath(path)}: element ${i}: associative list with keys has an element that omits key field ${JSON.stringify(missing)} (and doesn't have default value)`;
      }
      const nested = findMissingListKey(item, list.items, [...path, listItemElement(item, list, i)]);
      if (nested) return nested;
    }
    return undefined;
  }
  if (isJsonObject(value) && !isAtomic(schema)) {
    for (const [key, child] of Object.entries(value)) {
      const nested = findMissingListKey(child, childSchema(schema, key), [...path, `f:${key}`]);
      if (nested) return nested;
    }
  }
  return undefined;
}

function formatPath(path: FieldPath): string {
  return path.map((pe) => (pe.startsWith('f:') ? `.${pe.slice(2)}` : `[${pe.slice(2)}]`)).join('');
}

/** Go's decoding drops null-valued fields of the merged apply result. */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) if (child !== null && child !== undefined) out[key] = dropNulls(child);
  return out;
}
