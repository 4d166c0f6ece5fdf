import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { grantSummarySelect, toGrantSummary, type GrantSummary } from './grant-summary';
import { authorizeAudited, requireAdmin } from './require';
import { grantRoles } from './roles';
import { idInput, invalidField, namespaceInput, parseInput } from './validate';

export const createGrantInput = z.object({
  teamId: idInput('team'),
  clusterId: idInput('cluster'),
  namespace: namespaceInput,
  role: z.enum(grantRoles, { error: `Role must be one of ${grantRoles.join(', ')}.` }),
});
export type CreateGrantInput = z.input<typeof createGrantInput>;

/** Gives a team a role in one namespace of one cluster. */
export async function createGrant(actor: AnyActor | null, input: CreateGrantInput): Promise<GrantSummary> {
  const raw = (input ?? {}) as { teamId?: unknown; clusterId?: unknown; namespace?: unknown };
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 64) : null);
  const audit = {
    action: 'grant.create',
    scope: { teamId: text(raw.teamId), clusterId: text(raw.clusterId), namespace: text(raw.namespace) },
  } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(createGrantInput, input);
  const [team, cluster] = await Promise.all([
    db.team.findUnique({ where: { id: data.teamId }, select: { id: true, name: true } }),
    db.cluster.findUnique({ where: { id: data.clusterId }, select: { id: true, name: true } }),
  ]);
  if (!team) throw invalidField('teamId', 'That team does not exist.');
  if (!cluster) throw invalidField('clusterId', 'That cluster does not exist.');
  const existing = await db.namespaceGrant.findUnique({
    where: { teamId_clusterId_namespace: { teamId: team.id, clusterId: cluster.id, namespace: data.namespace } },
    select: { role: true },
  });
  if (existing) {
    throw invalidField('namespace', `${team.name} already has ${existing.role} in ${cluster.name}/${data.namespace}; delete that grant first.`);
  }
  return runAudited(
    admin,
    {
      action: 'grant.create',
      target: `${team.name} → ${cluster.name}/${data.namespace}`,
      scope: { teamId: team.id, clusterId: cluster.id, namespace: data.namespace },
      params: { role: data.role },
    },
    async () => {
      const row = await db.namespaceGrant.create({
        data: { teamId: team.id, clusterId: cluster.id, namespace: data.namespace, role: data.role },
        select: grantSummarySelect,
      });
      return toGrantSummary(row);
    },
  );
}
