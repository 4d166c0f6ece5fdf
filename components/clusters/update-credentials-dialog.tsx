'use client';

import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { fieldErrorsOf, FormActions, FormError, useResultToast, type FormAction, type FormState } from '@/components/ui/form';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { KubeconfigFields, type PreviewKubeconfigAction } from './kubeconfig-fields';

export interface ClusterRef {
  id: string;
  name: string;
  source: 'SANDBOX' | 'KUBECONFIG' | 'IN_CLUSTER';
  defaultNamespace: string;
}

const notes: Record<ClusterRef['source'], string> = {
  KUBECONFIG: 'Paste a new kubeconfig to replace the stored credentials, or leave it empty to change only the default namespace.',
  IN_CLUSTER: "Saving re-reads the pod's service account token and CA certificate (after a token rotation, for instance).",
  SANDBOX: 'The quickstart manages the sandbox cluster’s credentials; only its default namespace can change here.',
};

function UpdateCredentialsForm<T>({
  cluster,
  action,
  previewAction,
  onDone,
}: {
  cluster: ClusterRef;
  action: FormAction<T>;
  previewAction: PreviewKubeconfigAction;
  onDone: () => void;
}) {
  const [state, formAction, isPending] = useActionState<FormState<T>, FormData>(action, null);
  useResultToast(state, () => `Updated cluster ${cluster.name}. Test the connection to check the new credentials.`, onDone);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    // An empty textarea means "keep the current credentials", not "a kubeconfig that is empty".
    if (String(formData.get('kubeconfig') ?? '').trim() === '') formData.delete('kubeconfig');
    startTransition(() => formAction(formData));
  };
  return (
    <form action={formAction} onSubmit={submit} aria-label={`Update credentials of ${cluster.name}`} className="space-y-4" noValidate>
      <input type="hidden" name="clusterId" value={cluster.id} />
      <FormError state={state} shownFields={['kubeconfig', 'context', 'defaultNamespace']} />
      <p className="text-sm text-slate-600">{notes[cluster.source]}</p>
      {cluster.source === 'KUBECONFIG' ? (
        <KubeconfigFields
          previewAction={previewAction}
          optional
          errors={{ kubeconfig: fieldErrorsOf(state, 'kubeconfig'), context: fieldErrorsOf(state, 'context') }}
        />
      ) : null}
      <Field label="Default namespace" errors={fieldErrorsOf(state, 'defaultNamespace')}>
        <Input name="defaultNamespace" autoComplete="off" defaultValue={cluster.defaultNamespace} />
      </Field>
      <FormActions>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={isPending}>
          {cluster.source === 'SANDBOX' ? 'Save' : 'Update credentials'}
        </Button>
      </FormActions>
    </form>
  );
}

export function UpdateCredentialsDialog<T>({ cluster, action, previewAction }: { cluster: ClusterRef; action: FormAction<T>; previewAction: PreviewKubeconfigAction }) {
  const [isOpen, setOpen] = useState(false);
  const close = () => setOpen(false);
  const isSandbox = cluster.source === 'SANDBOX';
  const title = isSandbox ? `Edit cluster ${cluster.name}` : `Update credentials of cluster ${cluster.name}`;
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)} aria-label={title}>
        {isSandbox ? 'Edit' : 'Update credentials'}
      </Button>
      <Modal open={isOpen} onClose={close} title={title} size="lg">
        <UpdateCredentialsForm cluster={cluster} action={action} previewAction={previewAction} onDone={close} />
      </Modal>
    </>
  );
}
