// An informer-style local cache of the objects the workload controllers watch, fed by store events
// like client-go's listers. Reading it costs no deep copy and no scan of unrelated namespaces, which
// keeps a burst of pod events from costing O(pods²). Objects handed out are shared: callers must
// clone before changing anything.
import type { KObject, ResourceKey, SandboxApi, StoreEvent } from '../types';
import { controllerRef } from './objects';

export interface ObjectCache {
  get(resource: ResourceKey, namespace: string | undefined, name: string): KObject | undefined;
  list(resource: ResourceKey, namespace?: string): KObject[];
  /** Objects of `resource` whose controller ownerReference has this uid. */
  ownedBy(resource: ResourceKey, ownerUID: string): KObject[];
  stop(): void;
}

export function createObjectCache(api: SandboxApi, resources: ResourceKey[]): ObjectCache {
  const watched = new Set(resources);
  const byNamespace = new Map<ResourceKey, Map<string, Map<string, KObject>>>();
  const byOwner = new Map<ResourceKey, Map<string, Map<string, KObject>>>();
  for (const r of resources) {
    byNamespace.set(r, new Map());
    byOwner.set(r, new Map());
  }
  const ownerIndex = (resource: ResourceKey) => byOwner.get(resource) as Map<string, Map<string, KObject>>;
  const nsIndex = (resource: ResourceKey) => byNamespace.get(resource) as Map<string, Map<string, KObject>>;
  const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

  const remove = (resource: ResourceKey, o: KObject) => {
    nsIndex(resource).get(o.metadata.namespace ?? '')?.delete(o.metadata.name ?? '');
    const uid = controllerRef(o.metadata)?.uid;
    if (uid) ownerIndex(resource).get(uid)?.delete(keyOf(o));
  };
  const put = (resource: ResourceKey, o: KObject) => {
    const ns = o.metadata.namespace ?? '';
    let names = nsIndex(resource).get(ns);
    if (!names) nsIndex(resource).set(ns, (names = new Map()));
    names.set(o.metadata.name ?? '', o);
    const uid = controllerRef(o.metadata)?.uid;
    if (uid) {
      let owned = ownerIndex(resource).get(uid);
      if (!owned) ownerIndex(resource).set(uid, (owned = new Map()));
      owned.set(keyOf(o), o);
    }
  };

  const onEvent = (e: StoreEvent) => {
    if (!watched.has(e.resource)) return;
    if (e.old) remove(e.resource, e.old);
    if (e.type === 'DELETED') remove(e.resource, e.object);
    else put(e.resource, e.object);
  };
  const unsubscribe = api.subscribe(onEvent);
  for (const r of resources) for (const o of api.list(r)) put(r, o);

  return {
    get(resource, namespace, name) {
      return nsIndex(resource).get(namespace ?? '')?.get(name);
    },
    list(resource, namespace) {
      const index = nsIndex(resource);
      if (namespace !== undefined) return [...(index.get(namespace)?.values() ?? [])];
      return [...index.values()].flatMap((m) => [...m.values()]);
    },
    ownedBy(resource, ownerUID) {
      return [...(ownerIndex(resource).get(ownerUID)?.values() ?? [])];
    },
    stop: unsubscribe,
  };
}
