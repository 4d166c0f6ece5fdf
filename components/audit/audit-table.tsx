import { Badge, type BadgeTone } from '@/components/ui/badge';
import { formatTimestamp } from '@/components/ui/format';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';

export interface AuditRow {
  seq: number;
  at: string;
  actorEmail: string;
  sourceIp: string | null;
  action: string;
  target: string | null;
  namespace: string | null;
  outcome: string;
  errorCode: string | null;
  errorMessage: string | null;
}

const outcomeTones: Record<string, BadgeTone> = {
  REQUESTED: 'neutral',
  SUCCEEDED: 'success',
  FAILED: 'danger',
  DENIED: 'warning',
};

const outcomeLabels: Record<string, string> = {
  REQUESTED: 'Requested',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  DENIED: 'Denied',
};

export function AuditTable({ events }: { events: AuditRow[] }) {
  return (
    <Table label="Audit events">
      <THead>
        <tr>
          <Th className="w-16">#</Th>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Outcome</Th>
        </tr>
      </THead>
      <TBody>
        {events.map((event) => (
          <Tr key={event.seq}>
            <Td className="font-mono text-xs text-slate-500 tabular-nums">{event.seq}</Td>
            <Td className="whitespace-nowrap tabular-nums">
              <time dateTime={event.at}>{formatTimestamp(event.at)}</time>
            </Td>
            <Td>
              <div className="text-slate-900">{event.actorEmail}</div>
              {event.sourceIp ? <div className="text-xs text-slate-500">{event.sourceIp}</div> : null}
            </Td>
            <Td>
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{event.action}</code>
            </Td>
            <Td className="max-w-xs">
              <div className="truncate" title={event.target ?? undefined}>
                {event.target ?? '—'}
              </div>
              {event.namespace ? <div className="text-xs text-slate-500">namespace {event.namespace}</div> : null}
            </Td>
            <Td>
              <Badge tone={outcomeTones[event.outcome] ?? 'neutral'}>{outcomeLabels[event.outcome] ?? event.outcome}</Badge>
              {event.errorMessage ? (
                <div className="mt-1 max-w-xs text-xs text-slate-600" title={event.errorCode ?? undefined}>
                  {event.errorMessage}
                </div>
              ) : null}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
