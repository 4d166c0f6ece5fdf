import type { AnyActor } from '@/lib/access/actor';
import { requireActor } from '@/lib/access/require';
import { db } from '@/lib/db';
import { teamSummarySelect, toTeamSummary, type TeamSummary } from './team-summary';

/** Admins see every team; everyone else the teams they belong to. */
export async function listTeams(actor: AnyActor | null): Promise<TeamSummary[]> {
  const signedIn = requireActor(actor);
  const rows = await db.team.findMany({
    where: signedIn.isAdmin ? {} : { memberships: { some: { userId: signedIn.kind === 'user' ? signedIn.id : '' } } },
    select: teamSummarySelect,
    orderBy: { name: 'asc' },
  });
  return rows.map(toTeamSummary);
}
