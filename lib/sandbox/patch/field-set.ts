export class FieldSet {}
export function fieldSetFromObject(obj: unknown): FieldSet { void obj; return new FieldSet(); }
export function fieldSetToFieldsV1(set: FieldSet): Record<string, unknown> { void set; return {}; }
export function fieldsV1ToFieldSet(fields: Record<string, unknown>): FieldSet { void fields; return new FieldSet(); }
