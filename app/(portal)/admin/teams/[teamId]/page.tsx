import type { Metadata } from 'next';
import { TeamDetailView } from '@/components/teams/team-detail-view';
import { requireAdminPage } from '@/lib/auth/guards';
import { loadOrNotFound } from '@/lib/auth/load-or-not-found';
import { getTeam } from '@/lib/teams/get-team';
import { addTeamMemberAction, removeTeamMemberAction } from '../../actions';

export const metadata: Metadata = { title: 'Team' };

export default async function AdminTeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const actor = await requireAdminPage();
  const { teamId } = await params;
  const team = await loadOrNotFound(() => getTeam(actor, teamId));
  return (
    <TeamDetailView
      team={team}
      breadcrumb={{ href: '/admin/teams', label: 'Teams' }}
      grantsHref="/admin/grants"
      addMemberAction={addTeamMemberAction}
      removeMemberAction={removeTeamMemberAction}
    />
  );
}
