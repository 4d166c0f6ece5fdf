'use client';

import { useRouter } from 'next/navigation';
import { deployAppAction } from '@/app/(portal)/apps/actions';
import { ManifestEditor } from '@/components/manifest-editor/manifest-editor';
import type { FormModel } from '@/components/manifest-editor/form-model';
import { useToast } from '@/components/ui/toast';

/** A new revision of an existing app from the form or YAML, previewed before it is applied. */
export function DeployEditor(props: {
  appId: string;
  name: string;
  namespace: string;
  initialModel: FormModel;
  initialYaml: string;
  formUnavailableReason: string | null;
  replicasLocked: boolean;
  canForce: boolean;
}) {
  const router = useRouter();
  const { showToast } = useToast();
  return (
    <ManifestEditor
      appId={props.appId}
      name={props.name}
      namespace={props.namespace}
      initialModel={props.initialModel}
      initialYaml={props.initialYaml}
      initialMode={props.formUnavailableReason ? 'yaml' : 'form'}
      formUnavailableReason={props.formUnavailableReason}
      replicasLocked={props.replicasLocked}
      canForce={props.canForce}
      confirmLabel="Deploy"
      submit={(payload, { preview, force }) =>
        deployAppAction({ appId: props.appId, ...(payload.yaml !== undefined ? { yaml: payload.yaml } : { form: payload.form }), changeCause: payload.changeCause, preview, force })
      }
      onApplied={() => {
        showToast('success', 'Deployed; the rollout is starting.');
        router.push(`/apps/${props.appId}`);
        router.refresh();
      }}
    />
  );
}
