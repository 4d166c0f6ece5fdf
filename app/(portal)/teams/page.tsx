import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requirePageActor } from '@/lib/auth/guards';
import { listTeams } from '@/lib/teams/list-teams';

export const metadata: Metadata = { title: 'Teams' };

export default async function MyTeamsPage() {
  const actor = await requirePageActor();
  const teams = await listTeams(actor);
  return (
    <>
      <PageHeader
        title={actor.isAdmin ? 'Teams' : 'My teams'}
        description={actor.isAdmin ? 'Every team. Create and delete teams in Admin.' : 'Teams you belong to. Your access comes from their namespace grants.'}
      />
      {teams.length === 0 ? (
        <EmptyState title="You are not in a team yet" description="Ask a platform admin or a team lead to add you." />
      ) : (
        <Table label="Teams">
          <THead>
            <tr>
              <Th>Team</Th>
              <Th>Description</Th>
              <Th>Members</Th>
              <Th>Grants</Th>
            </tr>
          </THead>
          <TBody>
            {teams.map((team) => (
              <Tr key={team.id}>
                <Td>
                  <Link href={`/teams/${team.id}`} className="font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                    {team.name}
                  </Link>
                </Td>
                <Td className="max-w-sm truncate text-slate-600">{team.description || <span className="text-slate-400">—</span>}</Td>
                <Td className="tabular-nums">{team.memberCount}</Td>
                <Td className="tabular-nums">{team.grantCount === 0 ? <Badge tone="warning">None</Badge> : team.grantCount}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
