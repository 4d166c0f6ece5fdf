'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { fieldErrorsOf, submitKeepingValues, type FormState } from '@/components/ui/form';
import { Input } from '@/components/ui/input';
import { signInAction } from './actions';

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, isPending] = useActionState<FormState<null>, FormData>(signInAction, null);
  const formError = state && !state.ok && !state.error.fieldErrors ? state.error.message : null;
  return (
    <form action={formAction} onSubmit={submitKeepingValues(formAction)} aria-label="Sign in" className="space-y-5" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-200">
          {formError}
        </p>
      ) : null}
      <Field label="Email" errors={fieldErrorsOf(state, 'email')}>
        <Input name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password" errors={fieldErrorsOf(state, 'password')}>
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" pending={isPending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
