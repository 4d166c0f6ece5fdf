// Adoption's last step. Server-side apply of a value another manager set makes the field shared, not
// Berth's: the next change would conflict with `kubectl create`. As the Kubernetes docs describe for
// transferring ownership, the other managers' entries are dropped from managedFields (status writers
// kept), so Berth is the fields' only manager from then on.
import { PatchStrategy, type KubernetesObject, type V1ManagedFieldsEntry } from '@kubernetes/client-node';
import { BerthError } from '@/lib/errors';
import { berthFieldManager, kubeErrorContext, type AppliedObject } from '@/lib/kube/apply';
import type { KubeClients } from '@/lib/kube/client';
import { callKube } from '@/lib/kube/errors';
import { describeRef, findKindHandler, type KubeObjectRef } from '@/lib/kube/kinds';
import { readObject } from '@/lib/kube/read';

function isKept(entry: V1ManagedFieldsEntry): boolean {
  return entry.manager === berthFieldManager || entry.subresource === 'status';
}

async function dropOtherManagers(clients: KubeClients, ref: KubeObjectRef, object: KubernetesObject): Promise<void> {
  const entries = object.metadata?.managedFields ?? [];
  if (entries.every(isKept)) return;
  const kept = entries.filter(isKept).map((entry) => ({ ...entry, time: entry.time ? new Date(entry.time).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined }));
  const patch = [
    // Replacing resourceVersion makes the write conditional: a change in between answers 409.
    { op: 'replace', path: '/metadata/resourceVersion', value: object.metadata?.resourceVersion },
    { op: 'replace', path: '/metadata/managedFields', value: kept },
  ];
  await callKube(kubeErrorContext(clients, describeRef(ref)), () =>
    findKindHandler(ref).patch(clients, { name: ref.name, namespace: ref.namespace, body: patch, contentType: PatchStrategy.JsonPatch, fieldManager: berthFieldManager }),
  );
}

export async function takeOwnership(clients: KubeClients, applied: AppliedObject[]): Promise<void> {
  for (const { ref, object } of applied) {
    let current: KubernetesObject | null = object;
    // Controllers write status in between (a Deployment's observedGeneration): read again and retry.
    for (let attempt = 0; current !== null; attempt += 1) {
      try {
        await dropOtherManagers(clients, ref, current);
        break;
      } catch (error) {
        if (!(error instanceof BerthError && error.code === 'CONFLICT') || attempt >= 5) throw error;
        current = await readObject(clients, ref);
      }
    }
  }
}
