// Shared contract of the sandbox cluster: the object model, the internal API that REST handlers
// and controllers both go through, and the resource-definition shape of lib/sandbox/kinds.
// The sandbox is a separate program: nothing outside lib/sandbox imports this but the launcher and tests.

import type { Clock } from './clock';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

/** Any Kubernetes object as JSON. Specific shapes are read with small typed accessors where needed. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/**
 * Identifies a resource independent of version: `${group}/${plural}` with group "core" for the legacy
 * group, e.g. "core/pods", "apps/deployments", "autoscaling/horizontalpodautoscalers",
 * "networking.k8s.io/ingresses", "discovery.k8s.io/endpointslices".
 */
export type ResourceKey = string;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Emitted synchronously after each committed write, in resourceVersion order. */
export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceKey;
  object: KObject;
  /** The object before this write (MODIFIED and DELETED). */
  old?: KObject;
}

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export interface WriteOptions {
  /** Field manager recorded in managedFields; controllers use their upstream names, e.g. "kube-controller-manager". */
  fieldManager?: string;
  dryRun?: boolean;
}

/**
 * The in-process API of the sandbox: the same defaulting, validation, admission (allocation),
 * optimistic concurrency, managedFields bookkeeping, generation rules and garbage collection as the
 * REST handlers, without HTTP. Controllers use only this. Every read returns a deep copy.
 * Writes throw `ApiError` (lib/sandbox/errors.ts) exactly where the REST API would answer with a Status.
 */
export interface SandboxApi {
  readonly clock: Clock;
  get(resource: ResourceKey, namespace: string | undefined, name: string): KObject | undefined;
  list(resource: ResourceKey, opts?: { namespace?: string; labelSelector?: string; fieldSelector?: string }): KObject[];
  create(resource: ResourceKey, obj: KObject, opts?: WriteOptions): KObject;
  /** PUT of the main resource. A set metadata.resourceVersion is a precondition (409 Conflict when stale). */
  update(resource: ResourceKey, obj: KObject, opts?: WriteOptions): KObject;
  /** PUT of the status subresource: only status (and metadata the strategy allows) changes; generation never bumps. */
  updateStatus(resource: ResourceKey, obj: KObject, opts?: WriteOptions): KObject;
  delete(
    resource: ResourceKey,
    namespace: string | undefined,
    name: string,
    opts?: {
      propagationPolicy?: PropagationPolicy;
      preconditions?: { uid?: string; resourceVersion?: string };
      /** Pods bound to a node terminate gracefully (deletionTimestamp first) unless this is 0. */
      gracePeriodSeconds?: number;
    },
  ): KObject | undefined;
  /** Listener runs synchronously after every committed write. Returns an unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** Records a core/v1 Event about `involved` (aggregating repeats into count/lastTimestamp as upstream). */
  recordEvent(involved: KObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void;
}

export interface ControllerHandle {
  stop(): void;
}
