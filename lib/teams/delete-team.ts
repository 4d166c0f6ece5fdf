import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited, requireAdmin } from '@/lib/access/require';
import { idInput, parseInput } from '@/lib/access/validate';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { BerthError, notFound } from '@/lib/errors';

export const deleteTeamInput = z.object({ teamId: idInput('team') });
export type DeleteTeamInput = z.input<typeof deleteTeamInput>;

/** Deletes the team with its memberships and grants. A team that still owns apps cannot be deleted. */
export async function deleteTeam(actor: AnyActor | null, input: DeleteTeamInput): Promise<{ id: string }> {
  const rawId = (input as { teamId?: unknown } | null)?.teamId;
  const audit = { action: 'team.delete', target: typeof rawId === 'string' ? rawId.slice(0, 64) : null } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(deleteTeamInput, input);
  const team = await db.team.findUnique({ where: { id: data.teamId }, select: { id: true, name: true, _count: { select: { apps: true } } } });
  if (!team) throw notFound('team');
  if (team._count.apps > 0) {
    throw new BerthError('CONFLICT', `Team ${team.name} still owns ${team._count.apps} app(s); delete them first.`);
  }
  return runAudited(admin, { action: 'team.delete', target: team.name, scope: { teamId: team.id }, params: { teamId: team.id } }, async () => {
    await db.team.delete({ where: { id: team.id } });
    return { id: team.id };
  });
}
