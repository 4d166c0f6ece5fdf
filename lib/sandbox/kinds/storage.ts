// PersistentVolumes, PersistentVolumeClaims and StorageClasses: defaults, the DefaultStorageClass
// admission plugin, validation and printers. A fresh sandbox has the default class "standard".
import type { KObject } from '../types';
import type { AdmissionContext, StatusCause } from './types';
import { defineResource } from './base';
import { ageColumn, column, nameColumn, wide } from './columns';
import { translateTimestampSince } from './duration';
import { forbidden, invalid, notSupported, required } from './field-errors';
import { asObject, deepEqual, ensureObject, setDefault, setDefaultString, type JsonObject } from './json';
import { isQualifiedName } from './names';
import { canonicalQuantity, parseQuantity } from './quantity';

const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const defaultClassAnnotation = 'storageclass.kubernetes.io/is-default-class';
const betaClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/** The StorageClass every fresh sandbox has (like kind's "standard"). */
export function defaultStorageClass(): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { [defaultClassAnnotation]: 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

/** helper.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order, deduplicated. */
export function accessModesText(modes: unknown): string {
  const list = Array.isArray(modes) ? modes.map(String) : [];
  const out: string[] = [];
  if (list.includes('ReadWriteOnce')) out.push('RWO');
  if (list.includes('ReadOnlyMany')) out.push('ROX');
  if (list.includes('ReadWriteMany')) out.push('RWX');
  if (list.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

function storageClassOf(obj: KObject): string {
  const beta = obj.metadata.annotations?.[betaClassAnnotation];
  if (beta !== undefined) return beta;
  const name = asObject(obj.spec)?.storageClassName;
  return typeof name === 'string' ? name : '';
}

function validateAccessModes(modes: unknown, path: string): StatusCause[] {
  const list = Array.isArray(modes) ? modes : [];
  if (list.length === 0) return [required(path, 'at least 1 access mode is required')];
  const causes: StatusCause[] = [];
  for (const m of list) if (!accessModes.includes(String(m))) causes.push(notSupported(path, m, accessModes));
  if (list.includes('ReadWriteOncePod') && list.length > 1) causes.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return causes;
}

const volumeSourceKeys = [
  'hostPath', 'local', 'nfs', 'csi', 'gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder',
  'fc', 'flexVolume', 'flocker', 'glusterfs', 'iscsi', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO',
  'storageos', 'vsphereVolume',
];

function validatePersistentVolume(obj: KObject, old?: KObject): StatusCause[] {
  const spec = asObject(obj.spec) ?? {};
  const causes = validateAccessModes(spec.accessModes, 'spec.accessModes');
  const capacity = asObject(spec.capacity);
  if (!capacity || Object.keys(capacity).length === 0) causes.push(required('spec.capacity', ''));
  else if (capacity.storage === undefined) causes.push(notSupported('spec.capacity', Object.keys(capacity)[0], ['storage']));
  else {
    const q = parseQuantity(capacity.storage);
    if (q === undefined || q <= 0) causes.push(invalid('spec.capacity[storage]', capacity.storage, 'must be greater than zero'));
  }
  const sources = volumeSourceKeys.filter((k) => asObject(spec[k]));
  if (sources.length === 0) causes.push(required('spec', 'must specify a volume type'));
  else if (sources.length > 1) causes.push(forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy !== undefined && !['Delete', 'Recycle', 'Retain'].includes(String(policy))) {
    causes.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']));
  }
  if (old && !deepEqual(asObject(old.spec)?.volumeMode, spec.volumeMode)) causes.push(invalid('spec.volumeMode', spec.volumeMode ?? '', 'field is immutable'));
  return causes;
}

export const persistentVolumes = defineResource({
  group: '',
  version: 'v1',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  kind: 'PersistentVolume',
  namespaced: false,
  shortNames: ['pv'],
  subresources: ['status'],
  defaults(obj) {
    const spec = ensureObject(obj, 'spec');
    setDefaultString(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    setDefaultString(spec, 'volumeMode', 'Filesystem');
    setDefaultString(ensureObject(obj, 'status'), 'phase', 'Pending');
  },
  validate: validatePersistentVolume,
  columns: [
    nameColumn,
    column('Capacity', 'string', "capacity is the description of the persistent volume's resources and capacity."),
    column('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted.'),
    column('Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'),
    column('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
    column('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    column('Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
    ageColumn,
    wide('VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.'),
  ],
  row(obj, now) {
    const spec = asObject(obj.spec) ?? {};
    const status = asObject(obj.status) ?? {};
    const claim = asObject(spec.claimRef);
    return [
      canonicalQuantity(asObject(spec.capacity)?.storage ?? '0'),
      accessModesText(spec.accessModes),
      String(spec.persistentVolumeReclaimPolicy ?? ''),
      obj.metadata.deletionTimestamp ? 'Terminating' : String(status.phase ?? ''),
      claim ? `${String(claim.namespace ?? '')}/${String(claim.name ?? '')}` : '',
      storageClassOf(obj),
      typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>',
      String(status.reason ?? ''),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>',
    ];
  },
});

function pvcSpecForUpdateCheck(spec: unknown, old: JsonObject): JsonObject {
  const s = structuredClone(asObject(spec) ?? {});
  const resources = asObject(s.resources);
  if (resources) delete resources.requests;
  delete s.volumeAttributesClassName;
  if (!old.volumeName) delete s.volumeName;
  if (old.storageClassName === undefined) delete s.storageClassName;
  return s;
}

function validateClaim(obj: KObject, old?: KObject): StatusCause[] {
  const spec = asObject(obj.spec) ?? {};
  const causes = validateAccessModes(spec.accessModes, 'spec.accessModes');
  const storage = asObject(asObject(spec.resources)?.requests)?.storage;
  if (storage === undefined) causes.push(required('spec.resources[storage]', ''));
  else {
    const q = parseQuantity(storage);
    if (q === undefined || q <= 0) causes.push(invalid('spec.resources[storage]', storage, 'must be greater than zero'));
  }
  const mode = spec.volumeMode;
  if (mode !== undefined && !['Block', 'Filesystem'].includes(String(mode))) causes.push(notSupported('spec.volumeMode', mode, ['Block', 'Filesystem']));
  if (old) {
    const oldSpec = asObject(old.spec) ?? {};
    if (!deepEqual(pvcSpecForUpdateCheck(spec, oldSpec), pvcSpecForUpdateCheck(oldSpec, oldSpec))) {
      causes.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
    }
  }
  return causes;
}

/** The DefaultStorageClass admission plugin: a claim without storageClassName gets the default class. */
function admitClaim(obj: KObject, old: KObject | undefined, ctx: AdmissionContext): void {
  if (old) return;
  const spec = ensureObject(obj, 'spec');
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  if (obj.metadata.annotations?.[betaClassAnnotation] !== undefined) return;
  const defaults = ctx
    .list('storage.k8s.io/storageclasses')
    .filter((sc) => ['true'].includes(String(sc.metadata.annotations?.[defaultClassAnnotation] ?? '').toLowerCase()))
    .sort((a, b) => String(b.metadata.creationTimestamp ?? '').localeCompare(String(a.metadata.creationTimestamp ?? '')) || String(a.metadata.name).localeCompare(String(b.metadata.name)));
  if (defaults[0]?.metadata.name) spec.storageClassName = defaults[0].metadata.name;
}

export const persistentVolumeClaims = defineResource({
  group: '',
  version: 'v1',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  kind: 'PersistentVolumeClaim',
  namespaced: true,
  shortNames: ['pvc'],
  subresources: ['status'],
  defaults(obj) {
    const spec = ensureObject(obj, 'spec');
    setDefaultString(spec, 'volumeMode', 'Filesystem');
    setDefault(spec, 'resources', {});
    setDefaultString(ensureObject(obj, 'status'), 'phase', 'Pending');
  },
  validate: validateClaim,
  admit: admitClaim,
  columns: [
    nameColumn,
    column('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    column('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    column('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    column('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has.'),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    wide('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.'),
  ],
  row(obj, now) {
    const spec = asObject(obj.spec) ?? {};
    const status = asObject(obj.status) ?? {};
    const bound = typeof spec.volumeName === 'string' && spec.volumeName !== '';
    return [
      obj.metadata.deletionTimestamp ? 'Terminating' : String(status.phase ?? ''),
      bound ? String(spec.volumeName) : '',
      bound ? canonicalQuantity(asObject(status.capacity)?.storage ?? '0') : '',
      bound ? accessModesText(status.accessModes) : '',
      storageClassOf(obj),
      typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>',
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>',
    ];
  },
});

function validateStorageClass(obj: KObject, old?: KObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const provisioner = typeof obj.provisioner === 'string' ? obj.provisioner : '';
  if (!provisioner) causes.push(required('provisioner', ''));
  else for (const msg of isQualifiedName(provisioner.toLowerCase())) causes.push(invalid('provisioner', provisioner, msg));
  if (obj.reclaimPolicy !== undefined && !['Delete', 'Retain'].includes(String(obj.reclaimPolicy))) {
    causes.push(notSupported('reclaimPolicy', obj.reclaimPolicy, ['Delete', 'Retain']));
  }
  if (obj.volumeBindingMode !== undefined && !['Immediate', 'WaitForFirstConsumer'].includes(String(obj.volumeBindingMode))) {
    causes.push(notSupported('volumeBindingMode', obj.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  }
  if (old) {
    if (!deepEqual(obj.parameters ?? {}, old.parameters ?? {})) causes.push(forbidden('parameters', 'updates to parameters are forbidden.'));
    if (obj.provisioner !== old.provisioner) causes.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (obj.reclaimPolicy !== old.reclaimPolicy) causes.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    if (obj.volumeBindingMode !== old.volumeBindingMode) causes.push(forbidden('volumeBindingMode', 'field is immutable'));
  }
  return causes;
}

export const storageClasses = defineResource({
  group: 'storage.k8s.io',
  version: 'v1',
  plural: 'storageclasses',
  singular: 'storageclass',
  kind: 'StorageClass',
  namespaced: false,
  shortNames: ['sc'],
  defaults(obj) {
    if (typeof obj.reclaimPolicy !== 'string' || !obj.reclaimPolicy) obj.reclaimPolicy = 'Delete';
    if (typeof obj.volumeBindingMode !== 'string' || !obj.volumeBindingMode) obj.volumeBindingMode = 'Immediate';
  },
  validate: validateStorageClass,
  columns: [
    nameColumn,
    column('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
    column('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
    column('VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used.'),
    column('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
    ageColumn,
  ],
  fullRow(obj, now) {
    const isDefault = ['true'].includes(String(obj.metadata.annotations?.[defaultClassAnnotation] ?? obj.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] ?? '').toLowerCase());
    return [
      `${obj.metadata.name ?? ''}${isDefault ? ' (default)' : ''}`,
      String(obj.provisioner ?? ''),
      String(obj.reclaimPolicy ?? 'Delete'),
      String(obj.volumeBindingMode ?? 'Immediate'),
      obj.allowVolumeExpansion === true,
      translateTimestampSince(obj.metadata.creationTimestamp, now),
    ];
  },
});
