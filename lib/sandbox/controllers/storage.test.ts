import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxApi } from '../api';
import { createClock } from '../clock';
import type { KObject, SandboxApi } from '../types';
import { findBestMatchForClaim, parseStorageBytes } from './storage-match';
import { startStorageController } from './storage';

function pv(name: string, o: { size?: string; modes?: string[]; cls?: string; labels?: Record<string, string>; phase?: string; claimRef?: Record<string, string>; mode?: string } = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, labels: o.labels },
    spec: { capacity: { storage: o.size ?? '10Gi' }, accessModes: o.modes ?? ['ReadWriteOnce'], storageClassName: o.cls ?? '', volumeMode: o.mode, claimRef: o.claimRef, hostPath: { path: '/mnt/data' } },
    status: { phase: o.phase ?? 'Available' },
  };
}

function pvc(name: string, o: { size?: string; modes?: string[]; cls?: string; selector?: object; mode?: string } = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { accessModes: o.modes ?? ['ReadWriteOnce'], storageClassName: o.cls ?? '', resources: { requests: { storage: o.size ?? '5Gi' } }, selector: o.selector, volumeMode: o.mode },
  };
}

describe('PV matching rules', () => {
  it('parses storage quantities', () => {
    expect(parseStorageBytes('10Gi')).toBe(10 * 2 ** 30);
    expect(parseStorageBytes('500M')).toBe(5e8);
    expect(parseStorageBytes('1e3')).toBe(1000);
    expect(parseStorageBytes('x')).toBeUndefined();
  });

  it('picks the smallest Available volume that satisfies class, modes and capacity', () => {
    const vols = [pv('big', { size: '100Gi' }), pv('small', { size: '5Gi' }), pv('tiny', { size: '1Gi' }), pv('medium', { size: '8Gi' })];
    expect(findBestMatchForClaim(pvc('c'), vols)?.metadata.name).toBe('small');
  });

  it('requires the claimed access modes to be a subset of the volume\'s', () => {
    const claim = pvc('c', { modes: ['ReadWriteOnce', 'ReadOnlyMany'] });
    expect(findBestMatchForClaim(claim, [pv('rwo')])).toBeUndefined();
    expect(findBestMatchForClaim(claim, [pv('both', { modes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'] })])?.metadata.name).toBe('both');
  });

  it('requires equal storage classes, matching volumeMode and selector, and Available phase', () => {
    expect(findBestMatchForClaim(pvc('c', { cls: 'ssd' }), [pv('plain')])).toBeUndefined();
    expect(findBestMatchForClaim(pvc('c', { cls: 'ssd' }), [pv('fast', { cls: 'ssd' })])?.metadata.name).toBe('fast');
    expect(findBestMatchForClaim(pvc('c', { mode: 'Block' }), [pv('fs')])).toBeUndefined();
    expect(findBestMatchForClaim(pvc('c', { selector: { matchLabels: { tier: 'gold' } } }), [pv('a', { labels: { tier: 'silver' } }), pv('b', { labels: { tier: 'gold' } })])?.metadata.name).toBe('b');
    expect(findBestMatchForClaim(pvc('c'), [pv('released', { phase: 'Released' })])).toBeUndefined();
    expect(findBestMatchForClaim(pvc('c', { size: '20Gi' }), [pv('small')])).toBeUndefined();
  });

  it('prefers a volume pre-bound to the claim and skips volumes bound to others', () => {
    const claim = pvc('c');
    expect(findBestMatchForClaim(claim, [pv('other', { claimRef: { name: 'x', namespace: 'default' }, phase: 'Bound' }), pv('mine', { size: '50Gi', claimRef: { name: 'c', namespace: 'default' } }), pv('free', { size: '5Gi' })])?.metadata.name).toBe('mine');
  });
});

async function until<T>(fn: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const phase = (o: KObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;

describe('storage controller', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  function setup(): SandboxApi {
    const api = createSandboxApi({ clock: createClock(50) });
    const c = startStorageController(api);
    stop = () => {
      c.stop();
      api.clock.stopAll();
    };
    return api;
  }

  const events = (api: SandboxApi, name: string) => api.list('core/events', { namespace: 'default' }).filter((e) => (e.involvedObject as { name?: string }).name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);

  it('binds the tutorial PV and PVC, then releases and keeps a Retain volume when the claim goes', async () => {
    const api = setup();
    api.create('core/persistentvolumes', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'ssd', capacity: { storage: '10Gi' }, hostPath: { path: '/mnt/mydata' }, persistentVolumeReclaimPolicy: 'Retain' } });
    await until(() => phase(api.get('core/persistentvolumes', undefined, 'pv')) === 'Available', 'pv Available');
    api.create('core/persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pvc', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'ssd', resources: { requests: { storage: '10Gi' } } } });
    const claim = await until(() => {
      const c = api.get('core/persistentvolumeclaims', 'default', 'pvc');
      return phase(c) === 'Bound' ? c : undefined;
    }, 'pvc Bound');
    expect(claim.spec).toMatchObject({ volumeName: 'pv' });
    expect(claim.status).toMatchObject({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } });
    expect(claim.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const vol = await until(() => {
      const v = api.get('core/persistentvolumes', undefined, 'pv');
      return phase(v) === 'Bound' ? v : undefined;
    }, 'pv Bound');
    expect(vol.spec).toMatchObject({ claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'pvc', uid: claim.metadata.uid } });

    api.delete('core/persistentvolumeclaims', 'default', 'pvc');
    await until(() => phase(api.get('core/persistentvolumes', undefined, 'pv')) === 'Released', 'pv Released');
  });

  it('protects claims in use by a pod and volumes still bound (pvc/pv-protection finalizers)', async () => {
    const api = setup();
    api.create('core/persistentvolumes', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'vol' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', capacity: { storage: '1Gi' }, hostPath: { path: '/mnt/v' }, persistentVolumeReclaimPolicy: 'Retain' } });
    api.create('core/persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'used', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '1Gi' } } } });
    const claim = await until(() => {
      const c = api.get('core/persistentvolumeclaims', 'default', 'used');
      return phase(c) === 'Bound' ? c : undefined;
    }, 'claim bound');
    expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(api.get('core/persistentvolumes', undefined, 'vol')?.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    api.create('core/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'user', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'used' } }] } });

    api.delete('core/persistentvolumes', undefined, 'vol');
    api.delete('core/persistentvolumeclaims', 'default', 'used');
    await new Promise((r) => setTimeout(r, 100));
    expect(api.get('core/persistentvolumeclaims', 'default', 'used')?.metadata.deletionTimestamp).toBeTruthy();
    expect(api.get('core/persistentvolumes', undefined, 'vol')?.metadata.deletionTimestamp).toBeTruthy();

    api.delete('core/pods', 'default', 'user');
    await until(() => !api.get('core/persistentvolumeclaims', 'default', 'used'), 'claim removed once unused');
    await until(() => !api.get('core/persistentvolumes', undefined, 'vol'), 'volume removed once released');
  });

  it('keeps a claim without class Pending with the upstream FailedBinding event', async () => {
    const api = setup();
    api.create('core/persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'lonely', namespace: 'default' }, spec: { accessModes: ['ReadWriteMany'], storageClassName: '', resources: { requests: { storage: '1Gi' } } } });
    await until(() => events(api, 'lonely').length > 0, 'event');
    expect(events(api, 'lonely')).toContain('Normal FailedBinding no persistent volumes available for this claim and no storage class is set');
    expect(phase(api.get('core/persistentvolumeclaims', 'default', 'lonely'))).toBe('Pending');
  });

  it('reports a missing storage class as ProvisioningFailed', async () => {
    const api = setup();
    api.create('core/persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'fast', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'ssd', resources: { requests: { storage: '1Gi' } } } });
    await until(() => events(api, 'fast').length > 0, 'event');
    expect(events(api, 'fast')).toContain('Warning ProvisioningFailed storageclass.storage.k8s.io "ssd" not found');
  });

  it('provisions pvc-<uid> through the default class and deletes it with the claim', async () => {
    const api = setup();
    const sc = await until(() => api.get('storage.k8s.io/storageclasses', undefined, 'standard'), 'default class');
    expect(sc.metadata.annotations).toMatchObject({ 'storageclass.kubernetes.io/is-default-class': 'true' });
    const created = api.create('core/persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } });
    const claim = await until(() => {
      const c = api.get('core/persistentvolumeclaims', 'default', 'data');
      return phase(c) === 'Bound' ? c : undefined;
    }, 'provisioned claim Bound');
    const pvName = `pvc-${created.metadata.uid}`;
    expect(claim.spec).toMatchObject({ storageClassName: 'standard', volumeName: pvName });
    const vol = api.get('core/persistentvolumes', undefined, pvName);
    expect(vol?.spec).toMatchObject({ storageClassName: 'standard', persistentVolumeReclaimPolicy: 'Delete', capacity: { storage: '2Gi' } });
    expect(vol?.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/provisioned-by': 'sandbox.berth.dev/hostpath' });
    expect(events(api, 'data')).toContain(`Normal ProvisioningSucceeded Successfully provisioned volume ${pvName}`);

    api.delete('core/persistentvolumeclaims', 'default', 'data');
    await until(() => !api.get('core/persistentvolumes', undefined, pvName), 'provisioned volume deleted');
  });
});
