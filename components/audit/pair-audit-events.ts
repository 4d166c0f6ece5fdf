// Pairs an operation's REQUESTED event with its outcome so the log reads one line per operation.
// Pairing is per page: an operation cut by a page boundary shows the half that is on this page.

export interface AuditLogEvent {
  seq: number;
  at: string;
  actorEmail: string;
  sourceIp: string | null;
  action: string;
  outcome: string;
  namespace: string | null;
  target: string | null;
  params: unknown;
  errorCode: string | null;
  errorMessage: string | null;
  operationId: string;
}

export interface AuditOperationRow {
  operationId: string;
  request: AuditLogEvent | null;
  /** SUCCEEDED / FAILED / DENIED; null while only the request is recorded. */
  outcome: AuditLogEvent | null;
  /** The event that represents the row (request if present, else the outcome). */
  first: AuditLogEvent;
  /** Milliseconds from request to outcome when both are on the page. */
  durationMs: number | null;
}

/** Rows newest first, ordered by each operation's latest event. */
export function pairAuditEvents(events: readonly AuditLogEvent[]): AuditOperationRow[] {
  const byOperation = new Map<string, AuditLogEvent[]>();
  for (const event of events) byOperation.set(event.operationId, [...(byOperation.get(event.operationId) ?? []), event]);
  const rows = [...byOperation.entries()].map(([operationId, group]) => {
    const sorted = [...group].sort((a, b) => a.seq - b.seq);
    const request = sorted.find((event) => event.outcome === 'REQUESTED') ?? null;
    const outcome = [...sorted].reverse().find((event) => event.outcome !== 'REQUESTED') ?? null;
    const first = request ?? outcome ?? sorted[0];
    const durationMs = request && outcome ? Math.max(0, new Date(outcome.at).getTime() - new Date(request.at).getTime()) : null;
    return { operationId, request, outcome, first, durationMs, latestSeq: sorted[sorted.length - 1].seq };
  });
  return rows.sort((a, b) => b.latestSeq - a.latestSeq).map(({ latestSeq: _latestSeq, ...row }) => row);
}

/** A short, single-line rendering of an event's parameters. */
export function formatAuditParams(params: unknown, max = 120): string | null {
  if (params === null || params === undefined) return null;
  if (typeof params === 'object' && Object.keys(params).length === 0) return null;
  const text = JSON.stringify(params);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
