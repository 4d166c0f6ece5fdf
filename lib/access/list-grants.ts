import type { AnyActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import { grantSummarySelect, toGrantSummary, type GrantSummary } from './grant-summary';
import { requireAdmin } from './require';

export async function listGrants(actor: AnyActor | null, filters: { teamId?: string; clusterId?: string } = {}): Promise<GrantSummary[]> {
  requireAdmin(actor);
  const rows = await db.namespaceGrant.findMany({
    where: { teamId: filters.teamId, clusterId: filters.clusterId },
    select: grantSummarySelect,
    orderBy: [{ team: { name: 'asc' } }, { cluster: { name: 'asc' } }, { namespace: 'asc' }],
  });
  return rows.map(toGrantSummary);
}
