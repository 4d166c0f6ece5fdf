import type { Metadata } from 'next';
import { AuditFilters, type AuditFilterValues } from '@/components/audit/audit-filters';
import { AuditChainBadge, AuditExportLinks, AuditLog } from '@/components/audit/audit-log';
import { PageHeader } from '@/components/ui/page-header';
import { listAuditFilterOptions } from '@/lib/audit/filter-options';
import { auditFilterParams, auditFiltersToSearchParams, hasAuditFilters, safeParseAuditFilters } from '@/lib/audit/filters';
import { maxAuditPageSize, queryAuditEvents } from '@/lib/audit/query-audit-events';
import { verifyAuditChain } from '@/lib/audit/verify';
import { requirePageActor } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Audit' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const defaultPageSize = 50;

/** `?limit=` between 10 and the query's maximum; anything else means the default. */
function readPageSize(raw: string | string[] | undefined): number | null {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (!text || !/^\d{1,3}$/.test(text)) return null;
  const size = Number(text);
  return size >= 10 && size <= maxAuditPageSize ? size : null;
}

function readRawValues(params: Record<string, string | string[] | undefined>): AuditFilterValues {
  const values: AuditFilterValues = {};
  for (const name of auditFilterParams) {
    const raw = params[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value) values[name] = value;
  }
  return values;
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const params = await searchParams;
  // Invalid filters stay in their fields with an error; the valid ones still apply.
  const parsed = safeParseAuditFilters(params);
  const pageSize = readPageSize(params.limit);
  const [page, chain, options] = await Promise.all([
    queryAuditEvents(actor, parsed.filters, { before: parsed.cursor.before, after: parsed.cursor.after, limit: pageSize ?? defaultPageSize }),
    // The whole chain is walked, and its length is not a viewer's business: admins only.
    actor.isAdmin ? verifyAuditChain() : Promise.resolve(null),
    listAuditFilterOptions(actor),
  ]);
  const filterParams = auditFiltersToSearchParams(parsed.filters);
  // Exports take everything the filters match; the page links also keep the chosen page size.
  const exportQuery = filterParams.toString();
  if (pageSize !== null) filterParams.set('limit', String(pageSize));
  const pageQuery = filterParams.toString();

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
          <div className="flex flex-wrap items-center justify-end gap-3">
            <AuditChainBadge chain={chain} />
            <AuditExportLinks query={exportQuery} />
          </div>
        }
      />
      {chain && !chain.ok ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          The audit chain does not verify at event #{chain.brokenAt}: {chain.reason}.
        </p>
      ) : null}
      {!parsed.ok ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          Some filters could not be applied; fix the highlighted fields.
        </p>
      ) : null}
      <AuditFilters values={readRawValues(params)} fieldErrors={parsed.ok ? {} : parsed.fieldErrors} options={options} />
      <AuditLog events={page.events} query={pageQuery} olderCursor={page.olderCursor} newerCursor={page.newerCursor} isFiltered={hasAuditFilters(parsed.filters)} />
    </>
  );
}
