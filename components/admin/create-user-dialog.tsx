'use client';

import { useActionState, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { submitKeepingValues, fieldErrorsOf, FormActions, FormError, useResultToast, type FormAction, type FormState } from '@/components/ui/form';
import { Input } from '@/components/ui/input';
import { SecretReveal } from './secret-reveal';

export interface CreatedUserResult {
  user: { email: string };
  generatedPassword: string | null;
}

export function CreateUserDialog<T extends CreatedUserResult>({ action }: { action: FormAction<T> }) {
  const [state, formAction, isPending] = useActionState<FormState<T>, FormData>(action, null);
  const [isOpen, setOpen] = useState(false);
  const [created, setCreated] = useState<T | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useResultToast(state, (data) => `Created ${data.user.email}.`, (data) => {
    setCreated(data);
    formRef.current?.reset();
  });
  const close = () => {
    setOpen(false);
    setCreated(null);
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>Create user</Button>
      <Dialog
        open={isOpen}
        onClose={close}
        title={created ? 'User created' : 'Create user'}
        description={created ? `Give ${created.user.email} this password over a trusted channel.` : 'Berth generates a strong password unless you set one.'}
      >
        {created ? (
          <>
            {created.generatedPassword ? (
              <SecretReveal label="Generated password" value={created.generatedPassword} note="Shown once. Berth stores only a hash of it." />
            ) : (
              <p className="text-sm text-slate-700">The user can sign in with the password you set.</p>
            )}
            <FormActions>
              <Button onClick={close}>Done</Button>
            </FormActions>
          </>
        ) : (
          <form ref={formRef} action={formAction} onSubmit={submitKeepingValues(formAction)} aria-label="Create user" className="space-y-4" noValidate>
            <FormError state={state} shownFields={['email', 'name', 'password', 'isAdmin']} />
            <Field label="Email" errors={fieldErrorsOf(state, 'email')}>
              <Input name="email" type="email" autoComplete="off" required />
            </Field>
            <Field label="Name" hint="Optional; defaults to the part of the email before @." errors={fieldErrorsOf(state, 'name')}>
              <Input name="name" autoComplete="off" />
            </Field>
            <Field label="Password" hint="Optional; at least 12 characters. Leave empty to generate one." errors={fieldErrorsOf(state, 'password')}>
              <Input name="password" type="password" autoComplete="new-password" />
            </Field>
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="isAdmin" className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600" />
              Platform admin
            </label>
            <FormActions>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" pending={isPending}>
                Create user
              </Button>
            </FormActions>
          </form>
        )}
      </Dialog>
    </>
  );
}
