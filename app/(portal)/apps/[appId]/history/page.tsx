import type { Metadata } from 'next';
import Link from 'next/link';
import { OutcomeBadge } from '@/components/apps/status-badges';
import { EmptyState } from '@/components/ui/empty-state';
import { formatTimestamp } from '@/components/ui/format';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { listAppHistory } from '@/lib/apps/app-history';
import { loadApp, orNotFound } from '../load-app';

export const metadata: Metadata = { title: 'History' };
export const dynamic = 'force-dynamic';

function formatParams(params: unknown): string {
  if (params === null || params === undefined) return '';
  if (typeof params !== 'object') return String(params);
  return Object.entries(params as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export default async function HistoryPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { actor, app } = await loadApp(appId);
  const entries = await orNotFound(listAppHistory(actor, { appId, limit: 200 }));
  if (entries.length === 0) return <EmptyState title="No history yet" description="Changes to the app appear here with who made them and how they ended." />;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Every request for this app and its outcome, newest first. The full, filterable log is in{' '}
        <Link href={`/audit?app=${encodeURIComponent(app.id)}`} className="text-indigo-700 underline">
          Audit
        </Link>
        .
      </p>
      <Table label="App history">
        <THead>
          <tr>
            <Th>Time</Th>
            <Th>Action</Th>
            <Th>Actor</Th>
            <Th>Outcome</Th>
            <Th>Parameters</Th>
            <Th>Error</Th>
          </tr>
        </THead>
        <TBody>
          {entries.map((entry) => (
            <Tr key={entry.operationId}>
              <Td className="text-xs whitespace-nowrap tabular-nums">{formatTimestamp(entry.at)}</Td>
              <Td className="font-mono text-xs text-slate-900">{entry.action}</Td>
              <Td className="text-xs">{entry.actorEmail}</Td>
              <Td>
                <OutcomeBadge outcome={entry.outcome} />
                {entry.durationMs ? <div className="mt-1 text-xs text-slate-500">{formatDuration(entry.durationMs)}</div> : null}
              </Td>
              <Td className="max-w-sm font-mono text-xs break-all">{formatParams(entry.params) || '—'}</Td>
              <Td className="max-w-sm text-xs">
                {entry.errorCode ? (
                  <>
                    <span className="font-mono text-red-700">{entry.errorCode}</span> {entry.errorMessage}
                  </>
                ) : (
                  '—'
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
