// Pure patch and field-management algorithms of the sandbox API server (no I/O, no store access).
export { applyJsonPatch, parseJsonPatch, type JsonPatchOperation } from './json-patch';
export { applyMergePatch } from './merge-patch';
export { managerFromUserAgent, resolveFieldManager } from './user-agent';
export { applyStrategicMergePatch } from './strategic-merge';
export { applyServerSide } from './server-side-apply';
export { updateManagedFields, fieldSetFromObject } from './managed-fields';
export { formatManagedTime, type ApplyOptions, type UpdateOptions } from './managers';
export { FieldSet, fieldSetToFieldsV1, fieldsV1ToFieldSet, formatFieldPath, type FieldPath } from './field-set';
export { lookupSchema, type GroupVersionKind } from './schema';
