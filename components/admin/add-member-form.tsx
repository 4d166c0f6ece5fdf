'use client';

import { useActionState, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { submitKeepingValues, fieldErrorsOf, FormError, useResultToast, type FormAction, type FormState } from '@/components/ui/form';
import { Input, Select } from '@/components/ui/input';

export function AddMemberForm<T extends { email: string; role: string }>({ teamId, action }: { teamId: string; action: FormAction<T> }) {
  const [state, formAction, isPending] = useActionState<FormState<T>, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useResultToast(state, (member) => `Added ${member.email} as ${member.role === 'LEAD' ? 'lead' : 'member'}.`, () => formRef.current?.reset());
  return (
    <form ref={formRef} action={formAction} onSubmit={submitKeepingValues(formAction)} aria-label="Add member" className="space-y-4" noValidate>
      <input type="hidden" name="teamId" value={teamId} />
      <FormError state={state} shownFields={['email', 'role']} />
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
        <Field label="Member email" errors={fieldErrorsOf(state, 'email')}>
          <Input name="email" type="email" required autoComplete="off" placeholder="ada@example.com" />
        </Field>
        <Field label="Team role" errors={fieldErrorsOf(state, 'role')}>
          <Select name="role" defaultValue="MEMBER">
            <option value="MEMBER">Member</option>
            <option value="LEAD">Lead</option>
          </Select>
        </Field>
        <Button type="submit" pending={isPending} className="sm:mt-[1.625rem]">
          Add member
        </Button>
      </div>
    </form>
  );
}
