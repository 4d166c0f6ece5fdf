'use client';

import { useActionState, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { submitKeepingValues, fieldErrorsOf, FormError, useResultToast, type FormAction, type FormState } from '@/components/ui/form';
import { Input } from '@/components/ui/input';

export function CreateTeamForm<T extends { name: string }>({ action }: { action: FormAction<T> }) {
  const [state, formAction, isPending] = useActionState<FormState<T>, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useResultToast(state, (team) => `Created team ${team.name}.`, () => formRef.current?.reset());
  return (
    <form ref={formRef} action={formAction} onSubmit={submitKeepingValues(formAction)} aria-label="Create team" className="space-y-4" noValidate>
      <FormError state={state} shownFields={['name', 'description']} />
      <div className="grid gap-4 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
        <Field label="Team name" errors={fieldErrorsOf(state, 'name')}>
          <Input name="name" required autoComplete="off" placeholder="payments" />
        </Field>
        <Field label="Description" errors={fieldErrorsOf(state, 'description')}>
          <Input name="description" autoComplete="off" placeholder="Optional" />
        </Field>
        <Button type="submit" pending={isPending} className="sm:mt-[1.625rem]">
          Create team
        </Button>
      </div>
    </form>
  );
}
