// The database-backed gauges: each one a single aggregate query, cheap enough for a 15 s scrape.
import { db } from '@/lib/db';
import { RolloutVerdict } from '@/lib/generated/prisma/enums';

export type ClusterContactStatus = 'reachable' | 'unreachable' | 'unknown';

export interface AppCounts {
  /** The audit log's highest sequence number: every event ever appended (the log is append-only). */
  auditEventsTotal: number;
  clustersByStatus: Record<ClusterContactStatus, number>;
  revisionsByVerdict: Record<RolloutVerdict, number>;
}

function statusOf(lastContactOk: boolean | null): ClusterContactStatus {
  if (lastContactOk === null) return 'unknown';
  return lastContactOk ? 'reachable' : 'unreachable';
}

export async function readAppCounts(): Promise<AppCounts> {
  const [audit, clusters, revisions] = await Promise.all([
    db.auditEvent.aggregate({ _max: { seq: true } }),
    db.cluster.groupBy({ by: ['lastContactOk'], _count: { _all: true } }),
    db.revision.groupBy({ by: ['verdict'], _count: { _all: true } }),
  ]);
  const clustersByStatus: Record<ClusterContactStatus, number> = { reachable: 0, unreachable: 0, unknown: 0 };
  for (const row of clusters) clustersByStatus[statusOf(row.lastContactOk)] += row._count._all;
  const revisionsByVerdict = Object.fromEntries(Object.values(RolloutVerdict).map((verdict) => [verdict, 0])) as Record<RolloutVerdict, number>;
  for (const row of revisions) revisionsByVerdict[row.verdict] = row._count._all;
  return { auditEventsTotal: Number(audit._max.seq ?? 0), clustersByStatus, revisionsByVerdict };
}
