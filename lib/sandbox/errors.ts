// Kubernetes Status errors, with the message formats of apimachinery's pkg/api/errors.
import type { StatusCause } from './kinds/types';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) body.details = this.details;
    return body;
  }
}

/** "deployments.apps" or "pods" — the qualified resource as apimachinery prints it. */
export function qualifiedResource(group: string, plural: string): string {
  return group ? `${plural}.${group}` : plural;
}

/** "Deployment.apps" or "Pod" — the qualified kind used in Invalid messages. */
export function qualifiedKind(group: string, kind: string): string {
  return group ? `${kind}.${group}` : kind;
}

export const apiErrors = {
  notFound(group: string, plural: string, name: string): ApiError {
    return new ApiError(404, 'NotFound', `${qualifiedResource(group, plural)} "${name}" not found`, {
      name,
      group: group || undefined,
      kind: plural,
    });
  },
  alreadyExists(group: string, plural: string, name: string): ApiError {
    return new ApiError(409, 'AlreadyExists', `${qualifiedResource(group, plural)} "${name}" already exists`, {
      name,
      group: group || undefined,
      kind: plural,
    });
  },
  conflict(group: string, plural: string, name: string, why: string): ApiError {
    return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(group, plural)} "${name}": ${why}`, {
      name,
      group: group || undefined,
      kind: plural,
    });
  },
  staleUpdate(group: string, plural: string, name: string): ApiError {
    return apiErrors.conflict(group, plural, name, 'the object has been modified; please apply your changes to the latest version and try again');
  },
  invalid(group: string, kind: string, name: string, causes: StatusCause[]): ApiError {
    const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    const list = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
    return new ApiError(422, 'Invalid', `${qualifiedKind(group, kind)} "${name}" is invalid: ${list}`, {
      name,
      group: group || undefined,
      kind,
      causes,
    });
  },
  badRequest(message: string): ApiError {
    return new ApiError(400, 'BadRequest', message);
  },
  unauthorized(): ApiError {
    return new ApiError(401, 'Unauthorized', 'Unauthorized');
  },
  forbidden(message: string): ApiError {
    return new ApiError(403, 'Forbidden', message);
  },
  methodNotSupported(group: string, plural: string, verb: string): ApiError {
    return new ApiError(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualifiedResource(group, plural)}"`, {
      group: group || undefined,
      kind: plural,
    });
  },
  unsupportedMediaType(contentType: string): ApiError {
    return new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`);
  },
  expired(message: string): ApiError {
    return new ApiError(410, 'Expired', message);
  },
  unprocessable(message: string, causes?: StatusCause[]): ApiError {
    return new ApiError(422, 'Invalid', message, causes ? { causes } : undefined);
  },
  serviceUnavailable(message: string): ApiError {
    return new ApiError(503, 'ServiceUnavailable', message);
  },
  timeout(message: string): ApiError {
    return new ApiError(504, 'Timeout', message);
  },
  internal(message: string): ApiError {
    return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
  },
};
