// The persistent-volume controller, the sandbox's hostpath provisioner and the pvc/pv-protection
// controllers: claims bind to matching volumes (storage-match.ts) or to volumes provisioned for the
// default StorageClass `standard`; volumes go Available → Bound → Released and are deleted or kept
// per their reclaim policy. Messages and annotations are the upstream ones (pv_controller.go).
import type { KObject, SandboxApi, StoreEvent } from '../types';
import { ApiError } from '../errors';
import { formatTime, splitKey } from './objects';
import { createWorkQueue } from './work-queue';
import { claimClass, findBestMatchForClaim, pvcSpec, pvSpec } from './storage-match';
import { defaultClass, ensureDefaultStorageClass, provision, PROVISION_DELAY_SECONDS, SANDBOX_PROVISIONER } from './storage-provisioner';
export { DEFAULT_CLASS_ANNOTATION, SANDBOX_PROVISIONER } from './storage-provisioner';

const PV_CONTROLLER = 'persistentvolume-controller';
const MANAGER = { fieldManager: 'kube-controller-manager' };
const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const PROVISIONER_ANNOTATIONS = ['volume.beta.kubernetes.io/storage-provisioner', 'volume.kubernetes.io/storage-provisioner'];
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
const PV_PROTECTION = 'kubernetes.io/pv-protection';
const RESYNC_SECONDS = 15;

type Phase = 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed' | 'Lost';

const phaseOf = (o: KObject) => (o.status as { phase?: Phase } | undefined)?.phase;

function isNotFound(err: unknown) {
  return err instanceof ApiError && err.code === 404;
}

function setVolumePhase(api: SandboxApi, pv: KObject, phase: Phase, message?: string): KObject {
  if (phaseOf(pv) === phase) return pv;
  const status: Record<string, unknown> = { phase, lastPhaseTransitionTime: formatTime(api.clock.now()) };
  if (message) status.message = message;
  return api.updateStatus('core/persistentvolumes', { ...pv, status }, MANAGER);
}

function setClaimPhase(api: SandboxApi, pvc: KObject, phase: Phase, extra: Record<string, unknown> = {}): KObject {
  const status: Record<string, unknown> = { ...((pvc.status ?? {}) as Record<string, unknown>), phase, ...extra };
  if (JSON.stringify(status) === JSON.stringify(pvc.status ?? {})) return pvc;
  if (phase !== 'Bound') {
    delete status.accessModes;
    delete status.capacity;
  }
  return api.updateStatus('core/persistentvolumeclaims', { ...pvc, status }, MANAGER);
}

function podsUsingClaim(api: SandboxApi, pvc: KObject): KObject[] {
  return api.list('core/pods', { namespace: pvc.metadata.namespace }).filter((p) => {
    const phase = (p.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return false;
    const vols = ((p.spec as { volumes?: Array<{ persistentVolumeClaim?: { claimName?: string } }> }).volumes) ?? [];
    return vols.some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name);
  });
}

function withoutFinalizer(o: KObject, f: string): KObject {
  return { ...o, metadata: { ...o.metadata, finalizers: (o.metadata.finalizers ?? []).filter((x) => x !== f) } };
}

/** bind(): volume first (claimRef, then phase), claim second (volumeName, then status), as upstream. */
function bind(api: SandboxApi, pv: KObject, pvc: KObject) {
  let volume = pv;
  const ref = pvSpec(volume).claimRef;
  const wantRef = { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, apiVersion: 'v1', resourceVersion: pvc.metadata.resourceVersion };
  if (!ref || ref.uid !== pvc.metadata.uid) {
    const annotations = { ...(volume.metadata.annotations ?? {}) };
    if (!ref) annotations[BOUND_BY_CONTROLLER] = 'yes';
    volume = api.update('core/persistentvolumes', { ...volume, metadata: { ...volume.metadata, annotations }, spec: { ...(volume.spec as object), claimRef: wantRef } }, MANAGER);
  }
  volume = setVolumePhase(api, volume, 'Bound');
  let claim = pvc;
  const spec = pvcSpec(claim);
  if (spec.volumeName !== volume.metadata.name || claim.metadata.annotations?.[BIND_COMPLETED] !== 'yes') {
    const annotations: Record<string, string> = { ...(claim.metadata.annotations ?? {}), [BIND_COMPLETED]: 'yes' };
    if (!spec.volumeName) annotations[BOUND_BY_CONTROLLER] = 'yes';
    claim = api.update('core/persistentvolumeclaims', { ...claim, metadata: { ...claim.metadata, annotations }, spec: { ...spec, volumeName: volume.metadata.name } }, MANAGER);
  }
  setClaimPhase(api, claim, 'Bound', { accessModes: pvSpec(volume).accessModes ?? [], capacity: { ...(pvSpec(volume).capacity ?? {}) } });
}

function provisionOrWait(api: SandboxApi, pvc: KObject, schedule: (key: string, seconds: number) => void) {
  const cls = claimClass(pvc);
  if (!cls) {
    api.recordEvent(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', PV_CONTROLLER);
    return;
  }
  const sc = api.get('storage.k8s.io/storageclasses', undefined, cls);
  if (!sc) {
    api.recordEvent(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`, PV_CONTROLLER);
    return;
  }
  const provisioner = String(sc.provisioner ?? '');
  if (sc.volumeBindingMode === 'WaitForFirstConsumer' && podsUsingClaim(api, pvc).length === 0) {
    api.recordEvent(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', PV_CONTROLLER);
    return;
  }
  if (provisioner === 'kubernetes.io/no-provisioner') {
    api.recordEvent(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', PV_CONTROLLER);
    return;
  }
  if (PROVISIONER_ANNOTATIONS.some((a) => pvc.metadata.annotations?.[a] !== provisioner)) {
    const annotations = { ...(pvc.metadata.annotations ?? {}) };
    for (const a of PROVISIONER_ANNOTATIONS) annotations[a] = provisioner;
    api.update('core/persistentvolumeclaims', { ...pvc, metadata: { ...pvc.metadata, annotations } }, MANAGER);
    api.recordEvent(pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`, PV_CONTROLLER);
    if (provisioner === SANDBOX_PROVISIONER) schedule(`provision:${pvc.metadata.namespace}/${pvc.metadata.name}`, PROVISION_DELAY_SECONDS);
  }
}

function syncClaim(api: SandboxApi, ns: string | undefined, name: string, schedule: (key: string, seconds: number) => void) {
  const pvc = api.get('core/persistentvolumeclaims', ns, name);
  if (!pvc) return;
  if (pvc.metadata.deletionTimestamp) {
    if (pvc.metadata.finalizers?.includes(PVC_PROTECTION) && podsUsingClaim(api, pvc).length === 0) {
      api.update('core/persistentvolumeclaims', withoutFinalizer(pvc, PVC_PROTECTION), MANAGER);
    }
    return;
  }
  if (!pvc.metadata.finalizers?.includes(PVC_PROTECTION)) {
    // The pvc-protection controller adds its finalizer when admission did not.
    api.update('core/persistentvolumeclaims', { ...pvc, metadata: { ...pvc.metadata, finalizers: [...(pvc.metadata.finalizers ?? []), PVC_PROTECTION] } }, MANAGER);
    return;
  }
  const spec = pvcSpec(pvc);
  if (!spec.volumeName) {
    // Retroactive default StorageClass assignment (GA in 1.28) for claims that never named a class.
    if (spec.storageClassName === undefined && !pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class']) {
      const def = defaultClass(api);
      if (def) {
        api.update('core/persistentvolumeclaims', { ...pvc, spec: { ...spec, storageClassName: def.metadata.name } }, MANAGER);
        return;
      }
    }
    const claim = phaseOf(pvc) ? pvc : setClaimPhase(api, pvc, 'Pending');
    const match = findBestMatchForClaim(claim, api.list('core/persistentvolumes'));
    if (match) return bind(api, match, claim);
    return provisionOrWait(api, claim, schedule);
  }
  const pv = api.get('core/persistentvolumes', undefined, spec.volumeName);
  if (!pv) {
    if (phaseOf(pvc) === 'Bound') {
      setClaimPhase(api, pvc, 'Lost');
      api.recordEvent(pvc, 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!', PV_CONTROLLER);
    } else if (!phaseOf(pvc)) {
      setClaimPhase(api, pvc, 'Pending');
    }
    return;
  }
  const ref = pvSpec(pv).claimRef;
  if (!ref || (ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace && (!ref.uid || ref.uid === pvc.metadata.uid))) {
    return bind(api, pv, pvc);
  }
  if (phaseOf(pvc) === 'Bound') {
    setClaimPhase(api, pvc, 'Lost');
    api.recordEvent(pvc, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly', PV_CONTROLLER);
  } else {
    if (!phaseOf(pvc)) setClaimPhase(api, pvc, 'Pending');
    api.recordEvent(pvc, 'Warning', 'FailedBinding', `volume "${pv.metadata.name}" already bound to a different claim.`, PV_CONTROLLER);
  }
}

function syncVolume(api: SandboxApi, name: string) {
  const pv = api.get('core/persistentvolumes', undefined, name);
  if (!pv) return;
  if (pv.metadata.deletionTimestamp) {
    let volume = pv;
    const ref = pvSpec(pv).claimRef;
    if (phaseOf(pv) === 'Bound' && ref?.uid && api.get('core/persistentvolumeclaims', ref.namespace, String(ref.name))?.metadata.uid !== ref.uid) {
      volume = setVolumePhase(api, pv, 'Released');
    }
    // pv-protection: a volume goes only once no claim is bound to it.
    if (volume.metadata.finalizers?.includes(PV_PROTECTION) && phaseOf(volume) !== 'Bound') {
      api.update('core/persistentvolumes', withoutFinalizer(volume, PV_PROTECTION), MANAGER);
    }
    return;
  }
  if (!pv.metadata.finalizers?.includes(PV_PROTECTION)) {
    api.update('core/persistentvolumes', { ...pv, metadata: { ...pv.metadata, finalizers: [...(pv.metadata.finalizers ?? []), PV_PROTECTION] } }, MANAGER);
    return;
  }
  const ref = pvSpec(pv).claimRef;
  if (!ref || !ref.uid) {
    setVolumePhase(api, pv, 'Available');
    return;
  }
  const claim = api.get('core/persistentvolumeclaims', ref.namespace, String(ref.name));
  if (claim && claim.metadata.uid === ref.uid) {
    if (pvcSpec(claim).volumeName === name) setVolumePhase(api, pv, 'Bound');
    else if (!pvcSpec(claim).volumeName && phaseOf(pv) !== 'Available' && phaseOf(pv) !== 'Bound') setVolumePhase(api, pv, 'Available');
    return;
  }
  if (claim && !claim.metadata.deletionTimestamp && !pvcSpec(claim).volumeName && !phaseOf(pv)) {
    setVolumePhase(api, pv, 'Available');
    return;
  }
  // The claim this volume was bound to is gone: release, then reclaim by policy.
  const released = phaseOf(pv) === 'Released' || phaseOf(pv) === 'Failed' ? pv : setVolumePhase(api, pv, 'Released');
  const policy = (pv.spec as { persistentVolumeReclaimPolicy?: string }).persistentVolumeReclaimPolicy ?? 'Retain';
  if (policy === 'Delete') {
    try {
      api.delete('core/persistentvolumes', undefined, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  } else if (policy === 'Recycle') {
    const spec = { ...(released.spec as object) } as Record<string, unknown>;
    delete spec.claimRef;
    const annotations = { ...(released.metadata.annotations ?? {}) };
    delete annotations[BOUND_BY_CONTROLLER];
    const recycled = api.update('core/persistentvolumes', { ...released, metadata: { ...released.metadata, annotations }, spec }, MANAGER);
    setVolumePhase(api, recycled, 'Available');
    api.recordEvent(recycled, 'Normal', 'VolumeRecycled', 'Volume recycled', PV_CONTROLLER);
  }
}

export function startStorageController(api: SandboxApi): { stop(): void } {
  const queue = createWorkQueue(api.clock, (key) => {
    const [kind, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'pv') return syncVolume(api, rest);
    const [ns, name] = splitKey(rest);
    if (kind === 'pvc') return syncClaim(api, ns, name, (k, s) => queue.addAfter(k, s));
    if (kind === 'provision') return provision(api, ns, name);
  }, 'storage');
  const claimKey = (o: KObject) => `pvc:${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const enqueuePendingClaims = () => {
    for (const c of api.list('core/persistentvolumeclaims')) if (!pvcSpec(c).volumeName || phaseOf(c) !== 'Bound') queue.add(claimKey(c));
  };
  const onEvent = (e: StoreEvent) => {
    switch (e.resource) {
      case 'core/persistentvolumeclaims': {
        queue.add(claimKey(e.object));
        const vol = pvcSpec(e.object).volumeName;
        if (vol) queue.add(`pv:${vol}`);
        if (e.type === 'DELETED') {
          for (const pv of api.list('core/persistentvolumes')) if (pvSpec(pv).claimRef?.uid === e.object.metadata.uid) queue.add(`pv:${pv.metadata.name}`);
        }
        break;
      }
      case 'core/persistentvolumes': {
        queue.add(`pv:${e.object.metadata.name}`);
        const ref = pvSpec(e.object).claimRef;
        if (ref?.name) queue.add(`pvc:${ref.namespace ?? ''}/${ref.name}`);
        if (e.type !== 'DELETED' && phaseOf(e.object) === 'Available') enqueuePendingClaims();
        break;
      }
      case 'storage.k8s.io/storageclasses':
        if (e.type !== 'DELETED') enqueuePendingClaims();
        break;
      case 'core/pods': {
        const vols = ((e.object.spec as { volumes?: Array<{ persistentVolumeClaim?: { claimName?: string } }> } | undefined)?.volumes) ?? [];
        for (const v of vols) if (v.persistentVolumeClaim?.claimName) queue.add(`pvc:${e.object.metadata.namespace ?? ''}/${v.persistentVolumeClaim.claimName}`);
        break;
      }
    }
  };
  const unsubscribe = api.subscribe(onEvent);
  ensureDefaultStorageClass(api);
  for (const pv of api.list('core/persistentvolumes')) queue.add(`pv:${pv.metadata.name}`);
  enqueuePendingClaims();
  const cancelResync = api.clock.every(RESYNC_SECONDS, () => {
    for (const c of api.list('core/persistentvolumeclaims')) if (phaseOf(c) !== 'Bound') queue.add(claimKey(c));
  });
  return {
    stop() {
      cancelResync();
      unsubscribe();
      queue.stop();
    },
  };
}
