'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { convertAppManifestAction } from '@/app/(portal)/apps/ui-actions';
import { ActionErrorNotice } from '@/components/apps/action-error';
import type { ChangeAnswer } from '@/components/apps/change-dialog';
import { DiffView, type DiffContent } from '@/components/revision-diff/diff-view';
import { Button, Spinner } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Field } from '@/components/ui/field';
import { Input, controlClasses } from '@/components/ui/input';
import type { ActionError, FieldErrors, Result } from '@/lib/errors';
import type { AppFormInput } from '@/lib/manifests';
import { AppFormFields, errorsAt } from './app-form-fields';
import { modelFromForm, modelToInput, type FormModel } from './form-model';

export type EditorMode = 'form' | 'yaml';

export interface EditorPayload {
  form?: AppFormInput;
  yaml?: string;
  changeCause?: string;
}

export type SubmitManifest = (payload: EditorPayload, options: { preview: boolean; force: boolean }) => Promise<Result<ChangeAnswer>>;

export interface ManifestEditorProps {
  name: string;
  namespace: string;
  /** An existing app (deploy): switching to YAML keeps its Service, Ingress and autoscaler. */
  appId?: string;
  initialModel: FormModel;
  initialYaml?: string;
  initialMode?: EditorMode;
  /** Shown when the form cannot represent the current state, which then opens in YAML. */
  formUnavailableReason?: string | null;
  replicasLocked?: boolean;
  /** Fields above the editor (name, namespace), given the server's field errors. */
  header?: (errors: FieldErrors) => ReactNode;
  /** Checks the header's fields before anything is sent; returns errors to show. */
  validateHeader?: () => FieldErrors | null;
  confirmLabel: string;
  canForce?: boolean;
  submit: SubmitManifest;
  onApplied: (data: ChangeAnswer) => void;
}

type Phase = 'idle' | 'switching' | 'previewing' | 'applying';

/** "Service", "Service and Ingress", "Service, Ingress and autoscaler" */
function listWords(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const unreachable: ActionError = { code: 'INTERNAL', message: 'The server could not be reached. Check your connection and try again.' };

/** Form and YAML views of one app, switchable both ways, then preview (server dry run) and apply. */
export function ManifestEditor(props: ManifestEditorProps) {
  const { name, namespace, appId, header, validateHeader, confirmLabel, canForce, submit, onApplied } = props;
  const [mode, setMode] = useState<EditorMode>(props.initialMode ?? 'form');
  const [model, setModel] = useState<FormModel>(props.initialModel);
  const [yaml, setYaml] = useState(props.initialYaml ?? '');
  const [changeCause, setChangeCause] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ActionError | null>(null);
  const [note, setNote] = useState<string | null>(props.formUnavailableReason ? `The form cannot show this app: ${props.formUnavailableReason}` : null);
  const [preview, setPreview] = useState<DiffContent | null>(null);
  const [force, setForce] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const previewRef = useRef<HTMLElement>(null);
  const previewShownAt = useRef(0);
  useEffect(() => {
    if (preview) previewRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [preview]);

  const changed = () => {
    setPreview(null);
    setForce(false);
  };
  const update = (change: Partial<FormModel>) => {
    setModel((current) => ({ ...current, ...change }));
    changed();
  };
  const showError = (failure: ActionError) => {
    setError(failure);
    setErrors(failure.fieldErrors ?? {});
  };
  const clearErrors = () => {
    setError(null);
    setErrors({});
  };

  const switchTo = async (target: EditorMode) => {
    if (target === mode || phase !== 'idle') return;
    clearErrors();
    setNote(null);
    setPhase('switching');
    try {
      if (target === 'yaml') {
        const result = await convertAppManifestAction({ direction: 'toYaml', name, namespace, form: modelToInput(name, model) as Record<string, unknown>, appId });
        if (!result.ok) return showError({ ...result.error, message: `Fix the highlighted fields to switch to YAML. ${result.error.message}` });
        if (result.data.direction === 'toYaml') setYaml(result.data.yaml);
        setMode('yaml');
      } else {
        const result = await convertAppManifestAction({ direction: 'toForm', name, namespace, yaml });
        if (!result.ok) return showError({ ...result.error, message: `Fix the YAML to switch to the form. ${result.error.message}` });
        if (result.data.direction !== 'toForm') return;
        if (result.data.form === null) return setNote(`The form cannot show this YAML, so it stays in YAML: ${result.data.reason ?? ''}`);
        if (!appId && result.data.extras.length > 0) {
          return setNote(`The YAML also defines a ${listWords(result.data.extras)}, which the form cannot show, so it stays in YAML. Expose and autoscale the app after it is created.`);
        }
        setModel(modelFromForm(result.data.form));
        if (result.data.extras.length > 0) setNote(`The app's ${listWords(result.data.extras)} ${result.data.extras.length > 1 ? 'stay' : 'stays'} as ${result.data.extras.length > 1 ? 'they are' : 'it is'} when you deploy from the form.`);
        setMode('form');
      }
    } catch {
      showError(unreachable);
    } finally {
      setPhase('idle');
    }
  };

  const payload = (): EditorPayload => ({
    ...(mode === 'form' ? { form: modelToInput(name, model) } : { yaml }),
    changeCause: changeCause.trim() === '' ? undefined : changeCause.trim(),
  });

  const send = async (preview: boolean, withForce: boolean) => {
    const headerErrors = validateHeader?.() ?? null;
    if (headerErrors) return showError({ code: 'INVALID_INPUT', message: 'Check the highlighted fields.', fieldErrors: headerErrors });
    clearErrors();
    setPhase(preview ? 'previewing' : 'applying');
    try {
      const result = await submit(payload(), { preview, force: withForce });
      if (!result.ok) return showError(result.error);
      if (result.data.kind === 'preview') {
        previewShownAt.current = Date.now();
        setPreview(result.data);
      } else onApplied(result.data);
    } catch {
      showError(unreachable);
    } finally {
      setPhase('idle');
    }
  };

  const busy = phase !== 'idle';
  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        // A double click on "Preview" must not deploy what the user has not had time to read.
        if (preview !== null && Date.now() - previewShownAt.current < 400) return;
        void send(preview === null, force);
      }}
    >
      {header ? header(errors) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="group" aria-label="Editor mode" className="inline-flex rounded-md shadow-sm ring-1 ring-slate-300">
          {(['form', 'yaml'] as const).map((target) => (
            <button
              key={target}
              type="button"
              aria-pressed={mode === target}
              disabled={busy}
              onClick={() => void switchTo(target)}
              className={cn(
                'px-4 py-1.5 text-sm font-medium first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
                mode === target ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-50',
              )}
            >
              {target === 'form' ? 'Form' : 'YAML'}
            </button>
          ))}
        </div>
        {phase === 'switching' ? (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner /> Converting…
          </p>
        ) : null}
      </div>
      {note ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          {note}
        </p>
      ) : null}

      {mode === 'form' ? (
        <AppFormFields model={model} update={update} errors={errors} replicasLocked={props.replicasLocked} />
      ) : (
        <Field label="YAML" hint="Deployment, and optionally ConfigMap, PersistentVolumeClaim, Service, HorizontalPodAutoscaler, Ingress; separate documents with ---." errors={errorsAt(errors, 'yaml')}>
          <textarea
            value={yaml}
            spellCheck={false}
            rows={24}
            onChange={(event) => {
              setYaml(event.target.value);
              changed();
            }}
            className={cn(controlClasses, 'font-mono text-xs leading-5')}
          />
        </Field>
      )}

      <Field label="Change cause" hint="Optional; recorded on the revision and as kubernetes.io/change-cause." errors={errorsAt(errors, 'changeCause')}>
        <Input
          value={changeCause}
          autoComplete="off"
          onChange={(event) => {
            setChangeCause(event.target.value);
            changed();
          }}
        />
      </Field>

      {error ? (
        <ActionErrorNotice
          error={error}
          pending={busy}
          onForce={canForce ? () => (setForce(true), void send(true, true)) : undefined}
          onRetry={() => void send(true, force)}
        />
      ) : null}

      {phase === 'previewing' ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Asking the cluster for a server-side dry run…
        </p>
      ) : null}
      {preview ? (
        <section ref={previewRef} aria-labelledby="preview-heading" className="space-y-2 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
          <h2 id="preview-heading" className="text-base font-semibold text-slate-900">
            Preview{force ? ' (forced)' : ''}
          </h2>
          <p className="text-sm text-slate-600">The cluster accepted a dry run of this change. Nothing has been applied yet.</p>
          <DiffView diff={preview} label="Change preview" maxHeight="max-h-[28rem]" />
        </section>
      ) : null}

      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 pt-4">
        {preview ? (
          <>
            <p className="mr-auto text-sm text-slate-600">Review the preview, then apply it.</p>
            <Button variant="secondary" onClick={() => setPreview(null)} disabled={busy}>
              Back to editing
            </Button>
            <Button key="confirm" type="submit" pending={phase === 'applying'} disabled={busy}>
              {confirmLabel}
            </Button>
          </>
        ) : (
          <Button key="preview" type="submit" pending={phase === 'previewing'} disabled={busy}>
            Preview
          </Button>
        )}
      </div>
    </form>
  );
}
