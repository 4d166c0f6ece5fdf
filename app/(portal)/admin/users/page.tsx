import type { Metadata } from 'next';
import { CreateUserDialog } from '@/components/admin/create-user-dialog';
import { UserActions } from '@/components/admin/user-actions';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireAdminPage } from '@/lib/auth/guards';
import { listUsers } from '@/lib/users/list-users';
import { createUserAction, resetUserPasswordAction, setUserDisabledAction } from '../actions';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requireAdminPage();
  const users = await listUsers(actor);
  return (
    <>
      <PageHeader title="Users" description="People who can sign in to Berth. Access comes from their teams' namespace grants." actions={<CreateUserDialog action={createUserAction} />} />
      {users.length === 0 ? (
        <EmptyState title="No users" />
      ) : (
        <Table label="Users">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Teams</Th>
              <Th>Status</Th>
              <Th>Created</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {users.map((user) => (
              <Tr key={user.id}>
                <Td className="font-medium text-slate-900">
                  {user.name}
                  {user.isAdmin ? (
                    <Badge tone="info" className="ml-2">
                      Admin
                    </Badge>
                  ) : null}
                </Td>
                <Td>{user.email}</Td>
                <Td>{user.teams.length ? user.teams.map((team) => `${team.name}${team.role === 'LEAD' ? ' (lead)' : ''}`).join(', ') : <span className="text-slate-400">—</span>}</Td>
                <Td>{user.isDisabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</Td>
                <Td className="whitespace-nowrap tabular-nums">{formatDate(user.createdAt)}</Td>
                <Td>
                  <UserActions
                    user={{ id: user.id, email: user.email, isDisabled: user.isDisabled }}
                    isSelf={user.id === actor.id}
                    setDisabledAction={setUserDisabledAction}
                    resetPasswordAction={resetUserPasswordAction}
                  />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
