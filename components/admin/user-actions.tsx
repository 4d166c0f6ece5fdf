'use client';

import type { FormAction } from '@/components/ui/form';
import { ConfirmAction } from './confirm-action';
import { SecretReveal } from './secret-reveal';

interface UserRef {
  id: string;
  email: string;
  isDisabled: boolean;
}

export function UserActions<D extends { email: string; isDisabled: boolean }, R extends { user: { email: string }; generatedPassword: string | null }>({
  user,
  isSelf,
  setDisabledAction,
  resetPasswordAction,
}: {
  user: UserRef;
  isSelf: boolean;
  setDisabledAction: FormAction<D>;
  resetPasswordAction: FormAction<R>;
}) {
  return (
    <div className="flex justify-end gap-2">
      <ConfirmAction
        action={resetPasswordAction}
        fields={{ userId: user.id }}
        label="Reset password"
        accessibleLabel={`Reset password of ${user.email}`}
        confirm={{
          title: `Reset the password of ${user.email}?`,
          description: 'Berth generates a new password and signs the user out everywhere.',
          confirmLabel: 'Reset password',
        }}
        successMessage={(data) => `Reset the password of ${data.user.email}.`}
        reveal={(data) =>
          data.generatedPassword ? (
            <SecretReveal label={`New password for ${data.user.email}`} value={data.generatedPassword} note="Shown once. Berth stores only a hash of it." />
          ) : null
        }
      />
      {user.isDisabled ? (
        <ConfirmAction
          action={setDisabledAction}
          fields={{ userId: user.id, disabled: 'false' }}
          label="Enable"
          accessibleLabel={`Enable ${user.email}`}
          successMessage={(data) => `Enabled ${data.email}.`}
        />
      ) : isSelf ? null : (
        <ConfirmAction
          action={setDisabledAction}
          fields={{ userId: user.id, disabled: 'true' }}
          label="Disable"
          accessibleLabel={`Disable ${user.email}`}
          variant="danger-subtle"
          confirm={{
            title: `Disable ${user.email}?`,
            description: 'They are signed out at once and cannot sign in until enabled again.',
            confirmLabel: 'Disable user',
          }}
          successMessage={(data) => `Disabled ${data.email}.`}
        />
      )}
    </div>
  );
}
