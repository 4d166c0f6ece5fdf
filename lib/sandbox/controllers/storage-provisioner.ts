// The sandbox's dynamic provisioner (`sandbox.berth.dev/hostpath`, like rancher's local-path on kind) and
// the default StorageClass `standard` it serves: one PersistentVolume `pvc-<claim uid>` per claim,
// pre-bound to it, with the class's reclaim policy.
import type { KObject, SandboxApi } from '../types';
import { ApiError } from '../errors';
import { claimClass, pvcSpec } from './storage-match';

export const SANDBOX_PROVISIONER = 'sandbox.berth.dev/hostpath';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
/** Cluster seconds the provisioner takes to "create" a volume. */
export const PROVISION_DELAY_SECONDS = 1;

export function defaultClass(api: SandboxApi): KObject | undefined {
  return api.list('storage.k8s.io/storageclasses').find((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
}

/** Provisions the claim's volume unless it is bound, gone or not of a sandbox class. */
export function provision(api: SandboxApi, ns: string | undefined, name: string) {
  const pvc = api.get('core/persistentvolumeclaims', ns, name);
  if (!pvc || pvc.metadata.deletionTimestamp || pvcSpec(pvc).volumeName) return;
  const sc = api.get('storage.k8s.io/storageclasses', undefined, claimClass(pvc));
  if (!sc || sc.provisioner !== SANDBOX_PROVISIONER) return;
  const pvName = `pvc-${pvc.metadata.uid}`;
  if (api.get('core/persistentvolumes', undefined, pvName)) return;
  api.recordEvent(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`, SANDBOX_PROVISIONER);
  const spec = pvcSpec(pvc);
  api.create('core/persistentvolumes', {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pvName, annotations: { [PROVISIONED_BY]: SANDBOX_PROVISIONER } },
    spec: {
      accessModes: spec.accessModes ?? ['ReadWriteOnce'],
      capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion },
      hostPath: { path: `/var/local-path-provisioner/${pvName}_${ns}_${name}`, type: 'DirectoryOrCreate' },
      persistentVolumeReclaimPolicy: (sc.reclaimPolicy as string | undefined) ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: spec.volumeMode ?? 'Filesystem',
      ...(Array.isArray(sc.mountOptions) ? { mountOptions: sc.mountOptions } : {}),
    },
  }, { fieldManager: SANDBOX_PROVISIONER });
  api.recordEvent(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, SANDBOX_PROVISIONER);
}

export function ensureDefaultStorageClass(api: SandboxApi) {
  try {
    if (api.get('storage.k8s.io/storageclasses', undefined, 'standard') || defaultClass(api)) return;
    api.create('storage.k8s.io/storageclasses', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
      provisioner: SANDBOX_PROVISIONER,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    }, { fieldManager: 'kubectl-create' });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
  }
}
