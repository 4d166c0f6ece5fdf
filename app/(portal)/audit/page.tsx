import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditTable } from '@/components/audit/audit-table';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/input';
import { Label } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { auditActions, auditOutcomes } from '@/lib/audit/actions';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { verifyAuditChain } from '@/lib/audit/verify';
import { requirePageActor } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Audit' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function readParam(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first : undefined;
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((item) => item === value);
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const params = await searchParams;
  const action = pick(readParam(params.action), auditActions);
  const outcome = pick(readParam(params.outcome), auditOutcomes);
  const cursorText = readParam(params.cursor);
  const cursor = cursorText && /^\d+$/.test(cursorText) ? Number(cursorText) : null;

  const [page, chain] = await Promise.all([
    listAuditEvents(actor, { action, outcome }, { cursor, limit: 50 }),
    actor.isAdmin ? verifyAuditChain() : Promise.resolve(null),
  ]);

  const query = (extra: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ action, outcome, ...extra })) if (value !== undefined) search.set(key, String(value));
    const text = search.toString();
    return text ? `/audit?${text}` : '/audit';
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          actor.isAdmin
            ? 'Every change and sign-in, newest first. Entries are append-only and hash-chained.'
            : 'Changes in the namespaces your teams can see, newest first.'
        }
        actions={
          chain ? (
            chain.ok ? (
              <Badge tone="success">Chain verified · {chain.count} events</Badge>
            ) : (
              <Badge tone="danger">Chain broken at #{chain.brokenAt}</Badge>
            )
          ) : null
        }
      />
      {chain && !chain.ok ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          The audit chain does not verify at event #{chain.brokenAt}: {chain.reason}.
        </p>
      ) : null}

      <form method="get" action="/audit" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter audit events">
        <div className="w-56 space-y-1.5">
          <Label htmlFor="filter-action">Action</Label>
          <Select id="filter-action" name="action" defaultValue={action ?? ''}>
            <option value="">All actions</option>
            {auditActions.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-44 space-y-1.5">
          <Label htmlFor="filter-outcome">Outcome</Label>
          <Select id="filter-outcome" name="outcome" defaultValue={outcome ?? ''}>
            <option value="">All outcomes</option>
            {auditOutcomes.map((name) => (
              <option key={name} value={name}>
                {name.charAt(0) + name.slice(1).toLowerCase()}
              </option>
            ))}
          </Select>
        </div>
        <button type="submit" className={buttonClasses('secondary')}>
          Apply filters
        </button>
        {action || outcome ? (
          <Link href="/audit" className={buttonClasses('ghost')}>
            Clear
          </Link>
        ) : null}
      </form>

      {page.events.length === 0 ? (
        <EmptyState
          title="No audit events"
          description={action || outcome || cursor ? 'Nothing matches these filters.' : 'Changes will be listed here as they happen.'}
        />
      ) : (
        <AuditTable events={page.events} />
      )}

      <nav aria-label="Audit pages" className="mt-4 flex items-center justify-between">
        {cursor !== null ? (
          <Link href={query({})} className={buttonClasses('secondary', 'sm')}>
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor !== null ? (
          <Link href={query({ cursor: page.nextCursor })} className={buttonClasses('secondary', 'sm')}>
            Older events →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
