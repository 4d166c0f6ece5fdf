import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { defaultStorageClass, persistentVolumeClaims as pvcs, persistentVolumes as pvs, storageClasses } from './storage';

const now = new Date('2026-01-01T00:01:00Z');
const messages = (causes: Array<{ field: string; message: string }>) => causes.map((c) => `${c.field}: ${c.message}`);

function pvc(spec: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' }, spec };
}

describe('PersistentVolumeClaim', () => {
  it('defaults volumeMode and phase and takes the default StorageClass on create', () => {
    const claim = pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    pvcs.applyDefaults(claim);
    const sc = defaultStorageClass();
    storageClasses.applyDefaults(sc);
    pvcs.admit?.(claim, undefined, { list: (r) => (r === 'storage.k8s.io/storageclasses' ? [sc] : []) });
    expect(claim.spec).toMatchObject({ volumeMode: 'Filesystem', storageClassName: 'standard' });
    expect(claim.status).toEqual({ phase: 'Pending' });
    expect(pvcs.validate(claim)).toEqual([]);
    expect(pvcs.tableRow(claim, now)).toEqual(['data', 'Pending', '', '', '', 'standard', '<unset>', '60s', 'Filesystem']);
  });

  it('keeps an explicit empty storageClassName', () => {
    const claim = pvc({ storageClassName: '', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    pvcs.admit?.(claim, undefined, { list: () => [defaultStorageClass()] });
    expect((claim.spec as { storageClassName: string }).storageClassName).toBe('');
  });

  it('requires access modes and a positive storage request, and freezes the spec except requests', () => {
    expect(messages(pvcs.validate(pvc({ resources: {} })))).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ]);
    expect(messages(pvcs.validate(pvc({ accessModes: ['ReadWriteSometimes'], resources: { requests: { storage: '0' } } })))).toEqual([
      'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ]);
    const old = pvc({ accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } });
    const grown = pvc({ accessModes: ['ReadWriteOnce'], storageClassName: 'standard', volumeName: 'pv-1', resources: { requests: { storage: '2Gi' } } });
    expect(pvcs.validate(grown, old)).toEqual([]);
    const changed = pvc({ accessModes: ['ReadWriteMany'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } });
    expect(messages(pvcs.validate(changed, old))).toEqual(['spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims']);
  });

  it('prints bound claims with capacity and access modes', () => {
    const claim = pvc({ accessModes: ['ReadWriteOnce'], volumeName: 'pv-1', storageClassName: 'standard', volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } });
    claim.status = { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadWriteMany'] };
    expect(pvcs.tableRow(claim, now).slice(1, 6)).toEqual(['Bound', 'pv-1', '1Gi', 'RWO,RWX', 'standard']);
  });
});

describe('PersistentVolume and StorageClass', () => {
  it('defaults reclaim policy, volume mode and phase; validates the source', () => {
    const pv: KObject = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } };
    pvs.applyDefaults(pv);
    expect(pv.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(pvs.validate(pv)).toEqual([]);
    expect(pvs.tableRow(pv, now)).toEqual(['pv-1', '5Gi', 'RWO', 'Retain', 'Pending', '', '', '<unset>', '', '60s', 'Filesystem']);
    const bare: KObject = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-2' }, spec: {} };
    expect(messages(pvs.validate(bare))).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.capacity: Required value',
      'spec: Required value: must specify a volume type',
    ]);
  });

  it('marks the default class and forbids provisioner changes', () => {
    const sc = defaultStorageClass();
    sc.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    storageClasses.applyDefaults(sc);
    expect(storageClasses.validate(sc)).toEqual([]);
    expect(storageClasses.tableRow(sc, now)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '60s']);
    const changed = { ...structuredClone(sc), provisioner: 'other.io/x' };
    expect(messages(storageClasses.validate(changed, sc))).toEqual(['provisioner: Forbidden: updates to provisioner are forbidden.']);
  });
});
