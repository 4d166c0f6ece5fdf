// Registers a cluster from a pasted or uploaded kubeconfig: only the chosen context, its cluster and
// its user are kept, sealed under BERTH_SECRET_KEY with the new row's id as associated data.
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited, requireAdmin } from '@/lib/access/require';
import { invalidField, parseInput } from '@/lib/access/validate';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { requireSecretKey } from '@/lib/env';
import { extractKubeconfigContext } from '@/lib/kube/kubeconfig';
import { clusterNameInput, contextNameInput, defaultNamespaceInput, kubeconfigTextInput } from './cluster-input';
import { clusterSummarySelect, toClusterSummary, type ClusterSummary } from './cluster-summary';
import { sealCredentials } from './credentials';

export const registerKubeconfigClusterInput = z.object({
  name: clusterNameInput,
  kubeconfig: kubeconfigTextInput,
  context: contextNameInput,
  defaultNamespace: defaultNamespaceInput,
});
export type RegisterKubeconfigClusterInput = z.input<typeof registerKubeconfigClusterInput>;

export async function ensureClusterNameFree(name: string): Promise<void> {
  const existing = await db.cluster.findFirst({ where: { name: { equals: name, mode: 'insensitive' } }, select: { id: true } });
  if (existing) throw invalidField('name', `A cluster named ${name} already exists.`);
}

export async function registerKubeconfigCluster(actor: AnyActor | null, input: RegisterKubeconfigClusterInput): Promise<ClusterSummary> {
  const rawName = (input as { name?: unknown } | null)?.name;
  const audit = { action: 'cluster.create', target: typeof rawName === 'string' ? rawName.slice(0, 64) : null } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(registerKubeconfigClusterInput, input);
  const extracted = extractKubeconfigContext(data.kubeconfig, data.context);
  await ensureClusterNameFree(data.name);
  const key = requireSecretKey();
  const defaultNamespace = data.defaultNamespace ?? extracted.namespace ?? 'default';
  const params = { name: data.name, source: 'KUBECONFIG', server: extracted.server, context: extracted.context, auth: extracted.authKind, defaultNamespace };
  return runAudited(admin, { action: 'cluster.create', target: data.name, params }, async () =>
    db.$transaction(async (tx) => {
      const row = await tx.cluster.create({ data: { name: data.name, server: extracted.server, source: 'KUBECONFIG', defaultNamespace }, select: { id: true } });
      const sealed = sealCredentials(key, row.id, { kubeconfig: extracted.kubeconfig, context: extracted.context });
      return toClusterSummary(await tx.cluster.update({ where: { id: row.id }, data: { sealedCredentials: sealed }, select: clusterSummarySelect }));
    }),
  );
}
