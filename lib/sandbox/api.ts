// The in-process SandboxApi: defaulting, validation and admission through lib/sandbox/kinds,
// metadata bookkeeping (uid, creationTimestamp, generation, resourceVersion), optimistic concurrency,
// managedFields through the patch module's bookkeeping hook, and deletion with garbage collection
// (delete.ts). The REST handlers call the same functions with a few extra options (dry run, subresource).
//
// In a unit test:
//   const api = createSandboxApi({ clock: createClock(1000) });          // every served kind, empty cluster
//   api.create('apps/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: … });
// The namespaces default, kube-system, kube-public, kube-node-lease and three Nodes exist from the start.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import { createClock } from './clock';
import { ApiError, apiErrors } from './errors';
import type { ResourceDef } from './kinds/types';
import { resources as servedResources } from './kinds';
import { createRegistry, type Registry } from './registry';
import { equalityTerms, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { ObjectStore, jsonOf, type StoredObject } from './store';
import type { KObject, ManagedFieldsEntry, ResourceKey, SandboxApi, StoreEvent, WatchEventType, WriteOptions } from './types';
import { createDeleter, type DeleteOptions } from './delete';
import { expireEvents, recordEventIn } from './event-recorder';
import { seedCluster } from './seed';
import { updateManagedFields } from './patch';

export interface InternalWriteOptions extends WriteOptions {
  subresource?: 'status' | 'scale';
  /** Writes by the sandbox itself (seeding Nodes) may touch read-only resources. */
  internal?: boolean;
  /** Managed fields already computed by server-side apply; skips the Update bookkeeping. */
  managedFields?: ManagedFieldsEntry[];
}

export interface SandboxCore extends SandboxApi {
  readonly registry: Registry;
  readonly store: ObjectStore;
  defOf(resource: ResourceKey): ResourceDef;
  /** Stored objects matching the selectors, without copying (callers must not mutate them). */
  select(resource: ResourceKey, opts?: { namespace?: string; labelSelector?: string; fieldSelector?: string }): StoredObject[];
  /** Builds a per-object matcher for watches; throws 400 on a bad selector. */
  matcher(resource: ResourceKey, labelSelector?: string, fieldSelector?: string): (obj: KObject) => boolean;
  createWith(resource: ResourceKey, obj: KObject, opts: InternalWriteOptions): KObject;
  updateWith(resource: ResourceKey, obj: KObject, opts: InternalWriteOptions): KObject;
  deleteWith(resource: ResourceKey, namespace: string | undefined, name: string, opts: DeleteOptions): KObject;
  /** Replaces the whole state (persistence load). */
  load(objects: Array<{ resource: ResourceKey; object: KObject }>, rv: number): void;
}

export interface SandboxApiOptions {
  clock?: Clock;
  resources?: ResourceDef[];
  /** Skip the default namespaces and Nodes (persistence loads them instead). */
  empty?: boolean;
  logCapacity?: number;
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

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function withoutVolatile(obj: KObject): string {
  const { managedFields: _m, resourceVersion: _r, ...meta } = obj.metadata;
  return JSON.stringify({ ...obj, metadata: meta });
}

export function createSandboxApi(options: SandboxApiOptions = {}): SandboxCore {
  const clock = options.clock ?? createClock(1);
  const registry = createRegistry(options.resources ?? servedResources);
  const store = new ObjectStore(options.logCapacity);
  const listeners = new Set<(e: StoreEvent) => void>();

  function defOf(resource: ResourceKey): ResourceDef {
    const def = registry.byKey(resource);
    if (!def) throw apiErrors.notFound('', resource.split('/')[1] ?? resource, '');
    return def;
  }

  function nsKey(def: ResourceDef, namespace: string | undefined): string {
    return def.namespaced ? (namespace ?? '') : '';
  }

  function emit(resource: ResourceKey, type: WatchEventType, obj: KObject, old?: KObject): void {
    const event: StoreEvent = { type, resource, object: obj, old };
    store.append({ rv: Number(obj.metadata.resourceVersion), event });
    for (const l of listeners) {
      try {
        l(event);
      } catch (err) {
        // A faulty controller must not break the write that triggered it.
        console.error('[sandbox] listener failed:', err);
      }
    }
  }

  function commit(resource: ResourceKey, obj: KObject, type: WatchEventType, old?: KObject): KObject {
    obj.metadata.resourceVersion = String(store.nextRv());
    store.put(resource, obj);
    emit(resource, type, obj, old);
    return obj;
  }

  function remove(resource: ResourceKey, stored: KObject): KObject {
    const final = { ...stored, metadata: { ...stored.metadata, resourceVersion: String(store.nextRv()) } };
    store.remove(resource, stored.metadata.namespace ?? '', stored.metadata.name as string);
    emit(resource, 'DELETED', final, stored);
    return final;
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
      return clone(deleter.finishDeletion(resource, committed));
    }
    return clone(commit(resource, obj, 'MODIFIED', current));
  }

  function select(resource: ResourceKey, opts: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {}): StoredObject[] {
    const def = defOf(resource);
    const match = matcher(resource, opts.labelSelector, opts.fieldSelector);
    const ns = def.namespaced ? opts.namespace || undefined : undefined;
    const eq = opts.labelSelector ? equalityTerms(parseLabelSelector(opts.labelSelector)) : [];
    if (eq.length) {
      // Narrow through the label index: the rarest key=value first.
      const [k, v] = eq.reduce((best, t) => (store.labelCount(resource, t[0], t[1]) < store.labelCount(resource, best[0], best[1]) ? t : best));
      return store.withLabel(resource, k, v).filter((s) => (ns === undefined || (s.obj.metadata.namespace ?? '') === ns) && match(s.obj));
    }
    return store.scan(resource, ns).filter((s) => match(s.obj));
  }

  function matcher(resource: ResourceKey, labelSelector?: string, fieldSelector?: string): (obj: KObject) => boolean {
    const def = defOf(resource);
    const labels = labelSelector ? parseLabelSelector(labelSelector) : [];
    const fields = fieldSelector ? parseFieldSelector(fieldSelector) : [];
    if (fields.length) {
      const known = new Set(['metadata.name', 'metadata.namespace', ...Object.keys(safeFieldLabels(def, undefined))]);
      for (const f of fields) {
        if (!known.has(f.field)) {
          const only = [...known].map((k) => `"${k}"`).join(', ');
          throw apiErrors.badRequest(`"${f.field}" is not a known field selector: only ${only}`);
        }
      }
    }
    const eq = equalityTerms(labels);
    return (obj) => {
      if (eq.length) {
        const l = obj.metadata.labels;
        for (const [k, v] of eq) if (!l || l[k] !== v) return false;
      }
      if (labels.length && !matchesLabels(labels, obj.metadata.labels)) return false;
      if (fields.length && !matchesFields(fields, safeFieldLabels(def, obj))) return false;
      return true;
    };
  }

  const deleter = createDeleter({ store, registry, clock, defOf, commit, remove, updateWith, toRfc3339 });

  const api: SandboxCore = {
    clock,
    registry,
    store,
    defOf,
    select,
    matcher,
    createWith,
    updateWith,
    deleteWith: (resource, namespace, name, opts) => deleter.deleteObject(resource, namespace, name, opts),
    get(resource, namespace, name) {
      const def = defOf(resource);
      const s = store.get(resource, nsKey(def, namespace), name);
      return s ? (JSON.parse(jsonOf(s)) as KObject) : undefined;
    },
    list(resource, opts) {
      return select(resource, opts).map((s) => JSON.parse(jsonOf(s)) as KObject);
    },
    create: (resource, obj, opts = {}) => createWith(resource, obj, opts),
    update: (resource, obj, opts = {}) => updateWith(resource, obj, opts),
    updateStatus: (resource, obj, opts = {}) => updateWith(resource, obj, { ...opts, subresource: 'status' }),
    delete(resource, namespace, name, opts = {}) {
      return deleter.deleteObject(resource, namespace, name, opts);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    recordEvent(involved, type, reason, message, component) {
      recordEventIn(api, involved, type, reason, message, component);
    },
    load(objects, rv) {
      for (const r of store.resources()) for (const s of store.scan(r)) store.remove(r, s.obj.metadata.namespace ?? '', s.obj.metadata.name as string);
      for (const { resource, object } of objects) store.put(resource, object);
      store.restoreRv(rv);
      deleter.resumeNamespaceTermination();
    },
  };
  if (!options.empty) seedCluster(api);
  if (registry.byKey('core/events')) clock.every(60, () => expireEvents(api));
  return api;
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

function safeFieldLabels(def: ResourceDef, obj: KObject | undefined): Record<string, string> {
  const o = obj ?? ({ apiVersion: '', kind: def.kind, metadata: {} } as KObject);
  const base: Record<string, string> = { 'metadata.name': (o.metadata.name as string) ?? '' };
  if (def.namespaced) base['metadata.namespace'] = o.metadata.namespace ?? '';
  try {
    return { ...base, ...def.fieldLabels(o) };
  } catch {
    return base;
  }
}
