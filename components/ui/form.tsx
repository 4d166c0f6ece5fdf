'use client';

import { startTransition, useEffect, useRef } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Result } from '@/lib/errors';
import { useToast } from './toast';

/** The form state every action form keeps: the last result, or null before the first submit. */
export type FormState<T> = Result<T> | null;

/** A server action as useActionState calls it (defineAction's actions have this overload). */
export type FormAction<T> = (previous: FormState<T>, formData: FormData) => Promise<Result<T>>;

export function fieldErrorsOf<T>(state: FormState<T>, field: string): string[] | undefined {
  if (!state || state.ok) return undefined;
  return state.error.fieldErrors?.[field];
}

/** A form-level error summary for errors that belong to no single field. */
export function FormError<T>({ state, shownFields = [] }: { state: FormState<T>; shownFields?: string[] }) {
  if (!state || state.ok) return null;
  const fields = Object.keys(state.error.fieldErrors ?? {});
  // Field messages show next to their fields; anything else (or a form-wide '_') shows here.
  if (fields.length > 0 && !fields.includes('_') && fields.every((field) => shownFields.includes(field))) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
      {state.error.message}
    </p>
  );
}

/**
 * Announces each new result of an action as a toast and runs onSuccess once per success.
 * useActionState returns a fresh object per submit, so identity tells a new result from a re-render.
 */
export function useResultToast<T>(state: FormState<T>, successMessage: (data: T) => string, onSuccess?: (data: T) => void) {
  const { showToast } = useToast();
  const seen = useRef<FormState<T>>(null);
  const onSuccessRef = useRef(onSuccess);
  const messageRef = useRef(successMessage);
  useEffect(() => {
    onSuccessRef.current = onSuccess;
    messageRef.current = successMessage;
  });
  useEffect(() => {
    if (!state || state === seen.current) return;
    seen.current = state;
    if (state.ok) {
      showToast('success', messageRef.current(state.data));
      onSuccessRef.current?.(state.data);
    } else if (Object.keys(state.error.fieldErrors ?? {}).length === 0) {
      // Field errors are already shown next to their fields; a toast would only repeat them.
      showToast('error', state.error.message);
    }
  }, [state, showToast]);
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="flex items-center justify-end gap-2 pt-2">{children}</div>;
}

/**
 * onSubmit for action forms that must keep what was typed when the server rejects it: React resets a
 * form after its action runs, which would wipe the fields next to their error messages. The form's
 * `action` stays set, so it still works before hydration.
 */
export function submitKeepingValues(formAction: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(formData));
  };
}
