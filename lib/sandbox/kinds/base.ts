// Builds a ResourceDef from the per-kind pieces, adding what every kind shares: object metadata
// validation, metadata.name/namespace field labels, and Name/Age printing when a kind has no printer.
import type { KObject } from '../types';
import type { AdmissionContext, ResourceDef, StatusCause, TableColumn } from './types';
import { ageColumn, nameColumn } from './columns';
import { translateTimestampSince } from './duration';
import { dedupeCauses, immutableMessage, invalid } from './field-errors';
import { deepEqual } from './json';
import { nameIsDnsSubdomain, validateObjectMeta, type NameValidator } from './names';

export const standardVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface KindSpec {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  subresources?: Array<'status' | 'scale'>;
  readOnly?: boolean;
  versions?: ResourceDef['versions'];
  /** Validator for metadata.name; DNS-1123 subdomain unless the kind says otherwise. */
  nameValidator?: NameValidator;
  defaults?(obj: KObject): void;
  /** Kind-specific validation (metadata is validated by the base). */
  validate?(obj: KObject, old?: KObject): StatusCause[];
  admit?(obj: KObject, old: KObject | undefined, ctx: AdmissionContext): void;
  bumpsGeneration?(obj: KObject, old: KObject): boolean;
  /** Kind-specific field labels; metadata.name (and metadata.namespace when namespaced) are added. */
  fieldLabels?(obj: KObject): Record<string, string>;
  columns?: TableColumn[];
  /** Cells after the Name cell, matching `columns` minus Name. */
  row?(obj: KObject, now: Date): unknown[];
  /** All cells, for printers whose first column is not Name (events). */
  fullRow?(obj: KObject, now: Date): unknown[];
}

function validateMetaUpdate(obj: KObject, old: KObject): StatusCause[] {
  const causes: StatusCause[] = [];
  if ((obj.metadata.name ?? '') !== (old.metadata.name ?? '')) causes.push(invalid('metadata.name', obj.metadata.name ?? '', immutableMessage));
  if ((obj.metadata.namespace ?? '') !== (old.metadata.namespace ?? '')) {
    causes.push(invalid('metadata.namespace', obj.metadata.namespace ?? '', immutableMessage));
  }
  return causes;
}

export function defineResource(spec: KindSpec): ResourceDef {
  const nameFn = spec.nameValidator ?? nameIsDnsSubdomain;
  const columns = spec.columns ?? [nameColumn, ageColumn];
  const row = spec.row ?? ((obj: KObject, now: Date) => [translateTimestampSince(obj.metadata.creationTimestamp, now)]);
  const def: ResourceDef = {
    group: spec.group,
    version: spec.version,
    plural: spec.plural,
    singular: spec.singular,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    namespaced: spec.namespaced,
    verbs: spec.verbs ?? standardVerbs,
    applyDefaults: (obj) => spec.defaults?.(obj),
    validate(obj, old) {
      const causes = validateObjectMeta(obj.metadata, spec.namespaced, nameFn);
      if (old) causes.push(...validateMetaUpdate(obj, old));
      if (spec.validate) causes.push(...spec.validate(obj, old));
      return dedupeCauses(causes);
    },
    fieldLabels(obj) {
      const base: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '' };
      if (spec.namespaced) base['metadata.namespace'] = obj.metadata.namespace ?? '';
      return { ...base, ...(spec.fieldLabels?.(obj) ?? {}) };
    },
    tableColumns: columns,
    tableRow: spec.fullRow ?? ((obj, now) => [obj.metadata.name ?? '', ...row(obj, now)]),
  };
  if (spec.shortNames) def.shortNames = spec.shortNames;
  if (spec.categories) def.categories = spec.categories;
  if (spec.subresources) def.subresources = spec.subresources;
  if (spec.readOnly) def.readOnly = true;
  if (spec.versions) def.versions = spec.versions;
  if (spec.admit) def.admit = spec.admit;
  if (spec.bumpsGeneration) def.bumpsGeneration = spec.bumpsGeneration;
  return def;
}

/** Generation rule of most registry strategies: bump iff spec changed semantically. */
export function specChanged(obj: KObject, old: KObject): boolean {
  return !deepEqual(obj.spec, old.spec);
}
