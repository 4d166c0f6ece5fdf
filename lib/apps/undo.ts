// app.undo: `kubectl rollout undo` — back to the previous Deployment revision or a chosen one, by
// kubectl's algorithm (lib/kube) with a resourceVersion precondition. DEPLOYER. Like every change it
// makes a new, forward Berth revision holding the template the cluster now runs.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { V1Deployment, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { AnyActor } from '@/lib/access/actor';
import { BerthError } from '@/lib/errors';
import { readDeployment } from '@/lib/kube/read';
import { undoDeployment } from '@/lib/kube/rollout-undo';
import { db } from '@/lib/db';
import { driftBetween, type DesiredState, type LiveObject } from '@/lib/manifests';
import { loadAppForChange } from './app-scope';
import { diffLive } from './apply-state';
import { runChange } from './change';
import { appIdField, optionalChangeCause, previewField } from './inputs';
import type { ChangeResult } from './types';

export const undoAppInput = z.object({
  appId: appIdField,
  /** The Kubernetes (ReplicaSet) revision to go back to; 0 or absent: the previous one. */
  toRevision: z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? 0 : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: 'Revision must be a number' }).int({ error: 'Revision must be a whole number' }).min(0, { error: 'Revision must be 0 (the previous one) or a revision number' }),
  ).optional(),
  changeCause: optionalChangeCause,
  preview: previewField,
});
export type UndoAppInput = z.input<typeof undoAppInput>;

const podTemplateHash = 'pod-template-hash';

/**
 * The template of the newest Berth revision the cluster now runs again, as Berth stored it: the
 * ReplicaSet's copy carries every server default (imagePullPolicy, terminationMessagePath …), which
 * would make the new revision differ from the one it restores and its diffs noisy.
 */
async function findStoredTemplate(appId: string, deployment: V1Deployment): Promise<V1PodTemplateSpec | null> {
  const revisions = await db.revision.findMany({ where: { appId }, orderBy: { number: 'desc' }, take: 100, select: { manifest: true } });
  for (const { manifest } of revisions) {
    const stored = (manifest as unknown as DesiredState).deployment;
    if (!stored?.spec?.template) continue;
    const drift = driftBetween({ deployment: stored } as DesiredState, [deployment as LiveObject]);
    if (!drift.some((entry) => entry.path === '' || entry.path.startsWith('spec.template'))) return structuredClone(stored.spec.template);
  }
  return null;
}

/** The state after an undo: the Deployment's template and annotations as the cluster now holds them. */
function stateAfterUndo(current: DesiredState, deployment: V1Deployment, storedTemplate: V1PodTemplateSpec | null): DesiredState {
  const next = structuredClone(current);
  const template = storedTemplate ?? structuredClone(deployment.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[podTemplateHash];
  next.deployment.spec = { ...next.deployment.spec!, template };
  next.deployment.metadata = { ...next.deployment.metadata, annotations: { ...(deployment.metadata?.annotations ?? {}) } };
  return next;
}

export async function undoApp(actor: AnyActor | null, raw: UndoAppInput): Promise<ChangeResult> {
  const parsed = parseInput(undoAppInput, raw);
  const input = { ...parsed, toRevision: parsed.toRevision ?? 0 };
  const app = await loadAppForChange(actor, input.appId, 'app.deploy', 'app.undo');
  const to = input.toRevision === 0 ? 'the previous revision' : `Kubernetes revision ${input.toRevision}`;
  return runChange({
    actor: actor!,
    app,
    action: 'app.undo',
    operation: 'undo',
    params: { toRevision: input.toRevision, preview: input.preview || undefined },
    preview: input.preview,
    force: false,
    changeCause: input.changeCause,
    relabel: false,
    plan: (current) => current,
    execute: async ({ clients, current }) => {
      const result = await undoDeployment(clients, { namespace: app.namespace, name: app.name, toRevision: input.toRevision });
      if (result.outcome === 'skipped' || !result.deployment) {
        throw new BerthError('INVALID_INPUT', `Nothing to undo: the Deployment already runs ${to} (${result.message}).`);
      }
      return stateAfterUndo(current, result.deployment, await findStoredTemplate(app.id, result.deployment));
    },
    dryRun: async ({ clients, current }) => {
      const live = await readDeployment(clients, app.namespace, app.name);
      const result = await undoDeployment(clients, { namespace: app.namespace, name: app.name, toRevision: input.toRevision, dryRun: true });
      const after = result.deployment ?? live;
      return diffLive(live ? [live as LiveObject] : [], after ? [after as LiveObject] : [], { deployment: current.deployment });
    },
  });
}
