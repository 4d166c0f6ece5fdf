// Berth's closed set of error codes. Results, not exceptions, cross into the UI (STYLE.md).

export const errorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN_OR_NOT_FOUND',
  'INVALID_INPUT',
  'CONFLICT',
  'CLUSTER_UNAVAILABLE',
  'CLUSTER_REJECTED',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type FieldErrors = Record<string, string[]>;

/** An error whose message is safe to show to the user. Anything else is reported as INTERNAL. */
export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  constructor(code: ErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = 'BerthError';
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export interface ActionError {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** The one answer for "does not exist" and "not allowed", so nobody can enumerate other teams' resources. */
export function notFound(what = 'resource'): BerthError {
  return new BerthError('FORBIDDEN_OR_NOT_FOUND', `The ${what} was not found.`);
}
