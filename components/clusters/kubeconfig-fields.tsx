'use client';

import { useId, useState, useTransition, type ChangeEvent } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Field } from '@/components/ui/field';
import { controlClasses } from '@/components/ui/input';
import type { Result } from '@/lib/errors';

/** One context of a pasted kubeconfig, as the preview action describes it (never its credentials). */
export interface KubeconfigContextOption {
  name: string;
  cluster: string;
  user: string;
  namespace: string | null;
  server: string | null;
  /** Why Berth cannot use this context (exec plugin, token file, no server …), or null. */
  problem: string | null;
}

export interface KubeconfigPreview {
  contexts: KubeconfigContextOption[];
  currentContext: string | null;
}

export type PreviewKubeconfigAction = (input: FormData) => Promise<Result<KubeconfigPreview>>;

// The server refuses more than this anyway; saying so before reading a huge file is kinder.
const maxKubeconfigBytes = 256 * 1024;

function chooseInitialContext(preview: KubeconfigPreview): string | null {
  const usable = preview.contexts.filter((context) => context.problem === null);
  return usable.find((context) => context.name === preview.currentContext)?.name ?? usable[0]?.name ?? null;
}

/**
 * The kubeconfig textarea with a client-side file upload and a context picker fed by the preview
 * action. Submits as `kubeconfig` and, once previewed, `context`.
 */
export function KubeconfigFields({
  previewAction,
  errors,
  optional = false,
  onContextChange,
}: {
  previewAction: PreviewKubeconfigAction;
  errors: { kubeconfig?: string[]; context?: string[] };
  /** For credential updates: an empty textarea means "keep the current credentials". */
  optional?: boolean;
  onContextChange?: (context: KubeconfigContextOption | null) => void;
}) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [preview, setPreview] = useState<KubeconfigPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  // The last submit's errors about the kubeconfig, once the admin has changed or previewed it since.
  const [dismissed, setDismissed] = useState<{ kubeconfig?: string[]; context?: string[] } | null>(null);
  const [isPreviewing, startPreview] = useTransition();
  const fileInputId = useId();
  const legendId = useId();

  const choose = (name: string | null, options: KubeconfigContextOption[]) => {
    setChosen(name);
    onContextChange?.(options.find((context) => context.name === name) ?? null);
  };

  const dismissSubmitErrors = () => setDismissed({ kubeconfig: errors.kubeconfig, context: errors.context });

  const changeText = (value: string) => {
    setText(value);
    dismissSubmitErrors();
    // A stale context list would let the admin pick a context the new text no longer has.
    if (preview) {
      setPreview(null);
      choose(null, []);
    }
    setPreviewError(null);
  };

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setLocalError(null);
    if (file.size > maxKubeconfigBytes) {
      setLocalError(`${file.name} is larger than 256 KB; that is not a kubeconfig Berth accepts.`);
      return;
    }
    setFileName(file.name);
    changeText(await file.text());
  };

  const runPreview = () => {
    startPreview(async () => {
      const formData = new FormData();
      formData.set('kubeconfig', text);
      const result = await previewAction(formData);
      if (result.ok) {
        setPreview(result.data);
        setPreviewError(null);
        dismissSubmitErrors();
        choose(chooseInitialContext(result.data), result.data.contexts);
      } else {
        setPreview(null);
        setPreviewError(result.error.fieldErrors?.kubeconfig?.join(' ') ?? result.error.message);
      }
    });
  };

  // A new submit brings new error arrays, which shows them again.
  const submitErrors = {
    kubeconfig: dismissed && dismissed.kubeconfig === errors.kubeconfig ? undefined : errors.kubeconfig,
    context: dismissed && dismissed.context === errors.context ? undefined : errors.context,
  };
  const kubeconfigErrors = [localError, previewError, ...(submitErrors.kubeconfig ?? [])].filter((message): message is string => Boolean(message));

  return (
    <div className="space-y-4">
      <Field
        label={optional ? 'New kubeconfig (optional)' : 'Kubeconfig'}
        hint="Paste it or upload the file. It is read in your browser; only the chosen context is stored, encrypted. Exec plugins, auth providers and file paths are refused."
        errors={kubeconfigErrors.length > 0 ? kubeconfigErrors : undefined}
      >
        <textarea
          name="kubeconfig"
          value={text}
          onChange={(event) => changeText(event.target.value)}
          rows={8}
          spellCheck={false}
          autoComplete="off"
          placeholder={'apiVersion: v1\nkind: Config\nclusters: …'}
          className={cn(controlClasses, 'font-mono text-xs leading-5')}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <label
          htmlFor={fileInputId}
          className="inline-flex h-8 cursor-pointer items-center rounded-md bg-white px-3 text-sm font-medium text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-indigo-600"
        >
          Upload file…
          <input id={fileInputId} type="file" accept=".yaml,.yml,.conf,.config,text/yaml,text/plain,*/*" onChange={readFile} className="sr-only" />
        </label>
        <Button size="sm" variant="secondary" onClick={runPreview} pending={isPreviewing} disabled={text.trim() === ''}>
          Preview contexts
        </Button>
        {fileName ? <span className="truncate text-xs text-slate-500">Loaded {fileName}</span> : null}
      </div>
      {preview ? (
        <fieldset aria-labelledby={legendId} className="space-y-2">
          <legend id={legendId} className="text-sm font-medium text-slate-800">
            Context
          </legend>
          <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
            {preview.contexts.map((context) => (
              <li key={context.name}>
                <label className={cn('flex gap-3 px-3 py-2', context.problem ? 'cursor-not-allowed bg-slate-50' : 'cursor-pointer hover:bg-slate-50')}>
                  <input
                    type="radio"
                    name="context"
                    value={context.name}
                    checked={chosen === context.name}
                    disabled={context.problem !== null}
                    onChange={() => choose(context.name, preview.contexts)}
                    className="mt-0.5 size-4 border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  />
                  <span className="min-w-0 text-sm">
                    <span className="font-medium text-slate-900">{context.name}</span>
                    {context.name === preview.currentContext ? <span className="ml-2 text-xs text-slate-500">(current)</span> : null}
                    <span className="block truncate font-mono text-xs text-slate-600">{context.server ?? 'no server'}</span>
                    <span className="block text-xs text-slate-500">
                      user {context.user}
                      {context.namespace ? ` · namespace ${context.namespace}` : ''}
                    </span>
                    {context.problem ? <span className="mt-1 block text-xs font-medium text-red-700">{context.problem}</span> : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {submitErrors.context?.length ? <p className="text-xs font-medium text-red-600">{submitErrors.context.join(' ')}</p> : null}
          {preview.contexts.every((context) => context.problem !== null) ? (
            <p role="alert" className="text-xs font-medium text-red-700">
              No context in this kubeconfig can be used by Berth.
            </p>
          ) : null}
        </fieldset>
      ) : submitErrors.context?.length ? (
        <p className="text-xs font-medium text-red-600">{submitErrors.context.join(' ')}</p>
      ) : null}
    </div>
  );
}
