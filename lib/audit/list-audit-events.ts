// The audit log, newest first, paginated on seq (keyset, never OFFSET). Admins read everything;
// everyone else reads the events of the namespaces they can see.
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { requireActor } from '@/lib/access/require';
import { getNamespaceScope } from '@/lib/access/scope';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { auditActions, auditOutcomes } from './actions';

export interface AuditEventSummary {
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string;
  sourceIp: string | null;
  userAgent: string | null;
  action: string;
  outcome: string;
  teamId: string | null;
  clusterId: string | null;
  namespace: string | null;
  appId: string | null;
  target: string | null;
  params: unknown;
  errorCode: string | null;
  errorMessage: string | null;
  operationId: string;
  hash: string;
}

export const auditFiltersInput = z.object({
  action: z.enum(auditActions).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  actorId: z.string().min(1).optional(),
  teamId: z.string().min(1).optional(),
  clusterId: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
  appId: z.string().min(1).optional(),
  operationId: z.string().min(1).optional(),
});
export type AuditFilters = z.input<typeof auditFiltersInput>;

export interface AuditPage {
  events: AuditEventSummary[];
  /** Pass back as `cursor` for the next (older) page; null when there is none. */
  nextCursor: number | null;
}

export async function listAuditEvents(
  actor: AnyActor | null,
  filters: AuditFilters = {},
  page: { cursor?: number | null; limit?: number } = {},
): Promise<AuditPage> {
  const signedIn = requireActor(actor);
  const parsed = auditFiltersInput.parse(filters);
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
  const and: Prisma.AuditEventWhereInput[] = [parsed];
  if (page.cursor !== undefined && page.cursor !== null) and.push({ seq: { lt: BigInt(page.cursor) } });
  const scope = await getNamespaceScope(signedIn);
  if (scope.kind === 'some') {
    if (scope.namespaces.length === 0) return { events: [], nextCursor: null };
    and.push({ OR: scope.namespaces.map(({ clusterId, namespace }) => ({ clusterId, namespace })) });
  }
  const rows = await db.auditEvent.findMany({ where: { AND: and }, orderBy: { seq: 'desc' }, take: limit + 1 });
  const events = rows.slice(0, limit).map(
    (row): AuditEventSummary => ({
      ...row,
      seq: Number(row.seq),
      at: row.at.toISOString(),
      params: row.params ?? null,
    }),
  );
  return { events, nextCursor: rows.length > limit ? events[events.length - 1].seq : null };
}
