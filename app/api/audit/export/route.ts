import { requireActor } from '@/lib/access/require';
import { auditExportContentType, auditExportFileName, auditExportFormats, streamAuditExport, type AuditExportFormat } from '@/lib/audit/export';
import { parseAuditFilters } from '@/lib/audit/filters';
import { getCurrentActor } from '@/lib/auth/actor';
import { BerthError } from '@/lib/errors';
import { respondWithError } from '@/lib/live/error-response';

// GET /api/audit/export?format=csv|jsonl&<the audit page's filters>: a streamed download of what the
// signed-in user may see (admins: everything; others: their namespaces' events).
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

function readFormat(value: string | null): AuditExportFormat {
  const format = auditExportFormats.find((candidate) => candidate === (value ?? 'csv'));
  if (!format) throw new BerthError('INVALID_INPUT', 'The export format must be csv or jsonl.', { format: ['csv or jsonl'] });
  return format;
}

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = requireActor(await getCurrentActor());
    const params = new URL(request.url).searchParams;
    const format = readFormat(params.get('format'));
    const { filters } = parseAuditFilters(params);
    return new Response(streamAuditExport(actor, filters, format), {
      headers: {
        'content-type': auditExportContentType(format),
        'content-disposition': `attachment; filename="${auditExportFileName(format)}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    return respondWithError(error);
  }
}
