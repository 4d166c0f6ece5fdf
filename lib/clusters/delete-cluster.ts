import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited, requireAdmin } from '@/lib/access/require';
import { idInput, parseInput } from '@/lib/access/validate';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { BerthError, notFound } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { forgetKubeClients } from '@/lib/kube/client';

export const deleteClusterInput = z.object({ clusterId: idInput('cluster') });
export type DeleteClusterInput = z.input<typeof deleteClusterInput>;

/** Forgets a cluster (its grants go with it). Refused while Berth still has apps on it; nothing on the cluster is touched. */
export async function deleteCluster(actor: AnyActor | null, input: DeleteClusterInput): Promise<{ id: string }> {
  const rawId = (input as { clusterId?: unknown } | null)?.clusterId;
  const audit = { action: 'cluster.delete', target: typeof rawId === 'string' ? rawId.slice(0, 64) : null } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(deleteClusterInput, input);
  const cluster = await db.cluster.findUnique({ where: { id: data.clusterId }, select: { id: true, name: true, _count: { select: { apps: true, grants: true } } } });
  if (!cluster) throw notFound('cluster');
  if (cluster._count.apps > 0) {
    throw new BerthError('CONFLICT', `Cluster ${cluster.name} still has ${cluster._count.apps} app(s) managed by Berth; delete them first.`);
  }
  return runAudited(
    admin,
    { action: 'cluster.delete', scope: { clusterId: cluster.id }, target: cluster.name, params: { clusterId: cluster.id, grants: cluster._count.grants } },
    async () => {
      try {
        await db.cluster.delete({ where: { id: cluster.id } });
      } catch (error) {
        // An app registered between the check and the delete: the foreign key refuses, say so plainly.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
          throw new BerthError('CONFLICT', `Cluster ${cluster.name} has apps managed by Berth; delete them first.`);
        }
        throw error;
      }
      forgetKubeClients(cluster.id);
      return { id: cluster.id };
    },
  );
}
