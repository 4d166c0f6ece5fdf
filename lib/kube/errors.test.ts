import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { KubeApplyConflictError, mapKubeError, scrubSecrets } from './errors';

const context = { clusterName: 'prod', target: 'Deployment "web"', timeoutMs: 10_000 };

function apiError(code: number, status: Record<string, unknown>): ApiException<string> {
  return new ApiException(code, 'failure', JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, ...status }), {});
}

describe('mapKubeError', () => {
  it('turns an SSA conflict into CONFLICT naming every field and manager', () => {
    const error = mapKubeError(
      apiError(409, {
        reason: 'Conflict',
        message: 'Apply failed with 2 conflicts: conflicts with "kubectl" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="app"].image',
        details: {
          causes: [
            { reason: 'FieldManagerConflict', message: 'conflict with "kubectl" using apps/v1', field: '.spec.replicas' },
            { reason: 'FieldManagerConflict', message: 'conflict with "helm" with subresource "scale"', field: '.spec.template.spec.containers[name="app"].image' },
          ],
        },
      }),
      context,
    );
    expect(error).toBeInstanceOf(KubeApplyConflictError);
    expect(error.code).toBe('CONFLICT');
    expect((error as KubeApplyConflictError).conflicts).toEqual([
      { field: '.spec.replicas', manager: 'kubectl', description: '"kubectl" using apps/v1' },
      { field: '.spec.template.spec.containers[name="app"].image', manager: 'helm', description: '"helm" with subresource "scale"' },
    ]);
    expect(error.message).toBe(
      'Deployment "web" has fields changed outside Berth: .spec.replicas (changed by kubectl); .spec.template.spec.containers[name="app"].image (changed by helm). A maintainer can force the change to take them over.',
    );
  });

  it('maps stale resourceVersions and AlreadyExists to CONFLICT', () => {
    expect(mapKubeError(apiError(409, { reason: 'Conflict', message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified' }), context)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('changed by someone else'),
    });
    expect(mapKubeError(apiError(409, { reason: 'AlreadyExists', message: 'deployments.apps "web" already exists' }), context)).toMatchObject({
      code: 'CONFLICT',
      message: 'Deployment "web" already exists in cluster prod.',
    });
  });

  it('turns 422 causes into field errors', () => {
    const error = mapKubeError(
      apiError(422, {
        reason: 'Invalid',
        message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        details: { causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }] },
      }),
      context,
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fieldErrors).toEqual({ 'spec.replicas': ['Invalid value: -1: must be greater than or equal to 0'] });
  });

  it('maps 401/403 to CLUSTER_REJECTED, 503/429 to CLUSTER_UNAVAILABLE, 404 to not found, others to CLUSTER_REJECTED', () => {
    expect(mapKubeError(apiError(401, { reason: 'Unauthorized' }), context)).toMatchObject({ code: 'CLUSTER_REJECTED', message: "Berth's credentials for cluster prod were refused (401 Unauthorized)." });
    expect(mapKubeError(apiError(403, { reason: 'Forbidden', message: 'deployments.apps "web" is forbidden: User "x" cannot patch' }), context).code).toBe('CLUSTER_REJECTED');
    expect(mapKubeError(apiError(503, { reason: 'ServiceUnavailable' }), context)).toMatchObject({ code: 'CLUSTER_UNAVAILABLE', message: expect.stringMatching(/^The cluster prod did not answer/) });
    expect(mapKubeError(apiError(429, { reason: 'TooManyRequests' }), context).code).toBe('CLUSTER_UNAVAILABLE');
    expect(mapKubeError(apiError(404, { reason: 'NotFound', message: 'deployments.apps "web" not found' }), context)).toMatchObject({ name: 'KubeNotFoundError', code: 'FORBIDDEN_OR_NOT_FOUND' });
    expect(mapKubeError(apiError(500, { reason: 'InternalError', message: 'etcd is sad' }), context)).toMatchObject({ code: 'CLUSTER_REJECTED', message: 'Cluster prod rejected the request (500 InternalError): etcd is sad' });
    expect(mapKubeError(new ApiException(502, 'bad gateway', '<html>', {}), context).code).toBe('CLUSTER_UNAVAILABLE');
  });

  it('maps network errors and never echoes credentials', () => {
    const refused = Object.assign(new Error('request to https://10.0.0.1/ failed, reason: connect ECONNREFUSED'), { name: 'FetchError', code: 'ECONNREFUSED' });
    expect(mapKubeError(refused, context)).toMatchObject({ code: 'CLUSTER_UNAVAILABLE', message: 'The cluster prod did not answer (connection refused). Try again in a moment.' });
    const aborted = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(mapKubeError(aborted, context).message).toBe('The cluster prod did not answer (no answer within 10 s). Try again in a moment.');
    expect(mapKubeError(new Error('Bearer abc.def'), context)).toMatchObject({ code: 'CLUSTER_REJECTED', message: 'The request to cluster prod failed unexpectedly.' });
    const leaky = mapKubeError(apiError(400, { reason: 'BadRequest', message: 'bad header Authorization: Bearer sekrit-token-123 token: sekrit2' }), context);
    expect(leaky.message).not.toContain('sekrit');
    expect(scrubSecrets('password=hunter2 eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toBe('password=[redacted] [redacted]');
  });
});
