// Re-seals every cluster's credentials under a new BERTH_SECRET_KEY in one transaction. Every row is
// opened with the old key first: if any fails, nothing is written.
import { systemActor } from '@/lib/access/actor';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import { openCredentials, sealCredentials, type ClusterCredentials } from './credentials';

export interface KeyRotationReport {
  resealed: string[];
}

export function parseSecretKey(value: string, label: string): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32) throw new BerthError('INVALID_INPUT', `${label} must be 32 random bytes, base64-encoded (openssl rand -base64 32).`);
  return key;
}

export async function rotateClusterKey(oldKey: Buffer, newKey: Buffer): Promise<KeyRotationReport> {
  if (oldKey.equals(newKey)) throw new BerthError('INVALID_INPUT', 'The new key is the same as the old key.');
  const rows = await db.cluster.findMany({ where: { sealedCredentials: { not: null } }, select: { id: true, name: true, sealedCredentials: true }, orderBy: { name: 'asc' } });
  const opened: { id: string; name: string; credentials: ClusterCredentials; sealed: string }[] = [];
  const failed: string[] = [];
  for (const row of rows) {
    try {
      opened.push({ id: row.id, name: row.name, credentials: openCredentials(oldKey, row.id, row.sealedCredentials ?? ''), sealed: row.sealedCredentials ?? '' });
    } catch {
      failed.push(row.name);
    }
  }
  if (failed.length > 0) {
    throw new BerthError('INVALID_INPUT', `The old key does not open the credentials of: ${failed.join(', ')}. Nothing was changed.`);
  }
  const names = opened.map((row) => row.name);
  return runAudited(systemActor, { action: 'cluster.update', target: 'all clusters', params: { operation: 'rotate-key', clusters: names } }, async () => {
    await db.$transaction(async (tx) => {
      for (const row of opened) {
        // Conditional on the ciphertext read above, so a concurrent credential update is not overwritten.
        const updated = await tx.cluster.updateMany({ where: { id: row.id, sealedCredentials: row.sealed }, data: { sealedCredentials: sealCredentials(newKey, row.id, row.credentials) } });
        if (updated.count !== 1) throw new BerthError('CONFLICT', `Cluster ${row.name} changed during the rotation; nothing was changed, run it again.`);
      }
    });
    return { resealed: names };
  });
}
