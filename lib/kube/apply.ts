// Server-side apply and delete of the objects an app consists of.
import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import type { KubeClients } from './client';
import { callKube, KubeApplyConflictError, mapKubeError, type FieldConflict, type KubeErrorContext } from './errors';
import { applyOrder, describeRef, findKindHandler, refOf, type KubeObjectRef } from './kinds';

/** The field manager of every Berth apply. */
export const berthFieldManager = 'berth';

export interface ApplyOptions {
  /** Take over fields owned by other managers (only a MAINTAINER may ask for this). */
  force?: boolean;
  /** Server-side dry run: nothing is persisted; the result is what the server would store. */
  dryRun?: boolean;
  /**
   * Conflicts the caller knows Berth caused indirectly (e.g. `.spec.replicas` written by the autoscaler
   * Berth itself created): treated like conflicts with Berth's own managers.
   */
  isBerthCaused?: (conflict: FieldConflict, object: KubernetesObject) => boolean;
}

export interface AppliedObject {
  ref: KubeObjectRef;
  /** What the server stored (or would store, on a dry run), as client-node models. */
  object: KubernetesObject;
}

export function kubeErrorContext(clients: KubeClients, target?: string): KubeErrorContext {
  return { clusterName: clients.clusterName, target, timeoutMs: clients.timeoutMs };
}

function sortForApply<T extends KubernetesObject>(objects: readonly T[]): T[] {
  const rank = (kind: string | undefined) => {
    const index = applyOrder.indexOf(kind ?? '');
    return index === -1 ? applyOrder.length : index;
  };
  return [...objects].sort((a, b) => rank(a.kind) - rank(b.kind));
}

function isOwnManager(manager: string): boolean {
  return manager === berthFieldManager || manager.startsWith(`${berthFieldManager}-`);
}

/**
 * Server-side applies each object (field manager `berth`, `application/apply-patch+yaml`,
 * fieldValidation=Strict), dependencies first, and stops at the first failure. A conflict only with
 * Berth's own managers (its /scale, undo and restart writes) or with changes the caller knows Berth caused
 * (`isBerthCaused`) is retried with force: Berth never blocks itself.
 */
export async function applyObjects<T extends KubernetesObject>(clients: KubeClients, objects: readonly T[], options: ApplyOptions = {}): Promise<AppliedObject[]> {
  const results: AppliedObject[] = [];
  for (const object of sortForApply(objects)) {
    const ref = refOf(object);
    const handler = findKindHandler(ref);
    const context = kubeErrorContext(clients, describeRef(ref));
    const body = { ...object, metadata: { ...object.metadata, managedFields: undefined, resourceVersion: undefined } };
    const send = (force: boolean) =>
      handler.patch(clients, {
        name: ref.name,
        namespace: ref.namespace,
        body,
        contentType: PatchStrategy.ServerSideApply,
        fieldManager: berthFieldManager,
        force,
        dryRun: options.dryRun ? 'All' : undefined,
        fieldValidation: 'Strict',
      });
    let applied: KubernetesObject;
    try {
      applied = await send(options.force ?? false);
    } catch (error) {
      const mapped = mapKubeError(error, context);
      const berthCaused = (c: FieldConflict) => isOwnManager(c.manager) || (options.isBerthCaused?.(c, object) ?? false);
      if (!(mapped instanceof KubeApplyConflictError) || !mapped.conflicts.every(berthCaused)) throw mapped;
      applied = await callKube(context, () => send(true));
    }
    results.push({ ref, object: applied });
  }
  return results;
}

export interface DeleteOptions {
  /** Foreground waits for dependents (pods) to go first; Background returns at once. */
  propagationPolicy?: 'Foreground' | 'Background';
  dryRun?: boolean;
}

export interface DeletedObject {
  ref: KubeObjectRef;
  /** false when it was already gone. */
  existed: boolean;
}

/** Deletes objects in reverse apply order; objects already gone are reported, not errors. */
export async function deleteObjects(clients: KubeClients, refs: KubeObjectRef[], options: DeleteOptions = {}): Promise<DeletedObject[]> {
  const ordered = [...refs].sort((a, b) => applyOrder.indexOf(b.kind) - applyOrder.indexOf(a.kind));
  const results: DeletedObject[] = [];
  for (const ref of ordered) {
    const handler = findKindHandler(ref);
    try {
      await handler.remove(clients, {
        name: ref.name,
        namespace: ref.namespace,
        propagationPolicy: options.propagationPolicy ?? 'Background',
        dryRun: options.dryRun ? 'All' : undefined,
      });
      results.push({ ref, existed: true });
    } catch (error) {
      const mapped = mapKubeError(error, kubeErrorContext(clients, describeRef(ref)));
      if (mapped.name !== 'KubeNotFoundError') throw mapped;
      results.push({ ref, existed: false });
    }
  }
  return results;
}
