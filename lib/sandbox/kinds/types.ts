// Shape of a resource definition in lib/sandbox/kinds: everything the generic REST machinery needs to
// serve one resource the way a real API server does.

import type { KObject } from '../types';

export interface StatusCause {
  reason: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate'
    | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTypeInvalid' | 'FieldValueNotFound' | string;
  message: string;
  field: string;
}

export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  /** 0 = default columns, 1 = shown only with -o wide */
  priority: number;
}

export interface AdmissionContext {
  /** Lists stored objects of any resource (deep copies), for allocators and cross-object checks. */
  list(resource: string, namespace?: string): KObject[];
}

export interface ResourceDef {
  group: string;                 // '' for core
  version: string;               // storage/preferred version, e.g. 'v1'
  /** Other served versions with converters to/from the storage version (HPA autoscaling/v1 <-> v2). */
  versions?: Record<string, { toStorage(obj: KObject): KObject; fromStorage(obj: KObject): KObject }>;
  plural: string;
  singular: string;
  kind: string;
  listKind?: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];         // 'all' where upstream has it
  verbs: string[];
  subresources?: Array<'status' | 'scale'>;
  /** Clients may not write this resource (nodes). */
  readOnly?: boolean;
  /** API defaulting applied on create and update (mutates obj). */
  applyDefaults(obj: KObject): void;
  /** Validation; `old` present on update. Empty array = valid. */
  validate(obj: KObject, old?: KObject): StatusCause[];
  /** Admission-time mutation on create/update, e.g. ClusterIP/NodePort allocation. May throw ApiError. */
  admit?(obj: KObject, old: KObject | undefined, ctx: AdmissionContext): void;
  /** True when this change should bump metadata.generation (spec changed, per the registry strategy). */
  bumpsGeneration?(obj: KObject, old: KObject): boolean;
  /** Field values for field selectors, e.g. { 'metadata.name': …, 'status.phase': … }. */
  fieldLabels(obj: KObject): Record<string, string>;
  /** Server-side printing for `kubectl get` (Table). */
  tableColumns: TableColumn[];
  tableRow(obj: KObject, now: Date): unknown[];
}
