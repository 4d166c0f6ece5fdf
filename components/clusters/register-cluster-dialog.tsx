'use client';

import { useActionState, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { fieldErrorsOf, FormActions, FormError, submitKeepingValues, useResultToast, type FormAction, type FormState } from '@/components/ui/form';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { KubeconfigFields, type KubeconfigContextOption, type PreviewKubeconfigAction } from './kubeconfig-fields';

interface RegisteredCluster {
  name: string;
}

type Source = 'kubeconfig' | 'in-cluster';

const nameHint = "Lower-case letters, digits and '-'; how teams and the audit log will refer to it.";

function KubeconfigRegistrationForm<T extends RegisteredCluster>({
  action,
  previewAction,
  onDone,
}: {
  action: FormAction<T>;
  previewAction: PreviewKubeconfigAction;
  onDone: () => void;
}) {
  const [state, formAction, isPending] = useActionState<FormState<T>, FormData>(action, null);
  const [context, setContext] = useState<KubeconfigContextOption | null>(null);
  useResultToast(state, (data) => `Registered cluster ${data.name}. Test the connection to check its permissions.`, onDone);
  return (
    <form action={formAction} onSubmit={submitKeepingValues(formAction)} aria-label="Register cluster from a kubeconfig" className="space-y-4" noValidate>
      <FormError state={state} shownFields={['name', 'kubeconfig', 'context', 'defaultNamespace']} />
      <Field label="Cluster name" hint={nameHint} errors={fieldErrorsOf(state, 'name')}>
        <Input name="name" autoComplete="off" required placeholder="production" />
      </Field>
      <KubeconfigFields
        previewAction={previewAction}
        errors={{ kubeconfig: fieldErrorsOf(state, 'kubeconfig'), context: fieldErrorsOf(state, 'context') }}
        onContextChange={setContext}
      />
      <Field
        label="Default namespace"
        hint={`Optional. Where the connection test checks Berth's permissions; defaults to the context's namespace or "default".`}
        errors={fieldErrorsOf(state, 'defaultNamespace')}
      >
        <Input name="defaultNamespace" autoComplete="off" placeholder={context?.namespace ?? 'default'} />
      </Field>
      <FormActions>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={isPending}>
          Register cluster
        </Button>
      </FormActions>
    </form>
  );
}

function InClusterRegistrationForm<T extends RegisteredCluster>({ action, onDone }: { action: FormAction<T>; onDone: () => void }) {
  const [state, formAction, isPending] = useActionState<FormState<T>, FormData>(action, null);
  useResultToast(state, (data) => `Registered cluster ${data.name}. Test the connection to check its permissions.`, onDone);
  return (
    <form action={formAction} onSubmit={submitKeepingValues(formAction)} aria-label="Register the cluster Berth runs in" className="space-y-4" noValidate>
      <FormError state={state} shownFields={['name', 'defaultNamespace']} />
      <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200">
        Berth reads its pod&apos;s service account token and CA certificate and reaches the API server through{' '}
        <code className="font-mono text-xs">KUBERNETES_SERVICE_HOST</code>. The service account needs RBAC in the namespaces teams deploy to.
      </p>
      <Field label="Cluster name" hint={nameHint} errors={fieldErrorsOf(state, 'name')}>
        <Input name="name" autoComplete="off" required placeholder="in-cluster" />
      </Field>
      <Field label="Default namespace" hint="Optional; defaults to the pod's own namespace." errors={fieldErrorsOf(state, 'defaultNamespace')}>
        <Input name="defaultNamespace" autoComplete="off" placeholder="default" />
      </Field>
      <FormActions>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={isPending}>
          Register cluster
        </Button>
      </FormActions>
    </form>
  );
}

const sources: { value: Source; label: string; description: string }[] = [
  { value: 'kubeconfig', label: 'Kubeconfig', description: 'Paste or upload a kubeconfig with a token or client certificate.' },
  { value: 'in-cluster', label: 'In-cluster service account', description: 'The cluster Berth itself runs in.' },
];

export function RegisterClusterDialog<K extends RegisteredCluster, I extends RegisteredCluster>({
  kubeconfigAction,
  inClusterAction,
  previewAction,
}: {
  kubeconfigAction: FormAction<K>;
  inClusterAction: FormAction<I>;
  previewAction: PreviewKubeconfigAction;
}) {
  const [isOpen, setOpen] = useState(false);
  const [source, setSource] = useState<Source>('kubeconfig');
  const legendId = useId();
  const close = () => setOpen(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Register cluster</Button>
      <Modal open={isOpen} onClose={close} title="Register cluster" description="Berth stores the credentials encrypted and never shows them again." size="lg">
        <fieldset aria-labelledby={legendId} className="mb-5">
          <legend id={legendId} className="mb-2 text-sm font-medium text-slate-800">
            Credentials
          </legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {sources.map((option) => (
              <label
                key={option.value}
                className={`flex cursor-pointer gap-3 rounded-md px-3 py-2 ring-1 ${source === option.value ? 'bg-indigo-50 ring-indigo-600' : 'ring-slate-300 hover:bg-slate-50'}`}
              >
                <input
                  type="radio"
                  name="source"
                  value={option.value}
                  checked={source === option.value}
                  onChange={() => setSource(option.value)}
                  className="mt-0.5 size-4 border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                />
                <span className="text-sm">
                  <span className="block font-medium text-slate-900">{option.label}</span>
                  <span className="block text-xs text-slate-600">{option.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {source === 'kubeconfig' ? (
          <KubeconfigRegistrationForm action={kubeconfigAction} previewAction={previewAction} onDone={close} />
        ) : (
          <InClusterRegistrationForm action={inClusterAction} onDone={close} />
        )}
      </Modal>
    </>
  );
}
