import type { Metadata } from 'next';
import { TeamDetailView } from '@/components/teams/team-detail-view';
import { requirePageActor } from '@/lib/auth/guards';
import { loadOrNotFound } from '@/lib/auth/load-or-not-found';
import { getTeam } from '@/lib/teams/get-team';
import { addTeamMemberAction, removeTeamMemberAction } from '../../admin/actions';

export const metadata: Metadata = { title: 'Team' };

// A member's view of their own team; its LEADs manage members here (the actions check that again).
export default async function TeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const actor = await requirePageActor();
  const { teamId } = await params;
  const team = await loadOrNotFound(() => getTeam(actor, teamId));
  return (
    <TeamDetailView
      team={team}
      breadcrumb={{ href: '/teams', label: 'My teams' }}
      grantsHref={actor.isAdmin ? '/admin/grants' : undefined}
      addMemberAction={addTeamMemberAction}
      removeMemberAction={removeTeamMemberAction}
    />
  );
}
