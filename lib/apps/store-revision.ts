// Storing a revision: number n+1 under a row lock on the app, the app pointed at it, and the rollouts
// it supersedes marked as such — one transaction.
import type { AnyActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { RolloutVerdict } from '@/lib/generated/prisma/enums';
import type { DesiredState } from '@/lib/manifests';
import { revisionSummarySelect, type RevisionRow } from './types';

const appLocks = (globalThis as unknown as { berthAppLocks?: Map<string, Promise<unknown>> }).berthAppLocks ?? new Map<string, Promise<unknown>>();
(globalThis as unknown as { berthAppLocks?: Map<string, Promise<unknown>> }).berthAppLocks = appLocks;

/**
 * Runs changes to one app one at a time in this process: each reads the current revision, changes the
 * cluster and stores n+1 before the next starts, so two users' changes never build on the same base
 * (no lost update) and the last one to run is what the cluster and the current revision hold.
 */
export async function withAppLock<T>(appId: string, fn: (waited: boolean) => Promise<T>): Promise<T> {
  const pending = appLocks.get(appId);
  const previous = pending ?? Promise.resolve();
  const waited = pending !== undefined;
  const run = previous.then(
    () => fn(waited),
    () => fn(waited),
  );
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  appLocks.set(appId, settled);
  try {
    return await run;
  } finally {
    if (appLocks.get(appId) === settled) appLocks.delete(appId);
  }
}

const lastStored = (globalThis as unknown as { berthLastStored?: Map<string, string> }).berthLastStored ?? new Map<string, string>();
(globalThis as unknown as { berthLastStored?: Map<string, string> }).berthLastStored = lastStored;

/** The revision this process last stored for an app (to tell whether a state loaded earlier is still current). */
export function lastStoredRevisionId(appId: string): string | undefined {
  return lastStored.get(appId);
}

export const supersededReason = 'A newer revision started a rollout before this one finished.';

export interface NewRevision {
  appId: string;
  state: DesiredState;
  operation: string;
  actor: AnyActor;
  changeCause?: string | null;
  kubeRevision?: number | null;
  /** A new rollout started (the pod template changed): PROGRESSING, and older unfinished rollouts are superseded. */
  startsRollout: boolean;
}

export interface StoredRevision {
  revision: RevisionRow;
  /** Revisions whose unfinished rollout this one superseded. */
  superseded: { id: string; number: number }[];
}

export async function storeRevision(input: NewRevision, tx?: Prisma.TransactionClient): Promise<StoredRevision> {
  const run = async (t: Prisma.TransactionClient): Promise<StoredRevision> => {
    // Another Berth process may be storing a revision of the same app: the row lock orders them, and
    // the highest number is read under it (one statement: the lock and the number).
    const [last] = await t.$queryRaw<{ number: number | null }[]>`
      SELECT (SELECT MAX(r."number") FROM "Revision" r WHERE r."appId" = a.id) AS "number"
      FROM "App" a WHERE a.id = ${input.appId} FOR UPDATE OF a`;
    const superseded = input.startsRollout
      ? await t.$queryRaw<{ id: string; number: number }[]>`
          UPDATE "Revision" SET "verdict" = 'SUPERSEDED', "verdictReason" = ${supersededReason},
            "verdictAt" = ${new Date().toISOString()}::timestamptz AT TIME ZONE 'UTC'
          WHERE "appId" = ${input.appId} AND "verdict" IN ('PENDING', 'PROGRESSING')
          RETURNING id, "number"`
      : [];
    const verdict: RolloutVerdict = input.startsRollout ? 'PROGRESSING' : 'SUCCEEDED';
    const revision = await t.revision.create({
      data: {
        appId: input.appId,
        number: (last?.number ?? 0) + 1,
        manifest: input.state as unknown as Prisma.InputJsonValue,
        operation: input.operation,
        authorId: input.actor.kind === 'user' ? input.actor.id : null,
        authorEmail: input.actor.email,
        changeCause: input.changeCause ?? null,
        kubeRevision: input.kubeRevision ?? null,
        verdict,
        verdictReason: input.startsRollout ? null : 'No rollout: the pod template did not change.',
        verdictAt: input.startsRollout ? null : new Date(),
      },
      select: revisionSummarySelect,
    });
    await t.app.update({ where: { id: input.appId }, data: { currentRevisionId: revision.id } });
    return { revision, superseded };
  };
  const stored = await (tx ? run(tx) : db.$transaction(run));
  lastStored.set(input.appId, stored.revision.id);
  return stored;
}
