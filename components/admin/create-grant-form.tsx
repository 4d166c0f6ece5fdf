'use client';

import { useActionState, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { submitKeepingValues, fieldErrorsOf, FormError, useResultToast, type FormAction, type FormState } from '@/components/ui/form';
import { Input, Select } from '@/components/ui/input';

interface Option {
  id: string;
  name: string;
}

export const grantRoleDescriptions = {
  VIEWER: 'Viewer: see apps, status, history',
  DEPLOYER: 'Deployer: also deploy, scale, undo',
  MAINTAINER: 'Maintainer: also create, expose, delete',
} as const;

export function CreateGrantForm<T extends { teamName: string; clusterName: string; namespace: string; role: string }>({
  teams,
  clusters,
  action,
}: {
  teams: Option[];
  clusters: Option[];
  action: FormAction<T>;
}) {
  const [state, formAction, isPending] = useActionState<FormState<T>, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useResultToast(state, (grant) => `Granted ${grant.teamName} the ${grant.role.toLowerCase()} role in ${grant.clusterName}/${grant.namespace}.`, () => formRef.current?.reset());
  return (
    <form ref={formRef} action={formAction} onSubmit={submitKeepingValues(formAction)} aria-label="Create grant" className="space-y-4" noValidate>
      <FormError state={state} shownFields={['teamId', 'clusterId', 'namespace', 'role']} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1.3fr_auto] lg:items-start">
        <Field label="Team" errors={fieldErrorsOf(state, 'teamId')}>
          <Select name="teamId" defaultValue="" required>
            <option value="" disabled>
              Choose a team
            </option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Cluster" errors={fieldErrorsOf(state, 'clusterId')}>
          <Select name="clusterId" defaultValue={clusters.length === 1 ? clusters[0].id : ''} required>
            <option value="" disabled>
              Choose a cluster
            </option>
            {clusters.map((cluster) => (
              <option key={cluster.id} value={cluster.id}>
                {cluster.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Namespace" errors={fieldErrorsOf(state, 'namespace')}>
          <Input name="namespace" required autoComplete="off" placeholder="payments" />
        </Field>
        <Field label="Role" errors={fieldErrorsOf(state, 'role')}>
          <Select name="role" defaultValue="VIEWER">
            {Object.entries(grantRoleDescriptions).map(([role, text]) => (
              <option key={role} value={role}>
                {text}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" pending={isPending} className="lg:mt-[1.625rem]">
          Create grant
        </Button>
      </div>
    </form>
  );
}
