// Pure patch and field-management algorithms of the sandbox API server (no I/O, no store access).
export { applyJsonPatch, parseJsonPatch, type JsonPatchOperation } from './json-patch';
export { applyMergePatch } from './merge-patch';
export { managerFromUserAgent, resolveFieldManager } from './user-agent';
export { applyStrategicMergePatch } from './strategic-merge';
export { applyServerSide, updateManagedFields, type ApplyOptions, type UpdateOptions } from './managed-fields';
export { fieldSetFromObject, fieldSetToFieldsV1, fieldsV1ToFieldSet, FieldSet } from './field-set';
export type { GroupVersionKind } from './schema';
