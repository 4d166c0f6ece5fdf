// The write pipeline shared by SandboxApi and the REST handlers: namespace checks, defaulting,
// validation and admission through lib/sandbox/kinds, metadata bookkeeping, optimistic concurrency,
// managedFields (the patch module's bookkeeping) and no-op detection.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import { ApiError, apiErrors } from './errors';
import type { ResourceDef } from './kinds/types';
import { updateManagedFields } from './patch';
import { jsonOf, type ObjectStore } from './store';
import type { KObject, ManagedFieldsEntry, ResourceKey, WatchEventType, WriteOptions } from './types';

export interface InternalWriteOptions extends WriteOptions {
  subresource?: 'status' | 'scale';
  /** Writes by the sandbox itself (seeding Nodes) may touch read-only resources. */
  internal?: boolean;
  /** Managed fields already computed by server-side apply; skips the Update bookkeeping. */
  managedFields?: ManagedFieldsEntry[];
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(n = 5): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_CHARS[bytes[i] % NAME_CHARS.length];
  return s;
}

/** RFC3339 with second precision, as the API server writes creationTimestamp. */
export function toRfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface WriterDeps {
  store: ObjectStore;
  clock: Clock;
  defOf(resource: ResourceKey): ResourceDef;
  commit(resource: ResourceKey, obj: KObject, type: WatchEventType, old?: KObject): KObject;
  finishDeletion(resource: ResourceKey, obj: KObject): KObject;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function withoutVolatile(obj: KObject): string {
  const { managedFields: _m, resourceVersion: _r, ...meta } = obj.metadata;
  return JSON.stringify({ ...obj, metadata: meta });
}

/**
 * Binding a pod (the scheduler setting spec.nodeName once, upstream's pods/binding subresource) is
 * the one allowed change to a pod's spec: validate it against the old pod as if it were already bound.
 */
function bindingBase(resource: ResourceKey, obj: KObject, old: KObject): KObject {
  if (resource !== 'core/pods') return old;
  const next = (obj.spec ?? {}) as { nodeName?: string };
  const prev = (old.spec ?? {}) as { nodeName?: string };
  if (prev.nodeName || !next.nodeName) return old;
  return { ...old, spec: { ...prev, nodeName: next.nodeName } };
}

export function createWriter(deps: WriterDeps) {
  const { store, clock, defOf, commit } = deps;

  function nsKey(def: ResourceDef, namespace: string | undefined): string {
    return def.namespaced ? (namespace ?? '') : '';
  }

  function requireNamespace(def: ResourceDef, ns: string | undefined, name: string): void {
    if (!def.namespaced) return;
    if (!ns) throw apiErrors.badRequest('the server could not find the requested resource');
    const nsObj = store.get('core/namespaces', '', ns)?.obj;
    if (!nsObj) throw apiErrors.notFound('', 'namespaces', ns);
    if (nsObj.metadata.deletionTimestamp) {
      throw new ApiError(403, 'Forbidden', `${def.group ? `${def.plural}.${def.group}` : def.plural} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
        name,
        group: def.group || undefined,
        kind: def.plural,
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
      });
    }
  }

  function admissionContext() {
    return { list: (resource: string, namespace?: string) => store.scan(resource, namespace).map((s) => JSON.parse(jsonOf(s)) as KObject) };
  }

  function validateOrThrow(def: ResourceDef, obj: KObject, old?: KObject): void {
    const causes = def.validate(obj, old);
    if (causes.length) throw apiErrors.invalid(def.group, def.kind, (obj.metadata.name as string) ?? '', causes);
  }

  function trackFields(old: KObject | undefined, obj: KObject, opts: InternalWriteOptions, def: ResourceDef): void {
    if (opts.managedFields) {
      obj.metadata.managedFields = opts.managedFields;
      return;
    }
    if (!opts.fieldManager) return;
    const mf = updateManagedFields(old, obj, {
      manager: opts.fieldManager,
      apiVersion: def.group ? `${def.group}/${def.version}` : def.version,
      subresource: opts.subresource,
      now: clock.now(),
    });
    if (mf.length) obj.metadata.managedFields = mf;
    else delete obj.metadata.managedFields;
  }

  function prepareNamespace(obj: KObject): void {
    const name = obj.metadata.name as string;
    obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
    const spec = (obj.spec ?? {}) as Record<string, unknown>;
    if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
    obj.spec = spec;
    const status = (obj.status ?? {}) as Record<string, unknown>;
    if (!obj.metadata.deletionTimestamp) status.phase = 'Active';
    obj.status = status;
  }

  function createWith(resource: ResourceKey, input: KObject, opts: InternalWriteOptions): KObject {
    const def = defOf(resource);
    if (def.readOnly && !opts.internal) throw apiErrors.methodNotSupported(def.group, def.plural, 'create');
    const obj = clone(input);
    obj.apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
    obj.kind = def.kind;
    const meta = (obj.metadata ??= {});
    if (meta.resourceVersion) throw apiErrors.badRequest('resourceVersion should not be set on objects to be created');
    if (!def.namespaced) delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName.slice(0, 58)}${randomSuffix()}`;
    if (!meta.name) {
      throw apiErrors.invalid(def.group, def.kind, '', [
        { reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' },
      ]);
    }
    const ns = nsKey(def, meta.namespace);
    requireNamespace(def, ns, meta.name);
    if (def.subresources?.includes('status')) obj.status = {};
    def.applyDefaults(obj);
    if (resource === 'core/namespaces') prepareNamespace(obj);
    validateOrThrow(def, obj);
    if (store.get(resource, ns, meta.name)) throw apiErrors.alreadyExists(def.group, def.plural, meta.name);
    def.admit?.(obj, undefined, admissionContext());
    for (const k of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'uid', 'creationTimestamp'] as const) delete meta[k];
    meta.uid = randomUUID();
    meta.creationTimestamp = toRfc3339(clock.now());
    if (def.bumpsGeneration) meta.generation = 1;
    trackFields(undefined, obj, opts, def);
    if (opts.dryRun) return clone(obj);
    return clone(commit(resource, obj, 'ADDED'));
  }

  function updateWith(resource: ResourceKey, input: KObject, opts: InternalWriteOptions): KObject {
    const def = defOf(resource);
    if (def.readOnly && !opts.internal) throw apiErrors.methodNotSupported(def.group, def.plural, 'update');
    const name = input.metadata?.name;
    if (!name) throw apiErrors.badRequest('name is required');
    const ns = nsKey(def, input.metadata.namespace);
    const current = store.get(resource, ns, name)?.obj;
    if (!current) throw apiErrors.notFound(def.group, def.plural, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw apiErrors.staleUpdate(def.group, def.plural, name);
    if (input.metadata.uid && input.metadata.uid !== current.metadata.uid) {
      throw apiErrors.conflict(def.group, def.plural, name, `Precondition failed: UID in precondition: ${input.metadata.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    let obj = clone(input);
    obj.apiVersion = current.apiVersion;
    obj.kind = current.kind;
    if (opts.subresource === 'status') {
      const next = clone(current);
      next.status = obj.status;
      // Status writers (controllers) may update annotations (e.g. the deployment revision) and finalizers.
      if (obj.metadata.annotations !== undefined) next.metadata.annotations = obj.metadata.annotations;
      if (obj.metadata.ownerReferences !== undefined) next.metadata.ownerReferences = obj.metadata.ownerReferences;
      obj = next;
    } else if (def.subresources?.includes('status')) {
      obj.status = clone(current.status);
    }
    const meta = obj.metadata;
    meta.name = current.metadata.name;
    if (def.namespaced) meta.namespace = current.metadata.namespace;
    else delete meta.namespace;
    meta.uid = current.metadata.uid;
    meta.creationTimestamp = current.metadata.creationTimestamp;
    meta.resourceVersion = current.metadata.resourceVersion;
    if (current.metadata.deletionTimestamp) {
      meta.deletionTimestamp = current.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (current.metadata.generation !== undefined) meta.generation = current.metadata.generation;
    else delete meta.generation;
    if (!meta.managedFields && current.metadata.managedFields) meta.managedFields = current.metadata.managedFields;
    def.applyDefaults(obj);
    if (resource === 'core/namespaces') prepareNamespace(obj);
    validateOrThrow(def, obj, bindingBase(resource, obj, current));
    def.admit?.(obj, current, admissionContext());
    if (opts.subresource !== 'status' && def.bumpsGeneration?.(obj, current)) meta.generation = (current.metadata.generation ?? 0) + 1;
    trackFields(current, obj, opts, def);
    const unchanged = withoutVolatile(obj) === withoutVolatile(current);
    if (unchanged && JSON.stringify(obj.metadata.managedFields ?? null) === JSON.stringify(current.metadata.managedFields ?? null)) {
      return clone(current);
    }
    if (opts.dryRun) return clone(obj);
    if (meta.deletionTimestamp && !(meta.finalizers?.length)) {
      const committed = commit(resource, obj, 'MODIFIED', current);
      return clone(deps.finishDeletion(resource, committed));
    }
    return clone(commit(resource, obj, 'MODIFIED', current));
  }

  return { createWith, updateWith };
}
