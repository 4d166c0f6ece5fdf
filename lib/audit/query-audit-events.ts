// The audit log page and export: every filter of the audit page, keyset pagination in both directions
// (never OFFSET), and the same scoping as listAuditEvents — admins read everything, everyone else the
// events of the namespaces they can see.
import type { AnyActor } from '@/lib/access/actor';
import { requireActor } from '@/lib/access/require';
import { getNamespaceScope } from '@/lib/access/scope';
import { db } from '@/lib/db';
import type { AuditEvent, Prisma } from '@/lib/generated/prisma/client';
import type { AuditQueryFilters } from './filters';
import type { AuditEventSummary } from './list-audit-events';

export interface AuditLogPage {
  /** Newest first. */
  events: AuditEventSummary[];
  /** `before` for the next older page; null when there is none. */
  olderCursor: number | null;
  /** `after` for the next newer page; null on the newest page. */
  newerCursor: number | null;
}

export const maxAuditPageSize = 200;

function toSummary(row: AuditEvent): AuditEventSummary {
  const { prevHash: _prevHash, ...rest } = row;
  return { ...rest, seq: Number(row.seq), at: row.at.toISOString(), params: row.params ?? null };
}

/** The WHERE clause for an actor and filters, or null when the actor can see nothing at all. */
async function buildAuditWhere(actor: AnyActor, filters: AuditQueryFilters): Promise<Prisma.AuditEventWhereInput[] | null> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filters.actor) and.push({ actorEmail: { equals: filters.actor, mode: 'insensitive' } });
  if (filters.teamId) and.push({ teamId: filters.teamId });
  if (filters.clusterId) and.push({ clusterId: filters.clusterId });
  if (filters.namespace) and.push({ namespace: filters.namespace });
  if (filters.appId) and.push({ appId: filters.appId });
  if (filters.action) and.push({ action: filters.action });
  if (filters.outcome) and.push({ outcome: filters.outcome });
  if (filters.from) and.push({ at: { gte: filters.from } });
  if (filters.to) and.push({ at: { lt: filters.to } });
  const scope = await getNamespaceScope(actor);
  if (scope.kind === 'some') {
    if (scope.namespaces.length === 0) return null;
    and.push({ OR: scope.namespaces.map(({ clusterId, namespace }) => ({ clusterId, namespace })) });
  }
  return and;
}

export async function queryAuditEvents(
  actor: AnyActor | null,
  filters: AuditQueryFilters = {},
  page: { before?: number | null; after?: number | null; limit?: number } = {},
): Promise<AuditLogPage> {
  const signedIn = requireActor(actor);
  const limit = Math.min(Math.max(page.limit ?? 50, 1), maxAuditPageSize);
  const and = await buildAuditWhere(signedIn, filters);
  if (!and) return { events: [], olderCursor: null, newerCursor: null };

  const goingNewer = page.before == null && page.after != null;
  const rows = goingNewer
    ? (await db.auditEvent.findMany({ where: { AND: [...and, { seq: { gt: BigInt(page.after!) } }] }, orderBy: { seq: 'asc' }, take: limit })).reverse()
    : await db.auditEvent.findMany({
        where: { AND: page.before != null ? [...and, { seq: { lt: BigInt(page.before) } }] : and },
        orderBy: { seq: 'desc' },
        take: limit,
      });
  if (rows.length === 0) {
    // Paged past the end: offer the way back.
    if (goingNewer) return { events: [], olderCursor: null, newerCursor: null };
    return { events: [], olderCursor: null, newerCursor: page.before != null ? page.before - 1 : null };
  }
  const newest = rows[0].seq;
  const oldest = rows[rows.length - 1].seq;
  const [older, newer] = await Promise.all([
    db.auditEvent.findFirst({ where: { AND: [...and, { seq: { lt: oldest } }] }, select: { seq: true } }),
    db.auditEvent.findFirst({ where: { AND: [...and, { seq: { gt: newest } }] }, select: { seq: true } }),
  ]);
  return {
    events: rows.map(toSummary),
    olderCursor: older ? Number(oldest) : null,
    newerCursor: newer ? Number(newest) : null,
  };
}

/**
 * Every matching event the actor may see, oldest first, fetched `batchSize` at a time by seq cursor,
 * so an export of the whole log never holds more than one batch in memory.
 */
export async function* iterateAuditEvents(actor: AnyActor | null, filters: AuditQueryFilters = {}, options: { batchSize?: number } = {}): AsyncGenerator<AuditEventSummary[]> {
  const signedIn = requireActor(actor);
  const batchSize = Math.min(Math.max(options.batchSize ?? 500, 1), 5_000);
  const and = await buildAuditWhere(signedIn, filters);
  if (!and) return;
  let cursor: bigint | null = null;
  for (;;) {
    const where: Prisma.AuditEventWhereInput = { AND: cursor === null ? and : [...and, { seq: { gt: cursor } }] };
    const rows = await db.auditEvent.findMany({ where, orderBy: { seq: 'asc' }, take: batchSize });
    if (rows.length === 0) return;
    yield rows.map(toSummary);
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1].seq;
  }
}
