// Registers the cluster Berth itself runs in, through the pod's service account.
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited, requireAdmin } from '@/lib/access/require';
import { parseInput } from '@/lib/access/validate';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { requireSecretKey } from '@/lib/env';
import { clusterNameInput, defaultNamespaceInput } from './cluster-input';
import { clusterSummarySelect, toClusterSummary, type ClusterSummary } from './cluster-summary';
import { sealCredentials } from './credentials';
import { ensureClusterNameFree } from './register-kubeconfig-cluster';
import { readPodServiceAccount, type ServiceAccountCredentials } from './service-account';

export const registerInClusterClusterInput = z.object({ name: clusterNameInput, defaultNamespace: defaultNamespaceInput });
export type RegisterInClusterClusterInput = z.input<typeof registerInClusterClusterInput>;

/** `readServiceAccount` is replaceable for tests; in production it reads the pod's mounted files. */
export async function registerInClusterCluster(
  actor: AnyActor | null,
  input: RegisterInClusterClusterInput,
  readServiceAccount: () => Promise<ServiceAccountCredentials> = () => readPodServiceAccount(),
): Promise<ClusterSummary> {
  const rawName = (input as { name?: unknown } | null)?.name;
  const audit = { action: 'cluster.create', target: typeof rawName === 'string' ? rawName.slice(0, 64) : null } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(registerInClusterClusterInput, input);
  await ensureClusterNameFree(data.name);
  const account = await readServiceAccount();
  const key = requireSecretKey();
  const defaultNamespace = data.defaultNamespace ?? account.namespace ?? 'default';
  const params = { name: data.name, source: 'IN_CLUSTER', server: account.server, defaultNamespace };
  return runAudited(admin, { action: 'cluster.create', target: data.name, params }, async () =>
    db.$transaction(async (tx) => {
      const row = await tx.cluster.create({ data: { name: data.name, server: account.server, source: 'IN_CLUSTER', defaultNamespace }, select: { id: true } });
      const sealed = sealCredentials(key, row.id, { token: account.token, caPem: account.caPem });
      return toClusterSummary(await tx.cluster.update({ where: { id: row.id }, data: { sealedCredentials: sealed }, select: clusterSummarySelect }));
    }),
  );
}
