// app.deploy: a new revision from the form (the Deployment; Service, Ingress and HPA carry over) or
// from YAML (the whole state: objects left out are deleted). DEPLOYER; a YAML that also changes the
// Service/Ingress or the HPA needs the permissions expose and autoscale need.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import type { Permission } from '@/lib/access/roles';
import { buildDesiredState, normalizeObject, parseManifests, type AppFormInput, type DesiredState, type StateKey } from '@/lib/manifests';
import { loadAppForChange, requireExtraPermission, type ScopedApp } from './app-scope';
import { runChange } from './change';
import { changeEnvelope } from './inputs';
import type { ChangeResult } from './types';

export const deployAppInput = z
  .object({ ...changeEnvelope, form: z.unknown().optional(), yaml: z.string().optional() })
  .superRefine((input, ctx) => {
    const hasForm = input.form !== undefined && input.form !== null;
    const hasYaml = typeof input.yaml === 'string' && input.yaml.trim() !== '';
    if (hasForm === hasYaml) ctx.addIssue({ code: 'custom', path: ['yaml'], message: 'Give either the form or the YAML of the app, not both' });
  });

export type DeployAppInput = z.input<typeof deployAppInput>;

/** The form builds the Deployment; everything else the app has stays, and an adopted selector is kept. */
export function mergeFormState(current: DesiredState, built: DesiredState): DesiredState {
  const next: DesiredState = { ...built };
  for (const key of ['service', 'ingress', 'hpa'] as const) if (current[key]) (next as Record<StateKey, unknown>)[key] = current[key];
  const selector = current.deployment.spec?.selector?.matchLabels;
  const spec = next.deployment.spec;
  if (spec && selector) {
    spec.selector = { matchLabels: { ...selector } };
    spec.template = { ...spec.template, metadata: { ...spec.template.metadata, labels: { ...(current.deployment.spec?.template?.metadata?.labels ?? {}), ...(spec.template.metadata?.labels ?? {}), ...selector } } };
  }
  // With an autoscaler the replica count is its, not the form's.
  if (current.hpa && spec) delete spec.replicas;
  return next;
}

function comparable(state: Partial<DesiredState>, key: StateKey): string {
  const object = state[key];
  if (!object) return '';
  const metadata = { ...object.metadata, annotations: undefined, labels: undefined };
  return JSON.stringify(normalizeObject({ ...object, metadata }));
}

const extraPermissions: { keys: StateKey[]; permission: Permission; message: string }[] = [
  { keys: ['service', 'ingress'], permission: 'app.expose', message: 'Changing the Service or the Ingress needs the MAINTAINER role in this namespace.' },
  { keys: ['hpa'], permission: 'app.autoscale', message: 'Changing the autoscaler needs the MAINTAINER role in this namespace.' },
];

async function checkYamlPermissions(actor: AnyActor, app: ScopedApp, yamlState: DesiredState): Promise<void> {
  const current = app.currentRevision?.manifest ?? ({} as Partial<DesiredState>);
  for (const rule of extraPermissions) {
    if (rule.keys.some((key) => comparable(current, key) !== comparable(yamlState, key))) {
      await requireExtraPermission(actor, app, rule.permission, 'app.deploy', rule.message);
    }
  }
}

export async function deployApp(actor: AnyActor | null, raw: DeployAppInput): Promise<ChangeResult> {
  const input = parseInput(deployAppInput, raw);
  const app = await loadAppForChange(actor, input.appId, 'app.deploy', 'app.deploy');
  const signedIn = actor as AnyActor;
  const ref = { name: app.name, namespace: app.namespace };
  const yamlState = input.yaml !== undefined && input.yaml.trim() !== '' ? parseManifests(input.yaml, ref) : null;
  const formState = yamlState ? null : buildDesiredState(ref, input.form as AppFormInput);
  if (yamlState) await checkYamlPermissions(signedIn, app, yamlState);
  return runChange({
    actor: signedIn,
    app,
    action: 'app.deploy',
    operation: 'deploy',
    params: { mode: yamlState ? 'yaml' : 'form', preview: input.preview || undefined, force: input.force || undefined },
    preview: input.preview,
    force: input.force,
    changeCause: input.changeCause ?? `Deployed from the ${yamlState ? 'YAML' : 'form'}`,
    plan: (current) => yamlState ?? mergeFormState(current, formState as DesiredState),
  });
}
