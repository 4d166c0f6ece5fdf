// fieldValidation=Strict|Warn|Ignore for the kinds whose schema we know (field-schema.ts): unknown
// fields are rejected (Strict, 400 with the apiserver's "strict decoding error" text), reported in a
// Warning header (Warn), and in every mode dropped before storage, as Go's typed decoding drops them.
import { apiErrors } from '../errors';
import type { ResourceDef } from '../kinds/types';
import { apiVersionOf } from '../registry';
import type { KObject } from '../types';
import { schemaFor, type FieldSchema } from './field-schema';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
export type WriteKind = 'create' | 'update' | 'patch' | 'apply';

function walk(value: unknown, schema: FieldSchema, path: string, unknown: string[]): void {
  if (schema === true || value === null || typeof value !== 'object') return;
  if (Array.isArray(schema)) {
    if (!Array.isArray(value)) return;
    value.forEach((item, i) => walk(item, schema[0], `${path}[${i}]`, unknown));
    return;
  }
  if (Array.isArray(value)) return;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const child = schema[key];
    const p = path ? `${path}.${key}` : key;
    if (child === undefined) {
      unknown.push(p);
      delete obj[key];
    } else walk(obj[key], child, p, unknown);
  }
}

/** Checks (and strips) unknown fields; returns Warning messages. Throws 400 under Strict. */
export function checkFieldValidation(def: ResourceDef, obj: KObject, mode: FieldValidation, write: WriteKind): string[] {
  const schema = schemaFor(def.group, def.kind);
  if (!schema) return [];
  const unknown: string[] = [];
  walk(obj, schema, '', unknown);
  if (!unknown.length) return [];
  if (write === 'apply') {
    throw apiErrors.badRequest(`failed to create typed patch object (${apiVersionOf(def.group, def.version)}, Kind=${def.kind}): ${unknown.map((u) => `.${u}: field not declared in schema`).join('\n')}`);
  }
  if (mode === 'Strict') {
    const list = unknown.map((u) => `unknown field "${u}"`).join(', ');
    if (write === 'patch') throw apiErrors.badRequest(`strict decoding error: ${list}`);
    throw apiErrors.badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: strict decoding error: ${list}`);
  }
  if (mode === 'Warn') return unknown.map((u) => `unknown field "${u}"`);
  return [];
}
