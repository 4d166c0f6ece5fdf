import { ApiError } from '../errors';
import type { GroupVersionKind } from './schema';

export function applyStrategicMergePatch<T>(doc: T, patch: unknown, gvk: GroupVersionKind): T {
  void doc; void patch; void gvk;
  throw new ApiError(500, 'InternalError', 'Internal error occurred: strategic merge patch not implemented yet');
}
