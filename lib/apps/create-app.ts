// app.create: a new app and its first deploy, from the form or from YAML. MAINTAINER of the namespace.
import { parseInput } from '@/lib/manifests/parse-input';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import { getKubeClients } from '@/lib/kube/client';
import { readDeployment } from '@/lib/kube/read';
import { appFormInput, buildDesiredState, parseManifests, type DesiredState } from '@/lib/manifests';
import { loadNamespaceForChange, resolveOwningTeam } from './app-scope';
import { applyState, labelRevision, previewState } from './apply-state';
import { afterRevisionStored } from './change';
import { optionalChangeCause, previewField } from './inputs';
import { storeRevision } from './store-revision';
import { toChangePreview, toRevisionSummary, type ChangeResult } from './types';

const namespaceField = z
  .string({ error: 'Namespace is required' })
  .trim()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: 'Namespace must be a lowercase DNS label (a-z, 0-9, "-")' })
  .max(63, { error: 'Namespace must be at most 63 characters' });

export const createAppInput = z
  .object({
    clusterId: z.string({ error: 'Cluster is required' }).trim().min(1, { error: 'Cluster is required' }),
    namespace: namespaceField,
    /** The owning team; optional when the actor has exactly one maintainer team there. */
    teamId: z.string().trim().min(1).optional(),
    /** Form mode: the form's fields (validated by lib/manifests' appFormInput). */
    form: z.unknown().optional(),
    /** YAML mode: the app's objects; the Deployment's name is the app's name. */
    yaml: z.string().optional(),
    /** The app name in YAML mode (form mode takes it from the form). */
    name: z.string().trim().optional(),
    changeCause: optionalChangeCause,
    preview: previewField,
  })
  .superRefine((input, ctx) => {
    const hasForm = input.form !== undefined && input.form !== null;
    const hasYaml = typeof input.yaml === 'string' && input.yaml.trim() !== '';
    if (hasForm === hasYaml) ctx.addIssue({ code: 'custom', path: ['yaml'], message: 'Give either the form or the YAML of the app, not both' });
    if (hasYaml && !input.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'App name is required' });
  });

export type CreateAppInput = z.input<typeof createAppInput>;

/** The app's first state from either mode; throws INVALID_INPUT with every problem. */
export function buildInitialState(ref: { name: string; namespace: string }, input: { form?: unknown; yaml?: string }): DesiredState {
  if (typeof input.yaml === 'string' && input.yaml.trim() !== '') return parseManifests(input.yaml, ref);
  return buildDesiredState(ref, input.form as z.input<typeof appFormInput>);
}

function nameOf(input: z.output<typeof createAppInput>): string {
  if (input.name) return input.name;
  const form = appFormInput.safeParse(input.form);
  if (!form.success) {
    // Let the builder report every problem of the form, in its words.
    buildDesiredState({ name: '', namespace: input.namespace }, input.form as z.input<typeof appFormInput>);
    throw new BerthError('INVALID_INPUT', 'The form is invalid.');
  }
  return form.data.name;
}

export async function createApp(actor: AnyActor | null, raw: CreateAppInput): Promise<ChangeResult> {
  const input = parseInput(createAppInput, raw);
  const appId = randomUUID();
  const formName = typeof input.form === 'object' && input.form !== null ? (input.form as { name?: unknown }).name : undefined;
  const requestedName = input.name ?? (typeof formName === 'string' ? formName : '?');
  const audit = { action: 'app.create' as const, target: `${input.namespace}/${requestedName}`, scope: { clusterId: input.clusterId, namespace: input.namespace } };
  const scope = await loadNamespaceForChange(actor, { clusterId: input.clusterId, namespace: input.namespace }, 'app.manage', audit);
  const signedIn = actor as AnyActor;
  const name = nameOf(input);
  const ref = { name, namespace: input.namespace };
  const planned = buildInitialState(ref, input);
  const teamId = await resolveOwningTeam(signedIn, scope, input.teamId);
  const taken = await db.app.findUnique({ where: { clusterId_namespace_name: { clusterId: input.clusterId, namespace: input.namespace, name } }, select: { id: true } });
  if (taken) {
    throw new BerthError('CONFLICT', `An app named "${name}" already exists in namespace ${input.namespace} of cluster ${scope.clusterName}.`, { name: ['already taken'] });
  }
  const state = labelRevision(planned, { appName: name, revision: 1, changeCause: input.changeCause ?? `Created ${name}`, labelPods: true });
  const clients = await getKubeClients(input.clusterId);
  if (await readDeployment(clients, input.namespace, name)) {
    throw new BerthError('CONFLICT', `A Deployment named "${name}" already exists in namespace ${input.namespace}; adopt it instead of creating a new app.`, { name: ['already on the cluster'] });
  }
  if (input.preview) return toChangePreview(appId, await previewState(clients, null, state));
  const target = `${scope.clusterName}/${input.namespace}/${name}`;
  const app = { id: appId, name, namespace: input.namespace, clusterId: input.clusterId, clusterName: scope.clusterName, teamId, currentRevision: null, access: scope.access };
  const stored = await runAudited(
    signedIn,
    { action: 'app.create', scope: { teamId, clusterId: input.clusterId, namespace: input.namespace, appId }, target, params: { mode: input.yaml ? 'yaml' : 'form', name } },
    async () => {
      await applyState(clients, null, state);
      return db.$transaction(async (tx) => {
        await tx.app.create({ data: { id: appId, teamId, clusterId: input.clusterId, namespace: input.namespace, name } });
        return storeRevision({ appId, state, operation: 'create', actor: signedIn, changeCause: input.changeCause ?? `Created ${name}`, startsRollout: true }, tx);
      });
    },
  );
  afterRevisionStored(app, stored);
  return { kind: 'applied', appId, revision: toRevisionSummary(stored.revision) };
}
