'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createAppAction } from '@/app/(portal)/apps/actions';
import { ManifestEditor } from '@/components/manifest-editor/manifest-editor';
import { emptyFormModel } from '@/components/manifest-editor/form-model';
import { errorsAt } from '@/components/manifest-editor/app-form-fields';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import type { FieldErrors } from '@/lib/errors';

export interface TargetNamespace {
  clusterId: string;
  clusterName: string;
  namespace: string;
  /** Teams that could own the app there; with more than one the user picks. */
  teams: { id: string; name: string }[];
}

/** Where (cluster/namespace among those the user may create apps in), what (form or YAML), preview, deploy. */
export function NewAppForm({ namespaces }: { namespaces: TargetNamespace[] }) {
  const router = useRouter();
  const { showToast } = useToast();
  const [target, setTarget] = useState(namespaces.length === 1 ? `${namespaces[0].clusterId}/${namespaces[0].namespace}` : '');
  const [name, setName] = useState('');
  const [teamId, setTeamId] = useState('');
  const chosen = namespaces.find((n) => `${n.clusterId}/${n.namespace}` === target) ?? null;

  const validateHeader = (): FieldErrors | null => {
    const errors: FieldErrors = {};
    if (!chosen) errors.namespace = ['Choose the namespace to deploy to'];
    if (name.trim() === '') errors.name = ['App name is required'];
    if (chosen && chosen.teams.length > 1 && !chosen.teams.some((team) => team.id === teamId)) errors.teamId = ['Choose the team that will own the app'];
    return Object.keys(errors).length ? errors : null;
  };

  return (
    <ManifestEditor
      name={name.trim()}
      namespace={chosen?.namespace ?? ''}
      initialModel={emptyFormModel}
      confirmLabel="Deploy"
      validateHeader={validateHeader}
      header={(errors) => (
        <div className="grid gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2">
          <Field label="Namespace" hint="Only namespaces where you may create apps are listed." errors={errorsAt(errors, 'namespace') ?? errorsAt(errors, 'clusterId')}>
            <Select value={target} onChange={(event) => setTarget(event.target.value)}>
              <option value="" disabled>
                Choose a namespace…
              </option>
              {namespaces.map((n) => (
                <option key={`${n.clusterId}/${n.namespace}`} value={`${n.clusterId}/${n.namespace}`}>
                  {n.clusterName} / {n.namespace}
                </option>
              ))}
            </Select>
          </Field>
          {chosen && chosen.teams.length > 1 ? (
            <Field label="Owning team" hint="Several of your teams maintain this namespace." errors={errorsAt(errors, 'teamId')}>
              <Select value={teamId} onChange={(event) => setTeamId(event.target.value)}>
                <option value="" disabled>
                  Choose a team…
                </option>
                {chosen.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <Field label="App name" hint="Lowercase letters, digits and '-', at most 46 characters; names the Deployment and Service." errors={errorsAt(errors, 'name')}>
            <Input value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
        </div>
      )}
      submit={(payload, { preview }) =>
        createAppAction({
          clusterId: chosen?.clusterId ?? '',
          namespace: chosen?.namespace ?? '',
          teamId: chosen && chosen.teams.length > 1 && teamId ? teamId : undefined,
          ...(payload.yaml !== undefined ? { yaml: payload.yaml, name: name.trim() } : { form: payload.form }),
          changeCause: payload.changeCause,
          preview,
        })
      }
      onApplied={(data) => {
        showToast('success', `App ${name.trim()} created; the rollout is starting.`);
        if (data.kind !== 'preview' && data.appId) router.push(`/apps/${data.appId}`);
      }}
    />
  );
}
