// The sandbox's resource registry: every served resource with its discovery metadata, defaulting,
// validation, admission, generation rule, field labels and printer.
import type { ResourceDef } from './types';
import { namespaces, nodes } from './cluster-scoped';
import { pods } from './pods';
import { configMaps, secrets } from './config';
import { events } from './events';
import { endpoints, endpointSlices } from './endpoints';
import { services } from './services';
import { deployments, replicaSets, daemonSets, replicationControllers } from './workloads';
import { horizontalPodAutoscalers } from './hpa';
import { ingresses } from './ingress';
import { persistentVolumes, persistentVolumeClaims, storageClasses } from './storage';

export const resources: ResourceDef[] = [
  namespaces,
  nodes,
  pods,
  replicationControllers,
  services,
  endpoints,
  configMaps,
  secrets,
  events,
  persistentVolumes,
  persistentVolumeClaims,
  endpointSlices,
  deployments,
  replicaSets,
  daemonSets,
  horizontalPodAutoscalers,
  ingresses,
  storageClasses,
];

/** `${group||'core'}/${plural}`, the ResourceKey used by the store and SandboxApi. */
export function resourceKey(def: Pick<ResourceDef, 'group' | 'plural'>): string {
  return `${def.group || 'core'}/${def.plural}`;
}

export function findByPlural(group: string, plural: string): ResourceDef | undefined {
  const g = group === 'core' ? '' : group;
  return resources.find((r) => r.group === g && r.plural === plural);
}

export function findByKind(group: string, kind: string): ResourceDef | undefined {
  const g = group === 'core' ? '' : group;
  return resources.find((r) => r.group === g && r.kind === kind);
}

export function findByKey(key: string): ResourceDef | undefined {
  return resources.find((r) => resourceKey(r) === key);
}

/** Every version a resource is served at, preferred (storage) version first. */
export function servedVersions(def: ResourceDef): string[] {
  return [def.version, ...Object.keys(def.versions ?? {})];
}

/** The field selector labels a resource supports (the keys its fieldLabels always returns). */
export function supportedFieldLabels(def: ResourceDef): string[] {
  return Object.keys(def.fieldLabels({ apiVersion: '', kind: def.kind, metadata: {} }));
}

/** Kinds whose field labels upstream converts with a custom function (which words its error differently). */
const customFieldLabelKinds = new Set([
  'core/pods', 'core/nodes', 'core/replicationcontrollers', 'core/events', 'core/namespaces', 'core/secrets', 'core/services', 'apps/replicasets',
]);

/**
 * The 400 BadRequest message for an unsupported field selector label, worded as the version's
 * field label conversion function words it.
 */
export function fieldSelectorError(def: ResourceDef, label: string): string {
  if (customFieldLabelKinds.has(resourceKey(def))) return `field label not supported: ${label}`;
  return `"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
}

export { humanDuration, translateTimestampSince } from './duration';
export { defaultStorageClass } from './storage';
export { hpaV1ToV2, hpaV2ToV1 } from './hpa-convert';
export type { ResourceDef, StatusCause, TableColumn, AdmissionContext } from './types';
