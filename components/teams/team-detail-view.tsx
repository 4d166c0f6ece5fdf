import Link from 'next/link';
import { AddMemberForm } from '@/components/admin/add-member-form';
import { RemoveMemberButton } from '@/components/admin/delete-buttons';
import { GrantRoleBadge } from '@/components/admin/grant-role-badge';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { FormAction } from '@/components/ui/form';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';

interface TeamView {
  id: string;
  name: string;
  description: string;
  canManageMembers: boolean;
  members: { userId: string; email: string; name: string; role: string; isDisabled: boolean }[];
  grants: { id: string; clusterName: string; namespace: string; role: string }[];
}

/** One team's members and grants: the admin page and a lead's own team page show the same thing. */
export function TeamDetailView<A extends { email: string; role: string }, R>({
  team,
  breadcrumb,
  grantsHref,
  addMemberAction,
  removeMemberAction,
}: {
  team: TeamView;
  breadcrumb: { href: string; label: string };
  /** Where grants are managed; only admins get the link. */
  grantsHref?: string;
  addMemberAction: FormAction<A>;
  removeMemberAction: FormAction<R>;
}) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={breadcrumb.href} className="text-slate-600 underline decoration-slate-300 underline-offset-4 hover:text-slate-900 hover:decoration-slate-500">
          {breadcrumb.label}
        </Link>
        <span aria-hidden="true" className="mx-2 text-slate-400">
          /
        </span>
        <span aria-current="page" className="text-slate-900">
          {team.name}
        </span>
      </nav>
      <PageHeader title={team.name} description={team.description || 'Members of this team share its namespace grants.'} />

      <div className="space-y-6">
        {team.canManageMembers ? (
          <Card title="Add a member" description="Leads may add and remove members of their own team.">
            <AddMemberForm teamId={team.id} action={addMemberAction} />
          </Card>
        ) : null}

        <section aria-labelledby="members-heading" className="space-y-3">
          <h2 id="members-heading" className="text-base font-semibold text-slate-900">
            Members <span className="font-normal text-slate-500">({team.members.length})</span>
          </h2>
          {team.members.length === 0 ? (
            <EmptyState title="No members yet" description="Add people by the email they sign in with." />
          ) : (
            <Table label="Members">
              <THead>
                <tr>
                  <Th>Name</Th>
                  <Th>Email</Th>
                  <Th>Role</Th>
                  {team.canManageMembers ? (
                    <Th className="text-right">
                      <span className="sr-only">Actions</span>
                    </Th>
                  ) : null}
                </tr>
              </THead>
              <TBody>
                {team.members.map((member) => (
                  <Tr key={member.userId}>
                    <Td className="font-medium text-slate-900">
                      {member.name}
                      {member.isDisabled ? (
                        <Badge tone="danger" className="ml-2">
                          Disabled
                        </Badge>
                      ) : null}
                    </Td>
                    <Td>{member.email}</Td>
                    <Td>{member.role === 'LEAD' ? <Badge tone="info">Lead</Badge> : <Badge>Member</Badge>}</Td>
                    {team.canManageMembers ? (
                      <Td className="text-right">
                        <RemoveMemberButton teamId={team.id} member={member} action={removeMemberAction} />
                      </Td>
                    ) : null}
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </section>

        <section aria-labelledby="grants-heading" className="space-y-3">
          <div className="flex items-center justify-between">
            <h2 id="grants-heading" className="text-base font-semibold text-slate-900">
              Namespace grants <span className="font-normal text-slate-500">({team.grants.length})</span>
            </h2>
            {grantsHref ? (
              <Link href={grantsHref} className="text-sm font-medium text-indigo-700 underline decoration-indigo-300 underline-offset-4 hover:decoration-indigo-600">
                Manage grants
              </Link>
            ) : null}
          </div>
          {team.grants.length === 0 ? (
            <EmptyState title="No grants" description="This team cannot see or change any namespace yet." />
          ) : (
            <Table label="Team grants">
              <THead>
                <tr>
                  <Th>Cluster</Th>
                  <Th>Namespace</Th>
                  <Th>Role</Th>
                </tr>
              </THead>
              <TBody>
                {team.grants.map((grant) => (
                  <Tr key={grant.id}>
                    <Td>{grant.clusterName}</Td>
                    <Td className="font-mono text-xs">{grant.namespace}</Td>
                    <Td>
                      <GrantRoleBadge role={grant.role} />
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </section>
      </div>
    </>
  );
}
