'use client';

import type { FormAction } from '@/components/ui/form';
import { ConfirmAction } from './confirm-action';

export function DeleteTeamButton<T>({ team, action }: { team: { id: string; name: string; memberCount: number; grantCount: number }; action: FormAction<T> }) {
  return (
    <ConfirmAction
      action={action}
      fields={{ teamId: team.id }}
      label="Delete"
      accessibleLabel={`Delete team ${team.name}`}
      variant="danger-subtle"
      confirm={{
        title: `Delete team ${team.name}?`,
        description: `Its ${team.memberCount} membership(s) and ${team.grantCount} namespace grant(s) are removed with it. This cannot be undone.`,
        confirmLabel: 'Delete team',
      }}
      successMessage={() => `Deleted team ${team.name}.`}
    />
  );
}

export function RemoveMemberButton<T>({ teamId, member, action }: { teamId: string; member: { userId: string; email: string }; action: FormAction<T> }) {
  return (
    <ConfirmAction
      action={action}
      fields={{ teamId, userId: member.userId }}
      label="Remove"
      accessibleLabel={`Remove ${member.email}`}
      variant="danger-subtle"
      confirm={{ title: `Remove ${member.email}?`, description: "They lose the access this team's grants give.", confirmLabel: 'Remove member' }}
      successMessage={() => `Removed ${member.email}.`}
    />
  );
}

export function DeleteGrantButton<T>({ grant, action }: { grant: { id: string; label: string }; action: FormAction<T> }) {
  return (
    <ConfirmAction
      action={action}
      fields={{ grantId: grant.id }}
      label="Delete"
      accessibleLabel={`Delete grant ${grant.label}`}
      variant="danger-subtle"
      confirm={{ title: 'Delete this grant?', description: `${grant.label}. Members of the team lose this access at once.`, confirmLabel: 'Delete grant' }}
      successMessage={() => `Deleted grant ${grant.label}.`}
    />
  );
}
