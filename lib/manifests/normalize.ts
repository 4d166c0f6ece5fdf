// One canonical JSON form per meaning, so revisions can be compared byte for byte and diffs show only
// what a person changed.
import { managedKinds, type DesiredState, type ManagedObject } from './types';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Written by the API server or controllers, never by whoever declares the object. */
const serverMetadataFields = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

/** Annotations controllers and clients write on their own; they say nothing about the desired state. */
export const serverAnnotations = new Set([
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'kubectl.kubernetes.io/last-applied-configuration',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
  'autoscaling.alpha.kubernetes.io/conditions',
  'autoscaling.alpha.kubernetes.io/current-metrics',
]);

/** Empty objects that still mean something (`emptyDir: {}` is a volume, not "nothing"). */
const meaningfulEmpty = new Set(['emptyDir']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Canonical JSON: keys sorted, null/undefined dropped, empty maps and lists dropped (Kubernetes treats
 * them as unset), Dates as RFC 3339 strings. Returns undefined for a value that is itself "unset".
 */
export function canonicalize(value: unknown, key = ''): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (Array.isArray(value)) {
    const items = value.map((item) => canonicalize(item)).filter((item): item is Json => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isPlainObject(value)) {
    const out: { [key: string]: Json } = {};
    for (const k of Object.keys(value).sort()) {
      const v = canonicalize(value[k], k);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length > 0 || meaningfulEmpty.has(key) ? out : undefined;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return undefined;
}

function stripServerFields(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...object };
  delete out.status;
  if (isPlainObject(out.metadata)) {
    const metadata: Record<string, unknown> = { ...out.metadata };
    for (const field of serverMetadataFields) delete metadata[field];
    if (isPlainObject(metadata.annotations)) {
      metadata.annotations = Object.fromEntries(Object.entries(metadata.annotations).filter(([k]) => !serverAnnotations.has(k)));
    }
    out.metadata = metadata;
  }
  const spec = out.spec;
  // Pod templates come back with `metadata.creationTimestamp: null`; canonicalize drops the null.
  if (isPlainObject(spec) && isPlainObject(spec.template) && isPlainObject(spec.template.metadata)) {
    const template = { ...spec.template, metadata: { ...spec.template.metadata } };
    delete (template.metadata as Record<string, unknown>).creationTimestamp;
    out.spec = { ...spec, template };
  }
  return out;
}

/** Normalizes one object: server-populated fields stripped, canonical JSON. */
export function normalizeObject<T extends ManagedObject>(object: T): T {
  return (canonicalize(stripServerFields(object as unknown as Record<string, unknown>)) ?? {}) as unknown as T;
}

/**
 * The canonical form of a state: what a revision stores. Strips status, uid, resourceVersion,
 * generation, creationTimestamp, managedFields and server-written annotations; sorts keys; drops empty
 * values. Idempotent: normalizing a normalized state changes nothing.
 */
export function normalizeState(state: DesiredState): DesiredState {
  const out = {} as DesiredState;
  for (const { key } of managedKinds) {
    const object = state[key];
    if (object) (out as unknown as Record<string, unknown>)[key] = normalizeObject(object);
  }
  return out;
}

/** Whether two states mean the same thing. */
export function isSameState(a: DesiredState, b: DesiredState): boolean {
  return JSON.stringify(normalizeState(a)) === JSON.stringify(normalizeState(b));
}
