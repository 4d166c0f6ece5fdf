// Replaces a cluster's credentials (a new kubeconfig, or the pod's service account re-read) and/or its
// default namespace. The gateway notices the new updatedAt and rebuilds its client.
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited, requireAdmin } from '@/lib/access/require';
import { idInput, invalidField, parseInput } from '@/lib/access/validate';
import { runAudited, type AuditParams } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { requireSecretKey } from '@/lib/env';
import { BerthError, notFound } from '@/lib/errors';
import { extractKubeconfigContext } from '@/lib/kube/kubeconfig';
import { contextNameInput, defaultNamespaceInput, kubeconfigTextInput } from './cluster-input';
import { clusterSummarySelect, toClusterSummary, type ClusterSummary } from './cluster-summary';
import { sealCredentials, type ClusterCredentials } from './credentials';
import { readPodServiceAccount, type ServiceAccountCredentials } from './service-account';

export const updateClusterCredentialsInput = z.object({
  clusterId: idInput('cluster'),
  kubeconfig: kubeconfigTextInput.optional(),
  context: contextNameInput,
  defaultNamespace: defaultNamespaceInput,
});
export type UpdateClusterCredentialsInput = z.input<typeof updateClusterCredentialsInput>;

export async function updateClusterCredentials(
  actor: AnyActor | null,
  input: UpdateClusterCredentialsInput,
  readServiceAccount: () => Promise<ServiceAccountCredentials> = () => readPodServiceAccount(),
): Promise<ClusterSummary> {
  const rawId = (input as { clusterId?: unknown } | null)?.clusterId;
  const audit = { action: 'cluster.update', target: typeof rawId === 'string' ? rawId.slice(0, 64) : null } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(updateClusterCredentialsInput, input);
  const cluster = await db.cluster.findUnique({ where: { id: data.clusterId }, select: { id: true, name: true, source: true, server: true } });
  if (!cluster) throw notFound('cluster');

  let credentials: ClusterCredentials | null = null;
  let server = cluster.server;
  const params: AuditParams = { clusterId: cluster.id, defaultNamespace: data.defaultNamespace };
  if (cluster.source === 'KUBECONFIG') {
    if (data.kubeconfig !== undefined) {
      const extracted = extractKubeconfigContext(data.kubeconfig, data.context);
      credentials = { kubeconfig: extracted.kubeconfig, context: extracted.context };
      server = extracted.server;
      Object.assign(params, { server, context: extracted.context, auth: extracted.authKind });
    }
  } else if (cluster.source === 'IN_CLUSTER') {
    if (data.kubeconfig !== undefined) throw invalidField('kubeconfig', 'This cluster uses the pod service account; it takes no kubeconfig.');
    const account = await readServiceAccount();
    credentials = { token: account.token, caPem: account.caPem };
    server = account.server;
    Object.assign(params, { server, serviceAccount: 're-read' });
  } else if (data.kubeconfig !== undefined) {
    throw new BerthError('INVALID_INPUT', 'The sandbox cluster’s credentials are managed by the quickstart.', { kubeconfig: ['managed by the quickstart'] });
  }
  if (credentials === null && data.defaultNamespace === undefined) throw invalidField('kubeconfig', 'Nothing to update: paste a kubeconfig or change the default namespace.');

  const key = credentials ? requireSecretKey() : null;
  return runAudited(admin, { action: 'cluster.update', scope: { clusterId: cluster.id }, target: cluster.name, params }, async () => {
    const row = await db.cluster.update({
      where: { id: cluster.id },
      data: {
        ...(credentials && key ? { sealedCredentials: sealCredentials(key, cluster.id, credentials), server, lastContactAt: null, lastContactOk: null, lastContactError: null } : {}),
        ...(data.defaultNamespace ? { defaultNamespace: data.defaultNamespace } : {}),
      },
      select: clusterSummarySelect,
    });
    return toClusterSummary(row);
  });
}
