import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateTeamForm } from '@/components/admin/create-team-form';
import { DeleteTeamButton } from '@/components/admin/delete-buttons';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireAdminPage } from '@/lib/auth/guards';
import { listTeams } from '@/lib/teams/list-teams';
import { createTeamAction, deleteTeamAction } from '../actions';

export const metadata: Metadata = { title: 'Teams' };

export default async function TeamsPage() {
  const actor = await requireAdminPage();
  const teams = await listTeams(actor);
  return (
    <>
      <PageHeader title="Teams" description="Teams hold members and receive roles in namespaces through grants." />
      <Card title="New team" className="mb-6">
        <CreateTeamForm action={createTeamAction} />
      </Card>
      {teams.length === 0 ? (
        <EmptyState title="No teams yet" description="Create a team, add its members, then grant it a role in a namespace." />
      ) : (
        <Table label="Teams">
          <THead>
            <tr>
              <Th>Team</Th>
              <Th>Description</Th>
              <Th>Members</Th>
              <Th>Grants</Th>
              <Th>Created</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {teams.map((team) => (
              <Tr key={team.id}>
                <Td>
                  <Link href={`/admin/teams/${team.id}`} className="font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                    {team.name}
                  </Link>
                </Td>
                <Td className="max-w-sm truncate text-slate-600">{team.description || <span className="text-slate-400">—</span>}</Td>
                <Td className="tabular-nums">{team.memberCount}</Td>
                <Td className="tabular-nums">{team.grantCount}</Td>
                <Td className="whitespace-nowrap tabular-nums">{formatDate(team.createdAt)}</Td>
                <Td className="text-right">
                  <DeleteTeamButton team={team} action={deleteTeamAction} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
