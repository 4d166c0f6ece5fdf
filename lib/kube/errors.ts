// The one mapping from client-node failures (ApiException, network errors, timeouts) to Berth's
// error codes. Messages are built from the Kubernetes Status fields, never from the raw exception
// text (which embeds response headers), and anything that looks like a credential is scrubbed.
import { ApiException } from '@kubernetes/client-node';
import { BerthError, type FieldErrors } from '@/lib/errors';

export interface KubeErrorContext {
  clusterName: string;
  /** What was acted on, for messages: `Deployment "web"`. */
  target?: string;
  timeoutMs?: number;
}

export interface KubeStatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface KubeStatus {
  code?: number;
  reason?: string;
  message?: string;
  details?: { name?: string; kind?: string; causes?: KubeStatusCause[] };
}

/** The object (or namespace) does not exist. Same code as Berth's "not found", so it is safe to surface. */
export class KubeNotFoundError extends BerthError {
  readonly isKubeNotFound = true;
  constructor(message: string) {
    super('FORBIDDEN_OR_NOT_FOUND', message);
    this.name = 'KubeNotFoundError';
  }
}

export interface FieldConflict {
  /** `.spec.replicas` */
  field: string;
  /** `kubectl`, `kube-controller-manager`, `kubectl-client-side-apply` … */
  manager: string;
  /** The manager as Kubernetes described it: `"kubectl" using apps/v1 with subresource "scale"`. */
  description: string;
}

/** A server-side apply conflict: other managers own fields Berth wants to set. */
export class KubeApplyConflictError extends BerthError {
  readonly conflicts: FieldConflict[];
  constructor(message: string, conflicts: FieldConflict[]) {
    const fieldErrors: FieldErrors = {};
    for (const conflict of conflicts) (fieldErrors[conflict.field] ??= []).push(`also managed by ${conflict.manager}`);
    super('CONFLICT', message, fieldErrors);
    this.name = 'KubeApplyConflictError';
    this.conflicts = conflicts;
  }
}

export function isKubeNotFound(error: unknown): error is KubeNotFoundError {
  return error instanceof KubeNotFoundError;
}

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const tlsCodes = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/;

export function scrubSecrets(text: string): string {
  return text
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]')
    .replace(/(token|password|client-key-data|client-certificate-data)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1$2[redacted]')
    .replace(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '[redacted]');
}

function clip(text: string, max = 400): string {
  const clean = scrubSecrets(text).trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

export function parseKubeStatus(body: unknown): KubeStatus | null {
  let value: unknown = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  return value as KubeStatus;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errno = (current as { errno?: unknown }).errno;
    if (typeof errno === 'string') return errno;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function unavailable(context: KubeErrorContext, why: string): BerthError {
  return new BerthError('CLUSTER_UNAVAILABLE', `The cluster ${context.clusterName} did not answer (${why}). Try again in a moment.`);
}

const conflictWith = /conflicts? with "([^"]+)"(.*)$/;

function parseFieldConflicts(status: KubeStatus): FieldConflict[] {
  const conflicts: FieldConflict[] = [];
  for (const cause of status.details?.causes ?? []) {
    if (cause.reason !== 'FieldManagerConflict' || !cause.field) continue;
    const match = conflictWith.exec(cause.message ?? '');
    const manager = match?.[1] ?? 'another manager';
    conflicts.push({ field: cause.field, manager, description: match ? `"${manager}"${match[2]}` : manager });
  }
  return conflicts;
}

function describeConflicts(conflicts: FieldConflict[], context: KubeErrorContext): string {
  const byManager = new Map<string, string[]>();
  for (const conflict of conflicts) byManager.set(conflict.manager, [...(byManager.get(conflict.manager) ?? []), conflict.field]);
  const parts = [...byManager].map(([manager, fields]) => `${fields.join(', ')} (changed by ${manager})`);
  const what = context.target ?? 'The object';
  return `${what} has fields changed outside Berth: ${parts.join('; ')}. A maintainer can force the change to take them over.`;
}

function invalidFieldErrors(status: KubeStatus): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const cause of status.details?.causes ?? []) {
    const key = cause.field && cause.field !== '' ? cause.field : '_';
    (fieldErrors[key] ??= []).push(clip(cause.message ?? cause.reason ?? 'invalid'));
  }
  return fieldErrors;
}

function mapApiException(error: ApiException<unknown>, context: KubeErrorContext): BerthError {
  const status = parseKubeStatus(error.body);
  const reason = status?.reason;
  const serverMessage = status?.message ? clip(status.message) : '';
  switch (error.code) {
    case 404:
      return new KubeNotFoundError(serverMessage ? `Not found in cluster ${context.clusterName}: ${serverMessage}.` : `${context.target ?? 'The object'} was not found in cluster ${context.clusterName}.`);
    case 409: {
      const conflicts = status ? parseFieldConflicts(status) : [];
      if (conflicts.length > 0) return new KubeApplyConflictError(describeConflicts(conflicts, context), conflicts);
      if (reason === 'AlreadyExists') return new BerthError('CONFLICT', `${context.target ?? 'The object'} already exists in cluster ${context.clusterName}.`);
      return new BerthError(
        'CONFLICT',
        `${context.target ?? 'The object'} was changed by someone else in the meantime; reload and try again. (${serverMessage || 'resourceVersion conflict'})`,
      );
    }
    case 422: {
      const fieldErrors = status ? invalidFieldErrors(status) : {};
      return new BerthError('INVALID_INPUT', serverMessage ? `Cluster ${context.clusterName} refused it: ${serverMessage}` : 'The cluster refused the object as invalid.', fieldErrors);
    }
    case 400:
      // Strict field validation ("unknown field") and malformed values land here.
      return new BerthError('INVALID_INPUT', `Cluster ${context.clusterName} refused it${serverMessage ? `: ${serverMessage}` : ' (400 Bad Request).'}`);
    case 401:
      return new BerthError('CLUSTER_REJECTED', `Berth's credentials for cluster ${context.clusterName} were refused (401 Unauthorized).`);
    case 403:
      return new BerthError('CLUSTER_REJECTED', `Berth's credentials for cluster ${context.clusterName} were refused${serverMessage ? `: ${serverMessage}` : ' (403 Forbidden)'}.`);
    case 429:
    case 502:
    case 503:
    case 504:
      return unavailable(context, `${error.code}${reason ? ` ${reason}` : ''}`);
    default:
      return new BerthError(
        'CLUSTER_REJECTED',
        `Cluster ${context.clusterName} rejected the request (${error.code}${reason ? ` ${reason}` : ''})${serverMessage ? `: ${serverMessage}` : '.'}`,
      );
  }
}

/** Maps anything a client-node call can throw to a BerthError whose message is safe to show. */
export function mapKubeError(error: unknown, context: KubeErrorContext): BerthError {
  if (error instanceof BerthError) return error;
  if (error instanceof ApiException) return mapApiException(error, context);
  if (error instanceof Error) {
    const code = errorCode(error);
    if (error.name === 'AbortError' || error.name === 'TimeoutError') {
      const seconds = context.timeoutMs ? ` within ${Math.round(context.timeoutMs / 100) / 10} s` : ' in time';
      return unavailable(context, `no answer${seconds}`);
    }
    if (code && networkCodes.has(code)) return unavailable(context, code === 'ECONNREFUSED' ? 'connection refused' : code);
    if (code && tlsCodes.test(code)) {
      return new BerthError('CLUSTER_REJECTED', `The TLS certificate of cluster ${context.clusterName} could not be verified (${code}); check its CA.`);
    }
    if (error.name === 'FetchError') return unavailable(context, 'network error');
  }
  return new BerthError('CLUSTER_REJECTED', `The request to cluster ${context.clusterName} failed unexpectedly.`);
}

/** Runs one cluster call and maps its failure. */
export async function callKube<T>(context: KubeErrorContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapKubeError(error, context);
  }
}
