// The in-process SandboxApi: defaulting, validation and admission through lib/sandbox/kinds,
// metadata bookkeeping (uid, creationTimestamp, generation, resourceVersion), optimistic concurrency,
// managedFields through the patch module's bookkeeping (write.ts), and deletion with garbage collection
// (delete.ts). The REST handlers call the same functions with a few extra options (dry run, subresource).
//
// In a unit test:
//   const api = createSandboxApi({ clock: createClock(1000) });   // every served kind, no controllers
//   api.create('apps/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: … });
// The namespaces default, kube-system, kube-public, kube-node-lease, three Nodes and the `kubernetes`
// Service exist from the start. Writes throw ApiError where the REST API answers with a Status
// (including delete of a missing object: 404).
import type { Clock } from './clock';
import { createClock } from './clock';
import { apiErrors } from './errors';
import type { ResourceDef } from './kinds/types';
import { resources as servedResources } from './kinds';
import { createRegistry, type Registry } from './registry';
import { equalityTerms, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { ObjectStore, jsonOf, type StoredObject } from './store';
import type { KObject, ResourceKey, SandboxApi, StoreEvent, WatchEventType } from './types';
import { createDeleter, type DeleteOptions } from './delete';
import { expireEvents, recordEventIn } from './event-recorder';
import { seedCluster } from './seed';
import { createWriter, toRfc3339, type InternalWriteOptions } from './write';

export { randomSuffix, toRfc3339, type InternalWriteOptions } from './write';

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

  const writer = createWriter({
    store,
    clock,
    defOf,
    commit,
    finishDeletion: (resource, obj) => deleter.finishDeletion(resource, obj),
  });
  const { createWith, updateWith } = writer;

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
