// The app's audit events, each request paired with its outcome (by operation id), newest first.
// VIEWER and up (the namespace's audit is theirs to read).
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import { loadAppForView } from './app-scope';
import { appIdField } from './inputs';

export const listAppHistoryInput = z.object({
  appId: appIdField,
  limit: z.preprocess((v) => (typeof v === 'string' && v !== '' ? Number(v) : v), z.number().int().min(1).max(500)).default(100),
});

export interface HistoryEntry {
  operationId: string;
  action: string;
  actorEmail: string;
  /** When it was asked for (or, for one-shot events, when it happened). */
  at: string;
  /** SUCCEEDED, FAILED, DENIED, or REQUESTED while it has no outcome yet. */
  outcome: string;
  finishedAt: string | null;
  durationMs: number | null;
  params: unknown;
  errorCode: string | null;
  errorMessage: string | null;
  seqs: number[];
}

export async function listAppHistory(actor: AnyActor | null, input: z.input<typeof listAppHistoryInput>): Promise<HistoryEntry[]> {
  const { appId, limit } = parseInput(listAppHistoryInput, input);
  const app = await loadAppForView(actor, appId);
  const rows = await db.auditEvent.findMany({ where: { appId: app.id }, orderBy: { seq: 'desc' }, take: limit * 2 });
  const byOperation = new Map<string, HistoryEntry>();
  for (const row of [...rows].reverse()) {
    const at = row.at.toISOString();
    const entry = byOperation.get(row.operationId);
    if (!entry) {
      byOperation.set(row.operationId, {
        operationId: row.operationId,
        action: row.action,
        actorEmail: row.actorEmail,
        at,
        outcome: row.outcome,
        finishedAt: row.outcome === 'REQUESTED' ? null : at,
        durationMs: row.outcome === 'REQUESTED' ? null : 0,
        params: row.params ?? null,
        errorCode: row.errorCode,
        errorMessage: row.errorMessage,
        seqs: [Number(row.seq)],
      });
      continue;
    }
    entry.outcome = row.outcome;
    entry.finishedAt = at;
    entry.durationMs = row.at.getTime() - new Date(entry.at).getTime();
    entry.errorCode = row.errorCode;
    entry.errorMessage = row.errorMessage;
    entry.seqs.push(Number(row.seq));
  }
  return [...byOperation.values()].reverse().slice(0, limit);
}
