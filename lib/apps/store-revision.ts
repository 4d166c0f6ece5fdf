// Storing a revision: number n+1 under a row lock on the app, the app pointed at it, and the rollouts
// it supersedes marked as such — one SQL statement.
import { randomUUID } from 'node:crypto';
import type { AnyActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { RolloutVerdict } from '@/lib/generated/prisma/enums';
import type { DesiredState } from '@/lib/manifests';
import type { RevisionRow } from './types';

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
const noRolloutReason = 'No rollout: the pod template did not change.';

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

interface StoredRow extends RevisionRow {
  superseded: { id: string; number: number }[];
}

const maxAttempts = 3;

/**
 * One statement (atomic on its own, and one round trip): lock the app row, mark unfinished rollouts
 * SUPERSEDED when this revision starts a new one, insert revision max+1, point the app at it.
 */
async function insertRevision(client: Prisma.TransactionClient | typeof db, input: NewRevision): Promise<StoredRevision> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const verdict: RolloutVerdict = input.startsRollout ? 'PROGRESSING' : 'SUCCEEDED';
  const verdictReason = input.startsRollout ? null : noRolloutReason;
  const verdictAt = input.startsRollout ? null : now;
  const rows = await client.$queryRaw<StoredRow[]>`
    WITH locked AS (SELECT id FROM "App" WHERE id = ${input.appId} FOR UPDATE),
    superseded AS (
      UPDATE "Revision" SET "verdict" = 'SUPERSEDED', "verdictReason" = ${supersededReason},
        "verdictAt" = ${now}::timestamptz AT TIME ZONE 'UTC'
      WHERE ${input.startsRollout} AND "appId" = (SELECT id FROM locked) AND "verdict" IN ('PENDING', 'PROGRESSING')
      RETURNING id, "number"),
    inserted AS (
      INSERT INTO "Revision" ("id", "appId", "number", "manifest", "operation", "authorId", "authorEmail", "changeCause",
        "kubeRevision", "verdict", "verdictReason", "verdictAt", "createdAt")
      SELECT ${id}, locked.id, COALESCE((SELECT MAX(r."number") FROM "Revision" r WHERE r."appId" = locked.id), 0) + 1,
        ${JSON.stringify(input.state)}::jsonb, ${input.operation}, ${input.actor.kind === 'user' ? input.actor.id : null},
        ${input.actor.email}, ${input.changeCause ?? null}, ${input.kubeRevision ?? null}::int, ${verdict}::"RolloutVerdict",
        ${verdictReason}, ${verdictAt}::timestamptz AT TIME ZONE 'UTC', ${now}::timestamptz AT TIME ZONE 'UTC'
      FROM locked
      RETURNING *),
    pointed AS (
      UPDATE "App" SET "currentRevisionId" = inserted.id, "updatedAt" = ${now}::timestamptz AT TIME ZONE 'UTC'
      FROM inserted WHERE "App".id = inserted."appId"
      RETURNING "App".id)
    SELECT inserted.id, inserted."number", inserted."operation", inserted."authorEmail", inserted."changeCause",
      inserted."kubeRevision", inserted."verdict", inserted."verdictReason", inserted."verdictAt", inserted."createdAt",
      (SELECT COALESCE(json_agg(json_build_object('id', s.id, 'number', s."number")), '[]'::json) FROM superseded s) AS superseded
    FROM inserted, pointed`;
  const [row] = rows;
  if (!row) throw notFound('app');
  const { superseded, ...revision } = row;
  return { revision, superseded };
}

function isNumberCollision(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code ?? '')}` : '';
  return /23505|unique constraint|P2010/i.test(text) && /number|Revision_appId_number/i.test(text);
}

export async function storeRevision(input: NewRevision, tx?: Prisma.TransactionClient): Promise<StoredRevision> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const stored = await insertRevision(tx ?? db, input);
      lastStored.set(input.appId, stored.revision.id);
      return stored;
    } catch (error) {
      // Another Berth process stored a revision between this statement's snapshot and its lock.
      if (tx || attempt >= maxAttempts || !isNumberCollision(error)) throw error;
    }
  }
}
