// Who may manage a team's members: platform admins, and the team's own LEADs (DESIGN.md).
import type { AnyActor } from '@/lib/access/actor';
import { requireActor } from '@/lib/access/require';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { TeamRole } from '@/lib/generated/prisma/enums';

export interface TeamManager {
  actor: AnyActor;
  team: { id: string; name: string };
  /** True for a platform admin; false for a LEAD acting on their own team. */
  isAdmin: boolean;
}

export async function findTeamRole(userId: string, teamId: string): Promise<TeamRole | null> {
  const membership = await db.membership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { role: true } });
  return membership?.role ?? null;
}

/** Throws the "not found" answer for a team the actor may not manage, whether or not it exists. */
export async function requireTeamManager(actor: AnyActor | null, teamId: unknown): Promise<TeamManager> {
  const signedIn = requireActor(actor);
  const id = typeof teamId === 'string' ? teamId : '';
  const team = id ? await db.team.findUnique({ where: { id }, select: { id: true, name: true } }) : null;
  if (signedIn.isAdmin) {
    if (!team) throw notFound('team');
    return { actor: signedIn, team, isAdmin: true };
  }
  const role = team && signedIn.kind === 'user' ? await findTeamRole(signedIn.id, team.id) : null;
  if (!team || role !== 'LEAD') throw notFound('team');
  return { actor: signedIn, team, isAdmin: false };
}
