// Deletion: preconditions, finalizers, propagationPolicy (Background/Foreground/Orphan) through
// ownerReference garbage collection, and namespace termination (phase Terminating, contents deleted,
// then the namespace removed) as the namespace controller does it.
import type { Clock } from './clock';
import { ApiError, apiErrors } from './errors';
import type { ResourceDef } from './kinds/types';
import type { Registry } from './registry';
import type { ObjectStore } from './store';
import type { KObject, PropagationPolicy, ResourceKey, WatchEventType } from './types';
import type { InternalWriteOptions } from './api';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
  internal?: boolean;
  gracePeriodSeconds?: number;
}

interface Deps {
  store: ObjectStore;
  registry: Registry;
  clock: Clock;
  defOf(resource: ResourceKey): ResourceDef;
  commit(resource: ResourceKey, obj: KObject, type: WatchEventType, old?: KObject): KObject;
  remove(resource: ResourceKey, obj: KObject): KObject;
  updateWith(resource: ResourceKey, obj: KObject, opts: InternalWriteOptions): KObject;
  toRfc3339(d: Date): string;
}

const FOREGROUND = 'foregroundDeletion';
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);
const ORPHAN = 'orphan';

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export function createDeleter(d: Deps) {
  const { store, registry, clock } = d;

  function groupOf(apiVersion: string): string {
    return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  }

  function ownerAlive(ref: { apiVersion: string; kind: string; name: string; uid: string }, ns: string): boolean {
    const def = registry.byKind(groupOf(ref.apiVersion), ref.kind);
    if (!def) return false;
    const o = store.get(registry.keyOf(def), def.namespaced ? ns : '', ref.name)?.obj;
    return !!o && o.metadata.uid === ref.uid && !o.metadata.deletionTimestamp;
  }

  function dropOwnerRef(resource: ResourceKey, dep: KObject, uid: string): void {
    const next = clone(dep);
    next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
    if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
    d.updateWith(resource, next, { internal: true, subresource: undefined });
  }

  /** Garbage-collects the dependents of a removed (or foreground-deleting) owner. */
  function collect(uid: string, policy: PropagationPolicy): void {
    for (const [resource, ns, name] of store.dependentsOf(uid)) {
      const dep = store.get(resource, ns, name)?.obj;
      if (!dep) continue;
      const others = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid && ownerAlive(r, ns));
      if (others.length) dropOwnerRef(resource, dep, uid);
      else if (!dep.metadata.deletionTimestamp) deleteObject(resource, ns || undefined, name, { propagationPolicy: policy, internal: true });
    }
  }

  function finishDeletion(resource: ResourceKey, obj: KObject): KObject {
    const final = d.remove(resource, obj);
    collect(obj.metadata.uid as string, 'Background');
    return final;
  }

  function markDeleting(resource: ResourceKey, current: KObject, extraFinalizer?: string): KObject {
    const next = clone(current);
    next.metadata.deletionTimestamp = d.toRfc3339(clock.now());
    next.metadata.deletionGracePeriodSeconds = 0;
    if (extraFinalizer) next.metadata.finalizers = [...(next.metadata.finalizers ?? []), extraFinalizer];
    return d.commit(resource, next, 'MODIFIED', current);
  }

  function deleteNamespace(current: KObject, opts: DeleteOptions): KObject {
    const name = current.metadata.name as string;
    if (IMMORTAL_NAMESPACES.has(name)) {
      // The NamespaceLifecycle admission plugin protects the system namespaces.
      throw new ApiError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
    }
    if (opts.dryRun) return clone(current);
    if (current.metadata.deletionTimestamp) return clone(current);
    const next = clone(current);
    next.metadata.deletionTimestamp = d.toRfc3339(clock.now());
    next.metadata.deletionGracePeriodSeconds = 0;
    next.status = { ...((next.status as Record<string, unknown>) ?? {}), phase: 'Terminating' };
    const committed = d.commit('core/namespaces', next, 'MODIFIED', current);
    clock.after(0, () => purgeNamespace(name));
    return clone(committed);
  }

  function purgeNamespace(ns: string): void {
    let remaining = 0;
    for (const def of registry.defs) {
      if (!def.namespaced) continue;
      const key = registry.keyOf(def);
      for (const s of store.scan(key, ns)) {
        if (s.obj.metadata.deletionTimestamp) {
          remaining++;
          continue;
        }
        try {
          deleteObject(key, ns, s.obj.metadata.name as string, { propagationPolicy: 'Background', internal: true });
        } catch {
          // Already removed by garbage collection of its owner.
        }
        if (store.get(key, ns, s.obj.metadata.name as string)) remaining++;
      }
    }
    const nsObj = store.get('core/namespaces', '', ns)?.obj;
    if (!nsObj) return;
    if (remaining > 0) {
      clock.after(1, () => purgeNamespace(ns));
      return;
    }
    d.remove('core/namespaces', nsObj);
  }

  function deleteObject(resource: ResourceKey, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KObject {
    const def = d.defOf(resource);
    if (def.readOnly && !opts.internal) throw apiErrors.methodNotSupported(def.group, def.plural, 'delete');
    const ns = def.namespaced ? (namespace ?? '') : '';
    const current = store.get(resource, ns, name)?.obj;
    if (!current) throw apiErrors.notFound(def.group, def.plural, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw apiErrors.conflict(def.group, def.plural, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw apiErrors.conflict(def.group, def.plural, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
    }
    if (resource === 'core/namespaces') return deleteNamespace(current, opts);
    if (opts.dryRun) return clone(current);
    const finalizersLeft = (current.metadata.finalizers ?? []).filter((f) => f !== ORPHAN);
    if (current.metadata.deletionTimestamp) {
      // The kubelet's final delete (grace 0) of a terminating pod removes it.
      if (resource === 'core/pods' && opts.gracePeriodSeconds === 0 && !finalizersLeft.length) return clone(finishDeletion(resource, current));
      return clone(current);
    }
    const grace = podGracePeriod(resource, current, opts.gracePeriodSeconds);
    if (grace > 0) {
      const next = clone(current);
      next.metadata.deletionTimestamp = d.toRfc3339(new Date(clock.now().getTime() + grace * 1000));
      next.metadata.deletionGracePeriodSeconds = grace;
      return clone(d.commit(resource, next, 'MODIFIED', current));
    }
    const uid = current.metadata.uid as string;
    const policy = opts.propagationPolicy ?? 'Background';
    const hasDependents = store.dependentsOf(uid).length > 0;
    if (policy === 'Orphan' && hasDependents) {
      for (const [r, dns, dname] of store.dependentsOf(uid)) {
        const dep = store.get(r, dns, dname)?.obj;
        if (dep) dropOwnerRef(r, dep, uid);
      }
    }
    if (policy === 'Foreground' && hasDependents) {
      markDeleting(resource, current, FOREGROUND);
      collect(uid, 'Foreground');
      const now = store.get(resource, ns, name)?.obj;
      if (!now) return clone(current);
      const next = clone(now);
      next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND);
      if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
      if (next.metadata.finalizers?.length) return clone(d.commit(resource, next, 'MODIFIED', now));
      return clone(finishDeletion(resource, d.commit(resource, next, 'MODIFIED', now)));
    }
    const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== ORPHAN);
    if (finalizers.length) return clone(markDeleting(resource, current));
    return clone(finishDeletion(resource, current));
  }

  /** Resumes termination of namespaces that were Terminating when the state was saved. */
  function resumeNamespaceTermination(): void {
    for (const s of store.scan('core/namespaces')) {
      if (s.obj.metadata.deletionTimestamp) clock.after(0, () => purgeNamespace(s.obj.metadata.name as string));
    }
  }

  return { deleteObject, finishDeletion, resumeNamespaceTermination };
}

/** Graceful deletion applies to pods bound to a node (the kubelet finishes it); everything else goes at once. */
function podGracePeriod(resource: ResourceKey, pod: KObject, requested: number | undefined): number {
  if (resource !== 'core/pods') return 0;
  const spec = (pod.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  if (!spec.nodeName) return 0;
  const phase = ((pod.status ?? {}) as { phase?: string }).phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 0;
  return Math.max(0, requested ?? spec.terminationGracePeriodSeconds ?? 30);
}
