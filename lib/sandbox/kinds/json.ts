// Small typed accessors over plain JSON objects, so kind modules can read and default nested fields
// without casting at every step.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asObject(v: unknown): JsonObject | undefined {
  return isObject(v) ? v : undefined;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asObjects(v: unknown): JsonObject[] {
  return asArray(v).filter(isObject);
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function asStringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** Returns o[key] as an object, creating `{}` there when it is missing or not an object. */
export function ensureObject(o: JsonObject, key: string): JsonObject {
  const cur = o[key];
  if (isObject(cur)) return cur;
  const created: JsonObject = {};
  o[key] = created;
  return created;
}

/** Sets o[key] = value when the field is absent (undefined or null), as Go defaulting does for nil pointers. */
export function setDefault(o: JsonObject, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

/** Sets a string field when it is absent or empty (Go zero value). */
export function setDefaultString(o: JsonObject, key: string, value: string): void {
  if (typeof o[key] !== 'string' || o[key] === '') o[key] = value;
}

export function dig(o: unknown, ...path: string[]): unknown {
  let cur: unknown = o;
  for (const p of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/**
 * Semantic deep equality of JSON values (key order independent). Like apimachinery's equality.Semantic,
 * an empty list equals an absent (nil) one; `{}` stays distinct from absent because it may be a set
 * pointer-to-struct (securityContext: {}).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNilList(a) && isNilList(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

function isNilList(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}
