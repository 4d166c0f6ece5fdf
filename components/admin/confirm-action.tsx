'use client';

import { useActionState, useState, type ReactNode } from 'react';
import { Button, type ButtonVariant } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormActions, useResultToast, type FormAction, type FormState } from '@/components/ui/form';

/**
 * A button that runs a server action with fixed hidden fields, after a confirmation dialog when
 * `confirm` is given. `reveal` may turn the result into something to show once (a new password).
 */
export function ConfirmAction<T>({
  action,
  fields,
  label,
  accessibleLabel,
  variant = 'secondary',
  confirm,
  successMessage,
  reveal,
}: {
  action: FormAction<T>;
  fields: Record<string, string>;
  label: string;
  accessibleLabel?: string;
  variant?: ButtonVariant;
  confirm?: { title: string; description: ReactNode; confirmLabel: string };
  successMessage: (data: T) => string;
  reveal?: (data: T) => ReactNode | null;
}) {
  const [state, formAction, isPending] = useActionState<FormState<T>, FormData>(action, null);
  const [isOpen, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<ReactNode | null>(null);
  useResultToast(state, successMessage, (data) => {
    const node = reveal?.(data) ?? null;
    setRevealed(node);
    setOpen(node !== null);
  });

  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  const close = () => {
    setOpen(false);
    setRevealed(null);
  };

  if (!confirm && !reveal) {
    return (
      <form action={formAction}>
        {hidden}
        <Button type="submit" size="sm" variant={variant} pending={isPending} aria-label={accessibleLabel}>
          {label}
        </Button>
      </form>
    );
  }

  return (
    <>
      <Button size="sm" variant={variant} onClick={() => setOpen(true)} aria-label={accessibleLabel}>
        {label}
      </Button>
      <Dialog open={isOpen} onClose={close} title={revealed ? 'Done' : (confirm?.title ?? label)} description={revealed ? null : confirm?.description}>
        {revealed ? (
          <>
            {revealed}
            <FormActions>
              <Button onClick={close}>Done</Button>
            </FormActions>
          </>
        ) : (
          <form action={formAction}>
            {hidden}
            {state && !state.ok ? (
              <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
                {state.error.message}
              </p>
            ) : null}
            <FormActions>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" variant={variant === 'danger' || variant === 'danger-subtle' ? 'danger' : 'primary'} pending={isPending}>
                {confirm?.confirmLabel ?? label}
              </Button>
            </FormActions>
          </form>
        )}
      </Dialog>
    </>
  );
}
