'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type ReactNode } from 'react';
import { DiffView, type DiffContent } from '@/components/revision-diff/diff-view';
import { Button, type ButtonVariant } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { useToast } from '@/components/ui/toast';
import type { ActionError, FieldErrors, Result } from '@/lib/errors';
import { ActionErrorNotice } from './action-error';

export type FormValues = Record<string, string>;

/** What an operation answers: a preview (dry run + diff) or the change it made. */
export type ChangeAnswer = ({ kind: 'preview' } & DiffContent) | { kind: 'applied' | 'deleted'; appId?: string };

export type RunChange = (values: FormValues, options: { preview: boolean; force: boolean }) => Promise<Result<ChangeAnswer>>;

export interface ChangeDialogProps {
  triggerLabel: string;
  /** When several triggers share a label (one per row), the name that tells them apart. */
  triggerAccessibleLabel?: string;
  title: string;
  description?: ReactNode;
  triggerVariant?: ButtonVariant;
  confirmLabel: string;
  /** Red confirm button and, with `confirmText`, the user types it to enable the button. */
  destructive?: boolean;
  confirmText?: string;
  canForce?: boolean;
  /** Controlled by name (FormData); re-rendered with the server's field errors. */
  fields?: (errors: FieldErrors) => ReactNode;
  run: RunChange;
  successMessage: string;
  onApplied?: () => void;
}

type Phase = 'idle' | 'previewing' | 'applying';

/**
 * Every change to an app the same way: fill in → preview (the server's dry run, as a diff) → confirm.
 * Nothing is applied before the user has seen what it changes.
 */
export function ChangeDialog(props: ChangeDialogProps) {
  const { triggerLabel, triggerAccessibleLabel, title, description, triggerVariant = 'secondary', confirmLabel, destructive, confirmText, canForce, fields, run, successMessage, onApplied } = props;
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [preview, setPreview] = useState<DiffContent | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [force, setForce] = useState(false);
  const [typed, setTyped] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const previewShownAt = useRef(0);
  const router = useRouter();
  const { showToast } = useToast();

  const values = (): FormValues => {
    const out: FormValues = {};
    if (!formRef.current) return out;
    for (const [key, value] of new FormData(formRef.current).entries()) if (typeof value === 'string' && !key.startsWith('__')) out[key] = value;
    return out;
  };

  const askPreview = async (withForce = force) => {
    setPhase('previewing');
    setError(null);
    setPreview(null);
    const result = await run(values(), { preview: true, force: withForce }).catch((): Result<ChangeAnswer> => ({ ok: false, error: { code: 'INTERNAL', message: 'The server could not be reached.' } }));
    setPhase('idle');
    if (!result.ok) return setError(result.error);
    if (result.data.kind === 'preview') {
      previewShownAt.current = Date.now();
      setPreview(result.data);
    }
  };

  const apply = async () => {
    setPhase('applying');
    setError(null);
    const result = await run(values(), { preview: false, force }).catch((): Result<ChangeAnswer> => ({ ok: false, error: { code: 'INTERNAL', message: 'The server could not be reached.' } }));
    setPhase('idle');
    if (!result.ok) return setError(result.error);
    showToast('success', successMessage);
    setOpen(false);
    if (onApplied) onApplied();
    else router.refresh();
  };

  const reset = () => {
    setPreview(null);
    setError(null);
    setForce(false);
    setTyped('');
  };

  const openDialog = () => {
    reset();
    setOpen(true);
    // Without fields there is nothing to fill in: the preview is the first thing to see.
    if (!fields) void askPreview(false);
  };

  const fieldErrors = error?.fieldErrors ?? {};
  const confirmBlocked = confirmText !== undefined && typed !== confirmText;

  return (
    <>
      <Button variant={triggerVariant} size="sm" aria-label={triggerAccessibleLabel} onClick={openDialog}>
        {triggerLabel}
      </Button>
      <Modal open={open} onClose={() => setOpen(false)} title={title} description={description}>
        <form
          ref={formRef}
          noValidate
          onChange={(event) => {
            // Typing the confirmation is not a change to what was previewed.
            const target = event.target;
            const name = target instanceof HTMLInputElement ? target.name : '';
            if (preview && !name.startsWith('__')) setPreview(null);
          }}
          onSubmit={(event) => {
            event.preventDefault();
            // A double click on "Preview" must not confirm what the user has not had time to read.
            if (preview && !confirmBlocked && Date.now() - previewShownAt.current > 400) void apply();
            else if (!preview) void askPreview();
          }}
          className="space-y-4"
        >
          {fields ? <div className="space-y-4">{fields(fieldErrors)}</div> : null}
          {error ? (
            <ActionErrorNotice
              error={error}
              pending={phase !== 'idle'}
              onForce={canForce ? () => (setForce(true), void askPreview(true)) : undefined}
              onRetry={() => void askPreview()}
            />
          ) : null}
          {phase === 'previewing' ? (
            <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
              <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent" />
              Asking the cluster for a dry run…
            </p>
          ) : null}
          {preview ? (
            <section aria-label="Preview of the change" className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">What will change{force ? ' (forced)' : ''}</h3>
              <DiffView diff={preview} label="Change preview" maxHeight="max-h-72" />
            </section>
          ) : null}
          {preview && confirmText !== undefined ? (
            <Field label={`Type ${confirmText} to confirm`}>
              <Input name="__confirm" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
            </Field>
          ) : null}
          <div className="sticky bottom-0 -mx-6 flex flex-wrap items-center justify-end gap-2 border-t border-slate-100 bg-white px-6 py-4">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            {/* Separate keys: a click meant for "Preview" must never land on the confirm button that replaces it. */}
            {preview ? (
              <Button key="confirm" type="submit" variant={destructive ? 'danger' : 'primary'} pending={phase === 'applying'} disabled={confirmBlocked || phase !== 'idle'}>
                {confirmLabel}
              </Button>
            ) : fields ? (
              <Button key="preview" type="submit" variant="primary" pending={phase === 'previewing'} disabled={phase !== 'idle'}>
                Preview
              </Button>
            ) : null}
          </div>
        </form>
      </Modal>
    </>
  );
}
