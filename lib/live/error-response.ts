// The JSON answer of a route handler that refuses before streaming. Codes map to HTTP statuses;
// anything that is not a BerthError is logged with a request id and shown as INTERNAL.
import { randomUUID } from 'node:crypto';
import { BerthError, type ErrorCode } from '@/lib/errors';

const statuses: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN_OR_NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  CLUSTER_UNAVAILABLE: 503,
  CLUSTER_REJECTED: 502,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export function respondWithError(error: unknown): Response {
  const headers = { 'cache-control': 'no-store' };
  if (error instanceof BerthError) {
    const body = { error: { code: error.code, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) } };
    return Response.json(body, { status: statuses[error.code], headers });
  }
  const requestId = randomUUID();
  console.error(`[${requestId}]`, error);
  return Response.json({ error: { code: 'INTERNAL', message: `Something went wrong (request ${requestId}).` } }, { status: 500, headers });
}
