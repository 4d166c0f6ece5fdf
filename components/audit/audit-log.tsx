import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatTimestamp } from '@/components/ui/format';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatAuditParams, pairAuditEvents, type AuditLogEvent, type AuditOperationRow } from './pair-audit-events';

export type AuditChainState =
  | { ok: true; count: number }
  | { ok: false; brokenAt: number; reason: string; count: number };

const outcomeTones: Record<string, BadgeTone> = { REQUESTED: 'neutral', SUCCEEDED: 'success', FAILED: 'danger', DENIED: 'warning' };
const outcomeLabels: Record<string, string> = { REQUESTED: 'Pending', SUCCEEDED: 'Succeeded', FAILED: 'Failed', DENIED: 'Denied' };

function withQuery(path: string, query: string, extra: Record<string, string | number>): string {
  const params = new URLSearchParams(query);
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The chain's verification state, for the page header. */
export function AuditChainBadge({ chain }: { chain: AuditChainState | null }) {
  if (!chain) return null;
  return chain.ok ? (
    <Badge tone="success">Chain verified · {chain.count} events</Badge>
  ) : (
    <Badge tone="danger">Chain broken at #{chain.brokenAt}</Badge>
  );
}

/** CSV and JSON-lines downloads of everything the filters match (not only this page). */
export function AuditExportLinks({ query }: { query: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Export the filtered audit log">
      <a href={withQuery('/api/audit/export', query, { format: 'csv' })} className={buttonClasses('secondary', 'sm')} download>
        Export CSV
      </a>
      <a href={withQuery('/api/audit/export', query, { format: 'jsonl' })} className={buttonClasses('secondary', 'sm')} download>
        Export JSON lines
      </a>
    </div>
  );
}

function OperationRow({ row }: { row: AuditOperationRow }) {
  const { first, request, outcome } = row;
  const shown = outcome ?? request ?? first;
  const params = formatAuditParams(first.params);
  const error = outcome?.errorMessage ?? null;
  return (
    <Tr>
      <Td className="font-mono text-xs whitespace-nowrap text-slate-500 tabular-nums">
        {request && outcome ? `${request.seq}–${outcome.seq}` : first.seq}
      </Td>
      <Td className="whitespace-nowrap tabular-nums">
        <time dateTime={first.at}>{formatTimestamp(first.at)}</time>
        {row.durationMs !== null ? <div className="text-xs text-slate-500">took {formatDuration(row.durationMs)}</div> : null}
      </Td>
      <Td>
        <div className="text-slate-900">{first.actorEmail}</div>
        {first.sourceIp ? <div className="text-xs text-slate-500">{first.sourceIp}</div> : null}
      </Td>
      <Td>
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{first.action}</code>
        {params ? (
          <div className="mt-1 max-w-xs truncate font-mono text-xs text-slate-500" title={params}>
            {params}
          </div>
        ) : null}
      </Td>
      <Td className="max-w-xs">
        <div className="truncate" title={first.target ?? undefined}>
          {first.target ?? '—'}
        </div>
        {first.namespace ? <div className="text-xs text-slate-500">namespace {first.namespace}</div> : null}
      </Td>
      <Td>
        <Badge tone={outcomeTones[shown.outcome] ?? 'neutral'}>{outcomeLabels[shown.outcome] ?? shown.outcome}</Badge>
        {error ? (
          <div className="mt-1 max-w-xs text-xs break-words text-slate-600">
            {outcome?.errorCode ? <span className="font-mono">{outcome.errorCode}: </span> : null}
            {error}
          </div>
        ) : null}
      </Td>
    </Tr>
  );
}

/**
 * The audit log: one row per operation (request and outcome paired), keyset pagination links that
 * keep the filters, and export buttons for the same filters. `query` is the filters as URL
 * parameters (no cursor); `olderCursor` / `newerCursor` come from queryAuditEvents.
 */
export function AuditLog({
  events,
  query,
  olderCursor,
  newerCursor,
  basePath = '/audit',
  isFiltered = false,
}: {
  events: AuditLogEvent[];
  query: string;
  olderCursor: number | null;
  newerCursor: number | null;
  basePath?: string;
  isFiltered?: boolean;
}) {
  const rows = pairAuditEvents(events);
  const newestHref = withQuery(basePath, query, {});
  return (
    <section aria-label="Audit events">
      {rows.length === 0 ? (
        <EmptyState
          title="No audit events"
          description={isFiltered ? 'Nothing matches these filters.' : 'Changes will be listed here as they happen.'}
          action={isFiltered ? <Link href={basePath} className={buttonClasses('secondary', 'sm')}>Clear filters</Link> : undefined}
        />
      ) : (
        <Table label="Audit events, one row per operation">
          <THead>
            <tr>
              <Th className="w-24">#</Th>
              <Th>Time</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Target</Th>
              <Th>Outcome</Th>
            </tr>
          </THead>
          <TBody>
            {rows.map((row) => (
              <OperationRow key={row.operationId} row={row} />
            ))}
          </TBody>
        </Table>
      )}
      <nav aria-label="Audit pages" className="mt-4 flex flex-wrap items-center justify-between gap-2">
        <div className="flex gap-2">
          {newerCursor !== null ? (
            <>
              <Link href={newestHref} className={buttonClasses('ghost', 'sm')}>
                ⇤ Newest
              </Link>
              <Link href={withQuery(basePath, query, { after: newerCursor })} className={buttonClasses('secondary', 'sm')} rel="prev">
                ← Newer events
              </Link>
            </>
          ) : null}
        </div>
        {olderCursor !== null ? (
          <Link href={withQuery(basePath, query, { before: olderCursor })} className={buttonClasses('secondary', 'sm')} rel="next">
            Older events →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
