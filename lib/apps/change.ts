// The shape every change to an existing app shares (DESIGN.md, "An operation, end to end"), after
// the scope and permission check: validate and build the next state from the current revision →
// preview (dry run + diff, nothing written) or audit REQUESTED → cluster → revision n+1 →
// SUCCEEDED/FAILED → follow the rollout when the pod template changed.
//
// Previews are not audited: they change nothing (a server-side dry run), like reading the app. The
// permission check still runs first, so a refused preview is audited DENIED like any refused change.
import type { AnyActor } from '@/lib/access/actor';
import { runAudited, type AuditParams } from '@/lib/audit/append';
import type { AuditAction } from '@/lib/audit/actions';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import { getKubeClients, type KubeClients } from '@/lib/kube/client';
import { normalizeState, type DesiredState, type StateDiff } from '@/lib/manifests';
import { auditScopeOf, auditTargetOf, requireExtraPermission, type ScopedApp } from './app-scope';
import { applyState, isTemplateChanged, labelRevision, previewState } from './apply-state';
import { recordVerdictEvent, startRolloutFollower, trackBackgroundWork } from './rollout-verdict';
import { lastStoredRevisionId, storeRevision, supersededReason, withAppLock, type StoredRevision } from './store-revision';
import { toChangePreview, toRevisionSummary, type ChangeResult } from './types';

export interface ChangeContext {
  clients: KubeClients;
  app: ScopedApp;
  /** The current revision's state and number. */
  current: DesiredState;
  currentNumber: number;
  /** The state `plan` built, labeled for revision currentNumber + 1. */
  next: DesiredState;
  force: boolean;
}

export interface ChangeSpec {
  actor: AnyActor;
  app: ScopedApp;
  action: AuditAction;
  /** Stored on the revision: `deploy`, `scale`, `undo` … */
  operation: string;
  params: AuditParams;
  preview: boolean;
  force: boolean;
  /** Written to `kubernetes.io/change-cause` and the revision; undefined keeps the current one. */
  changeCause?: string;
  /**
   * Builds the next state from the current one. Throws INVALID_INPUT (ManifestError) on bad input,
   * before anything is written anywhere.
   */
  plan(current: DesiredState): DesiredState;
  /**
   * Also write the cause to the Deployment's `kubernetes.io/change-cause` (default true). Changes that
   * leave the Deployment alone (expose, autoscale) keep the cause of the rollout it is on.
   */
  annotateCause?: boolean;
  /** Apply Berth's labels and the new revision annotation (default true; false for /scale and patches that only touch one field). */
  relabel?: boolean;
  /** The cluster call; returns the state to store when it differs from `next`. Default: server-side apply of `next`. */
  execute?(context: ChangeContext): Promise<DesiredState | void>;
  /** Its dry-run counterpart. Default: dry-run apply of `next`, diffed against the live objects. */
  dryRun?(context: ChangeContext): Promise<StateDiff>;
}

async function readCurrent(appId: string): Promise<{ number: number; manifest: DesiredState; kubeRevision: number | null }> {
  const app = await db.app.findUnique({ where: { id: appId }, select: { currentRevision: { select: { number: true, manifest: true, kubeRevision: true } } } });
  if (!app) throw new BerthError('FORBIDDEN_OR_NOT_FOUND', 'The app was not found.');
  if (!app.currentRevision) throw new BerthError('CONFLICT', 'The app has no deployed revision yet.');
  const { number, manifest, kubeRevision } = app.currentRevision;
  return { number, kubeRevision, manifest: manifest as unknown as DesiredState };
}

const restartedAt = 'kubectl.kubernetes.io/restartedAt';

/**
 * A restart's annotation is kubectl's (a strategic merge patch, not Berth's apply), so leaving it out of
 * the next applied state would not remove it: it would only show up as drift. Later states keep it.
 */
function keepRestartedAt(current: DesiredState, next: DesiredState): DesiredState {
  const value = current.deployment.spec?.template?.metadata?.annotations?.[restartedAt];
  const template = next.deployment.spec?.template;
  if (!value || !template || template.metadata?.annotations?.[restartedAt]) return next;
  const copy = structuredClone(next);
  const metadata = (copy.deployment.spec!.template.metadata ??= {});
  metadata.annotations = { ...(metadata.annotations ?? {}), [restartedAt]: value };
  return copy;
}

export const forceMessage = 'Only a maintainer of this namespace may force a change over fields another manager owns.';

/** After SUCCEEDED: verdict events for superseded rollouts and a follower for the new one. */
export function afterRevisionStored(app: ScopedApp, stored: StoredRevision): void {
  const target = { appId: app.id, teamId: app.teamId, clusterId: app.clusterId, namespace: app.namespace, target: auditTargetOf(app) };
  if (stored.superseded.length > 0) {
    trackBackgroundWork(
      (async () => {
        for (const old of stored.superseded) await recordVerdictEvent({ ...target, revisionNumber: old.number }, 'SUPERSEDED', supersededReason);
      })().catch((error: unknown) => console.error('[berth] could not record superseded verdicts:', error)),
    );
  }
  if (stored.revision.verdict === 'PROGRESSING') {
    startRolloutFollower({ ...target, revisionId: stored.revision.id, revisionNumber: stored.revision.number, name: app.name });
  }
}

export async function runChange(spec: ChangeSpec): Promise<ChangeResult> {
  const { actor, app } = spec;
  if (spec.force) await requireExtraPermission(actor, app, 'app.force_apply', spec.action, forceMessage);
  return withAppLock(app.id, async (waited) => {
    const clientsPromise = getKubeClients(app.clusterId);
    // Another change of this app ran since the app was loaded: build on what it stored.
    const loaded = app.currentRevision;
    const isStale = waited || !loaded || (lastStoredRevisionId(app.id) ?? loaded.id) !== loaded.id;
    const current = isStale || !loaded ? await readCurrent(app.id) : { number: loaded.number, manifest: loaded.manifest, kubeRevision: loaded.kubeRevision };
    const planned = keepRestartedAt(current.manifest, spec.plan(current.manifest));
    const number = current.number + 1;
    const next =
      spec.relabel === false
        ? normalizeState(planned)
        : labelRevision(planned, { appName: app.name, revision: number, changeCause: spec.annotateCause === false ? undefined : spec.changeCause, labelPods: false });
    const clients = await clientsPromise;
    const context: ChangeContext = { clients, app, current: current.manifest, currentNumber: current.number, next, force: spec.force };
    if (spec.preview) {
      const diff = spec.dryRun ? await spec.dryRun(context) : await previewState(clients, current.manifest, next, { force: spec.force });
      return toChangePreview(app.id, diff);
    }
    const stored = await runAudited(actor, { action: spec.action, scope: auditScopeOf(app), target: auditTargetOf(app), params: spec.params }, async () => {
      const executed = spec.execute ? await spec.execute(context) : await applyState(clients, current.manifest, next, { force: spec.force }).then(() => undefined);
      const state = executed ? normalizeState(executed) : next;
      const startsRollout = isTemplateChanged(current.manifest, state);
      return storeRevision({
        appId: app.id,
        state,
        operation: spec.operation,
        actor,
        changeCause: spec.changeCause ?? state.deployment.metadata?.annotations?.['kubernetes.io/change-cause'] ?? null,
        // A change that leaves the pod template alone leaves the Deployment on the same revision.
        kubeRevision: startsRollout ? null : current.kubeRevision,
        startsRollout,
      });
    });
    afterRevisionStored(app, stored);
    return { kind: 'applied', appId: app.id, revision: toRevisionSummary(stored.revision) };
  });
}
