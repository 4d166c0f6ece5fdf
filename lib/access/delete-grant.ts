import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { authorizeAudited, requireAdmin } from './require';
import { idInput, parseInput } from './validate';

export const deleteGrantInput = z.object({ grantId: idInput('grant') });
export type DeleteGrantInput = z.input<typeof deleteGrantInput>;

export async function deleteGrant(actor: AnyActor | null, input: DeleteGrantInput): Promise<{ id: string }> {
  const rawId = (input as { grantId?: unknown } | null)?.grantId;
  const audit = { action: 'grant.delete', target: typeof rawId === 'string' ? rawId.slice(0, 64) : null } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(deleteGrantInput, input);
  const grant = await db.namespaceGrant.findUnique({
    where: { id: data.grantId },
    select: { id: true, namespace: true, role: true, teamId: true, clusterId: true, team: { select: { name: true } }, cluster: { select: { name: true } } },
  });
  if (!grant) throw notFound('grant');
  return runAudited(
    admin,
    {
      action: 'grant.delete',
      target: `${grant.team.name} → ${grant.cluster.name}/${grant.namespace}`,
      scope: { teamId: grant.teamId, clusterId: grant.clusterId, namespace: grant.namespace },
      params: { grantId: grant.id, role: grant.role },
    },
    async () => {
      await db.namespaceGrant.delete({ where: { id: grant.id } });
      return { id: grant.id };
    },
  );
}
