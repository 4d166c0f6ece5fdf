import type { AnyActor } from '@/lib/access/actor';
import { grantSummarySelect, toGrantSummary } from '@/lib/access/grant-summary';
import { requireActor } from '@/lib/access/require';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { teamSummarySelect, toTeamSummary, type TeamDetail } from './team-summary';

/** A team with its members and grants, for admins and the team's own members. */
export async function getTeam(actor: AnyActor | null, teamId: string): Promise<TeamDetail> {
  const signedIn = requireActor(actor);
  const row = teamId
    ? await db.team.findUnique({
        where: { id: teamId },
        select: {
          ...teamSummarySelect,
          memberships: {
            select: { role: true, user: { select: { id: true, email: true, name: true, disabledAt: true } } },
            orderBy: { user: { email: 'asc' } },
          },
          grants: { select: grantSummarySelect, orderBy: [{ cluster: { name: 'asc' } }, { namespace: 'asc' }] },
        },
      })
    : null;
  const viewerRole = row?.memberships.find((m) => signedIn.kind === 'user' && m.user.id === signedIn.id)?.role ?? null;
  if (!row || (!signedIn.isAdmin && viewerRole === null)) throw notFound('team');
  return {
    ...toTeamSummary(row),
    members: row.memberships.map((m) => ({
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      role: m.role,
      isDisabled: m.user.disabledAt !== null,
    })),
    grants: row.grants.map(toGrantSummary),
    viewerRole,
    canManageMembers: signedIn.isAdmin || viewerRole === 'LEAD',
  };
}
