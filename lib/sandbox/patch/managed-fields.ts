import { ApiError } from '../errors';
import type { KObject, ManagedFieldsEntry } from '../types';

export interface UpdateOptions {
  /** Field manager (explicit ?fieldManager= or managerFromUserAgent). */
  manager: string;
  /** apiVersion of the request, e.g. "apps/v1". */
  apiVersion: string;
  now: Date;
  /** "status" or "scale" for subresource writes. */
  subresource?: string;
}

export interface ApplyOptions extends UpdateOptions {
  force: boolean;
}

export function updateManagedFields(old: KObject | undefined, updated: KObject, opts: UpdateOptions): ManagedFieldsEntry[] {
  void old; void opts;
  return updated.metadata.managedFields ?? [];
}

export function applyServerSide(live: KObject | undefined, applied: KObject, opts: ApplyOptions): KObject {
  void live; void applied; void opts;
  throw new ApiError(500, 'InternalError', 'Internal error occurred: server-side apply not implemented yet');
}
