// Walks the whole chain in seq order. A row edited in place fails its own hash; a deleted row shows
// as a sequence gap (and a prevHash that no longer matches); swapped rows fail the hash of the first.
// Truncating the newest rows is only visible against a head recorded elsewhere: `head` is returned
// for that purpose.
import { db } from '@/lib/db';
import type { JsonValue } from './append';
import { genesisHash, hashAuditRow } from './hash';

export type AuditChainVerdict =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; brokenAt: number; reason: string; count: number };

const batchSize = 1000;

export async function verifyAuditChain(): Promise<AuditChainVerdict> {
  let expectedSeq = 1n;
  let previousHash = genesisHash;
  let count = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: 'asc' },
      take: batchSize,
    });
    for (const row of rows) {
      const broken = (reason: string): AuditChainVerdict => ({ ok: false, brokenAt: Number(row.seq), reason, count });
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          brokenAt: Number(expectedSeq),
          reason: `row ${expectedSeq} is missing (deleted or renumbered); the next row is ${row.seq}`,
          count,
        };
      }
      if (row.prevHash !== previousHash) {
        return broken('prevHash does not match the hash of the previous row (a row was removed, inserted or reordered)');
      }
      const recomputed = hashAuditRow({ ...row, params: (row.params ?? null) as JsonValue });
      if (recomputed !== row.hash) {
        return broken('hash does not match the row content (the row was edited)');
      }
      previousHash = row.hash;
      expectedSeq = row.seq + 1n;
      count += 1;
    }
    if (rows.length < batchSize) break;
  }
  return { ok: true, count, head: count === 0 ? null : { seq: Number(expectedSeq - 1n), hash: previousHash } };
}
