// Rollout verdicts: after a change to the pod template Berth follows the Deployment's rollout (kubectl
// rollout status's logic, through lib/kube) and records SUCCEEDED, FAILED (progress deadline exceeded,
// with the reason the pods give) or SUPERSEDED on the revision, plus a system audit event.
//
// Followers live in a process-wide registry so a server action can start one and return at once;
// resumeRolloutFollowers() picks up PENDING/PROGRESSING revisions after a restart.
import { systemActor } from '@/lib/access/actor';
import { recordEvent } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import type { RolloutVerdict } from '@/lib/generated/prisma/enums';
import { getKubeClients } from '@/lib/kube/client';
import { readDeployment } from '@/lib/kube/read';
import { listRolloutProblems, summarizePodProblems } from '@/lib/kube/rollout-problems';
import { readDeploymentRevision, watchRolloutStatus } from '@/lib/kube/rollout-status';

export interface FollowTarget {
  appId: string;
  revisionId: string;
  revisionNumber: number;
  clusterId: string;
  namespace: string;
  name: string;
  teamId: string;
  target: string;
}

interface Follower {
  target: FollowTarget;
  controller: AbortController;
  done: Promise<void>;
}

const holder = globalThis as unknown as { berthRolloutFollowers?: Map<string, Follower> };
const followers = (holder.berthRolloutFollowers ??= new Map<string, Follower>());

/** How long one follower waits before leaving the verdict open (a later resume picks it up again). */
const maxFollowMs = 60 * 60 * 1000;

async function recordVerdict(target: FollowTarget, verdict: RolloutVerdict, reason: string, kubeRevision: number | null): Promise<boolean> {
  const { count } = await db.revision.updateMany({
    where: { id: target.revisionId, verdict: { in: ['PENDING', 'PROGRESSING'] } },
    data: { verdict, verdictReason: reason.slice(0, 1000), verdictAt: new Date(), ...(kubeRevision ? { kubeRevision } : {}) },
  });
  if (count === 0) return false;
  await recordVerdictEvent(target, verdict, reason);
  return true;
}

export async function recordVerdictEvent(target: Pick<FollowTarget, 'appId' | 'teamId' | 'clusterId' | 'namespace' | 'target'> & { revisionNumber: number }, verdict: RolloutVerdict, reason: string): Promise<void> {
  await recordEvent(systemActor, {
    action: 'app.rollout_verdict',
    outcome: verdict === 'FAILED' ? 'FAILED' : 'SUCCEEDED',
    scope: { teamId: target.teamId, clusterId: target.clusterId, namespace: target.namespace, appId: target.appId },
    target: target.target,
    params: { revision: target.revisionNumber, verdict },
    error: verdict === 'FAILED' ? { code: 'ROLLOUT_FAILED', message: reason } : null,
  });
}

async function followOnce(target: FollowTarget, signal: AbortSignal): Promise<void> {
  const clients = await getKubeClients(target.clusterId);
  const status = await watchRolloutStatus(clients, target.namespace, target.name, { signal, timeoutMs: maxFollowMs });
  if (signal.aborted || status.timedOut) return;
  if (status.state === 'complete') {
    await recordVerdict(target, 'SUCCEEDED', status.message, status.revision || null);
    return;
  }
  const deployment = await readDeployment(clients, target.namespace, target.name);
  const problems = deployment ? summarizePodProblems(await listRolloutProblems(clients, deployment)) : null;
  const revision = deployment ? readDeploymentRevision(deployment) : status.revision;
  await recordVerdict(target, 'FAILED', problems ? `${status.message}: ${problems}` : status.message, revision || null);
}

async function follow(target: FollowTarget, signal: AbortSignal): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt += 1) {
    try {
      await followOnce(target, signal);
      return;
    } catch (error) {
      if (signal.aborted) return;
      // A deleted Deployment or app ends the rollout without a verdict; the app's deletion says why.
      if (error instanceof BerthError && error.code !== 'CLUSTER_UNAVAILABLE') return;
      if (attempt >= 8) {
        console.error(`[berth] gave up following the rollout of ${target.target} revision ${target.revisionNumber}:`, error);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)));
    }
  }
}

/** Follows the rollout of a revision in the background; a newer follower of the same app replaces it. */
export function startRolloutFollower(target: FollowTarget): void {
  followers.get(target.appId)?.controller.abort();
  const controller = new AbortController();
  const done = follow(target, controller.signal)
    .catch((error: unknown) => console.error(`[berth] rollout follower for ${target.target} failed:`, error))
    .finally(() => {
      if (followers.get(target.appId)?.controller === controller) followers.delete(target.appId);
    });
  followers.set(target.appId, { target, controller, done });
}

/** Stops following an app's rollout (the app is being deleted). */
export function stopRolloutFollower(appId: string): void {
  followers.get(appId)?.controller.abort();
  followers.delete(appId);
}

const background = (holder as { berthVerdictWork?: Set<Promise<void>> }).berthVerdictWork ?? new Set<Promise<void>>();
(holder as { berthVerdictWork?: Set<Promise<void>> }).berthVerdictWork = background;

/** Verdict bookkeeping that runs after an operation returned (superseded events): awaited by settleRolloutFollowers. */
export function trackBackgroundWork(work: Promise<void>): void {
  background.add(work);
  void work.finally(() => background.delete(work));
}

/** Resolves once every rollout currently followed has a verdict (or `timeoutMs` passed); for tests and shutdown. */
export async function settleRolloutFollowers(timeoutMs = 30_000): Promise<void> {
  const pending = [...followers.values()].map((f) => f.done).concat([...background]);
  await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}

/** Stops every follower (process shutdown, test teardown). */
export function stopAllRolloutFollowers(): void {
  for (const follower of followers.values()) follower.controller.abort();
  followers.clear();
}

export function isFollowingRollout(appId: string): boolean {
  return followers.has(appId);
}

/**
 * After a restart: the newest unfinished revision of each app is followed again; older unfinished
 * ones were superseded by it. Returns how many followers were started.
 */
export async function resumeRolloutFollowers(): Promise<number> {
  const open = await db.revision.findMany({
    where: { verdict: { in: ['PENDING', 'PROGRESSING'] } },
    orderBy: [{ appId: 'asc' }, { number: 'desc' }],
    select: { id: true, number: true, app: { select: { id: true, name: true, namespace: true, clusterId: true, teamId: true, cluster: { select: { name: true } } } } },
  });
  const seen = new Set<string>();
  let started = 0;
  for (const revision of open) {
    const app = revision.app;
    const target: FollowTarget = {
      appId: app.id,
      revisionId: revision.id,
      revisionNumber: revision.number,
      clusterId: app.clusterId,
      namespace: app.namespace,
      name: app.name,
      teamId: app.teamId,
      target: `${app.cluster.name}/${app.namespace}/${app.name}`,
    };
    if (seen.has(app.id)) {
      const reason = 'A newer revision started a rollout before this one finished.';
      const { count } = await db.revision.updateMany({
        where: { id: revision.id, verdict: { in: ['PENDING', 'PROGRESSING'] } },
        data: { verdict: 'SUPERSEDED', verdictReason: reason, verdictAt: new Date() },
      });
      if (count > 0) await recordVerdictEvent(target, 'SUPERSEDED', reason);
      continue;
    }
    seen.add(app.id);
    if (followers.get(app.id)?.target.revisionId === revision.id) continue;
    startRolloutFollower(target);
    started += 1;
  }
  return started;
}
