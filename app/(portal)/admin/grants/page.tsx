import type { Metadata } from 'next';
import { CreateGrantForm } from '@/components/admin/create-grant-form';
import { DeleteGrantButton } from '@/components/admin/delete-buttons';
import { GrantRoleBadge } from '@/components/admin/grant-role-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { listGrants } from '@/lib/access/list-grants';
import { requireAdminPage } from '@/lib/auth/guards';
import { listClusters } from '@/lib/clusters/list-clusters';
import { listTeams } from '@/lib/teams/list-teams';
import { createGrantAction, deleteGrantAction } from '../actions';

export const metadata: Metadata = { title: 'Namespace grants' };

export default async function GrantsPage() {
  const actor = await requireAdminPage();
  const [grants, teams, clusters] = await Promise.all([listGrants(actor), listTeams(actor), listClusters(actor)]);
  const canCreate = teams.length > 0 && clusters.length > 0;
  return (
    <>
      <PageHeader
        title="Namespace grants"
        description="A grant gives a team a role in one namespace of one cluster. A member's role is the highest any of their teams holds there."
      />
      <Card title="New grant" className="mb-6">
        {canCreate ? (
          <CreateGrantForm
            teams={teams.map(({ id, name }) => ({ id, name }))}
            clusters={clusters.map(({ id, name }) => ({ id, name }))}
            action={createGrantAction}
          />
        ) : (
          <p className="text-sm text-slate-600">{teams.length === 0 ? 'Create a team first.' : 'Register a cluster first.'}</p>
        )}
      </Card>
      {grants.length === 0 ? (
        <EmptyState title="No grants yet" description="Until a team is granted a namespace, its members see no apps." />
      ) : (
        <Table label="Namespace grants">
          <THead>
            <tr>
              <Th>Team</Th>
              <Th>Cluster</Th>
              <Th>Namespace</Th>
              <Th>Role</Th>
              <Th>Created</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {grants.map((grant) => (
              <Tr key={grant.id}>
                <Td className="font-medium text-slate-900">{grant.teamName}</Td>
                <Td>{grant.clusterName}</Td>
                <Td className="font-mono text-xs">{grant.namespace}</Td>
                <Td>
                  <GrantRoleBadge role={grant.role} />
                </Td>
                <Td className="whitespace-nowrap tabular-nums">{formatDate(grant.createdAt)}</Td>
                <Td className="text-right">
                  <DeleteGrantButton grant={{ id: grant.id, label: `${grant.teamName} → ${grant.clusterName}/${grant.namespace}` }} action={deleteGrantAction} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
