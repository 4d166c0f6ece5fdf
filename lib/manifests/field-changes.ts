// Field-level comparison of two JSON objects: `spec.replicas: 3 → 5`,
// `spec.template.spec.containers[web].image: nginx:1.25 → nginx:1.26`.
import type { Json } from './normalize';

export interface FieldChange {
  /** Dotted path; list elements by name where they have one (`containers[web]`), else by index. */
  path: string;
  /** Absent on one side means the field (or the whole subtree) was added or removed. */
  before?: Json;
  after?: Json;
  text: string;
}

export type LeafEquality = (path: string, a: Json, b: Json) => boolean;

const strictEquality: LeafEquality = (_path, a, b) => a === b;

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function renderValue(value: Json | undefined): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
}

function keyPath(path: string, key: string): string {
  const part = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : `["${key}"]`;
  if (path === '') return part;
  return part.startsWith('[') ? `${path}${part}` : `${path}.${part}`;
}

const identityFields = ['name', 'mountPath', 'containerPort'];

/** The field elements of a list are known by, when every element has a distinct value for it. */
function identityField(items: Json[]): string | undefined {
  return identityFields.find((field) => {
    const ids = items.map((item) => (isObject(item) && (typeof item[field] === 'string' || typeof item[field] === 'number') ? String(item[field]) : undefined));
    return ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
  });
}

function idOf(item: Json, field: string): string {
  return String((item as { [key: string]: Json })[field]);
}

function deepEqual(a: Json | undefined, b: Json | undefined, path: string, eq: LeafEquality): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i], `${path}[${i}]`, eq));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => deepEqual(a[k], b[k], keyPath(path, k), eq));
  }
  return eq(path, a, b);
}

function push(out: FieldChange[], path: string, before: Json | undefined, after: Json | undefined): void {
  const change: FieldChange = { path, text: `${path}: ${renderValue(before)} → ${renderValue(after)}` };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  out.push(change);
}

function compareInto(a: Json | undefined, b: Json | undefined, path: string, out: FieldChange[], eq: LeafEquality): void {
  if (deepEqual(a, b, path, eq)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const field = a.length === 0 ? identityField(b) : identityField(a);
    if (field !== undefined && (b.length === 0 || identityField(b) === field)) {
      const ids = [...new Set([...a.map((item) => idOf(item, field)), ...b.map((item) => idOf(item, field))])];
      for (const id of ids) {
        const before = a.find((item) => idOf(item, field) === id);
        const after = b.find((item) => idOf(item, field) === id);
        compareInto(before, after, `${path}[${id}]`, out, eq);
      }
      return;
    }
    if (a.length === b.length && a.every(isObject)) {
      a.forEach((item, i) => compareInto(item, b[i], `${path}[${i}]`, out, eq));
      return;
    }
    push(out, path, a, b);
    return;
  }
  const isFlatMap = (v: Json | undefined) => isObject(v) && Object.values(v).every((x) => !isObject(x) && !Array.isArray(x));
  // A label or annotation map appearing or disappearing reads better key by key; a list element
  // (an env var, a container) reads better whole.
  const isElement = path.endsWith(']') && !path.endsWith('"]');
  if ((isObject(a) && isObject(b)) || (!isElement && ((a === undefined && isFlatMap(b)) || (b === undefined && isFlatMap(a))))) {
    const x = isObject(a) ? a : {};
    const y = isObject(b) ? b : {};
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
    for (const k of keys) compareInto(x[k], y[k], keyPath(path, k), out, eq);
    return;
  }
  push(out, path, a, b);
}

/** The fields that differ between two JSON values, shallowest first within each subtree. */
export function compareFields(a: Json | undefined, b: Json | undefined, eq: LeafEquality = strictEquality): FieldChange[] {
  const out: FieldChange[] = [];
  compareInto(a, b, '', out, eq);
  return out;
}
