// Audit export as CSV or JSON lines, streamed batch by batch (oldest first, so the hash chain reads in
// order). CSV cells are escaped per RFC 4180 and guarded against formula injection: a spreadsheet
// must never execute a value an attacker typed into, say, an app name or a user agent.
import type { AnyActor } from '@/lib/access/actor';
import { requireActor } from '@/lib/access/require';
import type { AuditQueryFilters } from './filters';
import type { AuditEventSummary } from './list-audit-events';
import { iterateAuditEvents } from './query-audit-events';

export const auditExportFormats = ['csv', 'jsonl'] as const;
export type AuditExportFormat = (typeof auditExportFormats)[number];

export const auditCsvColumns = [
  'seq',
  'at',
  'actor_email',
  'actor_id',
  'source_ip',
  'user_agent',
  'action',
  'outcome',
  'team_id',
  'cluster_id',
  'namespace',
  'app_id',
  'target',
  'params',
  'error_code',
  'error_message',
  'operation_id',
  'hash',
] as const;

// OWASP "CSV injection": these leading characters make spreadsheets evaluate a cell.
const formulaStart = /^[=+\-@\t\r]/;

export function escapeCsvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatAuditCsvRow(event: AuditEventSummary): string {
  const cells: unknown[] = [
    event.seq,
    event.at,
    event.actorEmail,
    event.actorId,
    event.sourceIp,
    event.userAgent,
    event.action,
    event.outcome,
    event.teamId,
    event.clusterId,
    event.namespace,
    event.appId,
    event.target,
    event.params,
    event.errorCode,
    event.errorMessage,
    event.operationId,
    event.hash,
  ];
  return `${cells.map(escapeCsvCell).join(',')}\r\n`;
}

export function formatAuditJsonLine(event: AuditEventSummary): string {
  return `${JSON.stringify(event)}\n`;
}

export function auditExportFileName(format: AuditExportFormat, now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replaceAll('-', '').replaceAll(':', '').replace('T', '-');
  return `berth-audit-${stamp}.${format}`;
}

export function auditExportContentType(format: AuditExportFormat): string {
  return format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
}

/** The export's text, chunk by chunk (one chunk per database batch), holding one batch at a time. */
export async function* generateAuditExport(
  actor: AnyActor | null,
  filters: AuditQueryFilters,
  format: AuditExportFormat,
  options: { batchSize?: number } = {},
): AsyncGenerator<string> {
  const signedIn = requireActor(actor);
  if (format === 'csv') yield `${auditCsvColumns.join(',')}\r\n`;
  for await (const batch of iterateAuditEvents(signedIn, filters, options)) {
    yield batch.map(format === 'csv' ? formatAuditCsvRow : formatAuditJsonLine).join('');
  }
}

/** A byte stream pulled from the generator, so a slow download slows the database reads down with it. */
export function streamAuditExport(
  actor: AnyActor | null,
  filters: AuditQueryFilters,
  format: AuditExportFormat,
  options: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  const chunks = generateAuditExport(actor, filters, format, options);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
