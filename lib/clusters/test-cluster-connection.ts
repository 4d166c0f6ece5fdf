// Connection test: is the API server reachable, which version, and may Berth's credentials act in
// the default namespace. Records the outcome on the row (lastContact*), never the credentials.
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { requireAdmin } from '@/lib/access/require';
import { idInput, parseInput } from '@/lib/access/validate';
import { db } from '@/lib/db';
import { BerthError, notFound } from '@/lib/errors';
import { applyObjects, kubeErrorContext } from '@/lib/kube/apply';
import { getKubeClients, type KubeClients } from '@/lib/kube/client';
import { callKube, isKubeNotFound, mapKubeError } from '@/lib/kube/errors';
import { readServerVersion } from '@/lib/kube/read';
import { clusterSummarySelect, toClusterSummary, type ClusterSummary } from './cluster-summary';

export const testClusterConnectionInput = z.object({ clusterId: idInput('cluster') });
export type TestClusterConnectionInput = z.input<typeof testClusterConnectionInput>;

export interface PermissionCheck {
  /** How permission was established: a SelfSubjectAccessReview per verb, or a server-side dry-run apply. */
  method: 'access-review' | 'dry-run';
  allowed: boolean;
  /** `patch deployments.apps/scale` … for what was refused. */
  missing: string[];
}

export interface ClusterConnectionReport {
  reachable: boolean;
  serverVersion: string | null;
  permission: PermissionCheck | null;
  /** Why the test failed (safe to show), or null. */
  error: { code: string; message: string } | null;
  cluster: ClusterSummary;
}

interface Check {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
}

// What Berth's operations need in an app's namespace.
const requiredChecks: Check[] = [
  { verb: 'get', group: 'apps', resource: 'deployments' },
  { verb: 'create', group: 'apps', resource: 'deployments' },
  { verb: 'patch', group: 'apps', resource: 'deployments' },
  { verb: 'delete', group: 'apps', resource: 'deployments' },
  { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale' },
  { verb: 'list', group: 'apps', resource: 'replicasets' },
  { verb: 'list', group: '', resource: 'pods' },
  { verb: 'patch', group: '', resource: 'services' },
  { verb: 'patch', group: '', resource: 'configmaps' },
  { verb: 'patch', group: 'autoscaling', resource: 'horizontalpodautoscalers' },
  { verb: 'patch', group: 'networking.k8s.io', resource: 'ingresses' },
];

function describeCheck(check: Check): string {
  return `${check.verb} ${check.resource}${check.group ? `.${check.group}` : ''}${check.subresource ? `/${check.subresource}` : ''}`;
}

async function reviewAccess(clients: KubeClients, namespace: string): Promise<PermissionCheck | null> {
  const results = await Promise.all(
    requiredChecks.map(async (check) => {
      try {
        const review = await callKube(kubeErrorContext(clients, 'SelfSubjectAccessReview'), () =>
          clients.authorization.createSelfSubjectAccessReview({
            body: {
              apiVersion: 'authorization.k8s.io/v1',
              kind: 'SelfSubjectAccessReview',
              spec: { resourceAttributes: { namespace, verb: check.verb, group: check.group, resource: check.resource, subresource: check.subresource } },
            },
          }),
        );
        return { check, allowed: review.status?.allowed === true };
      } catch (error) {
        // Some servers do not serve the authorization API: fall back to a dry run.
        if (isKubeNotFound(error)) return null;
        throw error;
      }
    }),
  );
  if (results.some((result) => result === null)) return null;
  const missing = results.flatMap((result) => (result && !result.allowed ? [describeCheck(result.check)] : []));
  return { method: 'access-review', allowed: missing.length === 0, missing };
}

async function dryRunApply(clients: KubeClients, namespace: string): Promise<PermissionCheck> {
  const probe = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'berth-connection-test', namespace, labels: { 'app.kubernetes.io/managed-by': 'berth' } },
    data: { purpose: 'Berth connection test (dry run, never stored)' },
  };
  try {
    await applyObjects(clients, [probe], { dryRun: true });
    return { method: 'dry-run', allowed: true, missing: [] };
  } catch (error) {
    if (error instanceof BerthError && error.code === 'CLUSTER_REJECTED') return { method: 'dry-run', allowed: false, missing: [`patch configmaps in ${namespace}`] };
    throw error;
  }
}

export async function testClusterConnection(actor: AnyActor | null, input: TestClusterConnectionInput): Promise<ClusterConnectionReport> {
  requireAdmin(actor);
  const data = parseInput(testClusterConnectionInput, input);
  const cluster = await db.cluster.findUnique({ where: { id: data.clusterId }, select: { id: true, name: true, defaultNamespace: true } });
  if (!cluster) throw notFound('cluster');

  let serverVersion: string | null = null;
  let permission: PermissionCheck | null = null;
  let error: { code: string; message: string } | null = null;
  try {
    const clients = await getKubeClients(cluster.id);
    serverVersion = (await readServerVersion(clients)).gitVersion;
    permission = (await reviewAccess(clients, cluster.defaultNamespace)) ?? (await dryRunApply(clients, cluster.defaultNamespace));
  } catch (caught) {
    const mapped = mapKubeError(caught, { clusterName: cluster.name });
    error = isKubeNotFound(mapped)
      ? { code: mapped.code, message: `Namespace ${cluster.defaultNamespace} does not exist in cluster ${cluster.name}; create it or choose another default namespace.` }
      : { code: mapped.code, message: mapped.message };
  }
  const reachable = serverVersion !== null;
  const ok = reachable && error === null && permission?.allowed === true;
  const lastContactError =
    error?.message ??
    (permission && !permission.allowed ? `Berth's credentials may not act in namespace ${cluster.defaultNamespace}: missing ${permission.missing.join(', ')}.` : null);
  const row = await db.cluster.update({
    where: { id: cluster.id },
    data: { lastContactAt: new Date(), lastContactOk: ok, lastContactError, ...(serverVersion ? { serverVersion } : {}) },
    select: clusterSummarySelect,
  });
  return { reachable, serverVersion, permission, error, cluster: toClusterSummary(row) };
}
