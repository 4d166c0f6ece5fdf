// Registers (or refreshes) the embedded sandbox cluster as cluster `sandbox`. Its URL and token may
// change between quickstart runs, so the row is updated in place: grants and apps keep pointing at it.
import type { AnyActor } from '@/lib/access/actor';
import { requireAdmin } from '@/lib/access/require';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { requireSecretKey } from '@/lib/env';
import { sealCredentials } from './credentials';

export interface SandboxClusterInput {
  server: string;
  token: string;
  caPem?: string;
}

export async function registerSandboxCluster(actor: AnyActor | null, input: SandboxClusterInput): Promise<{ id: string; created: boolean }> {
  const admin = requireAdmin(actor);
  const key = requireSecretKey();
  const existing = await db.cluster.findUnique({ where: { name: 'sandbox' }, select: { id: true, server: true } });
  if (existing) {
    const reseal = () =>
      db.cluster.update({
        where: { id: existing.id },
        data: { sealedCredentials: sealCredentials(key, existing.id, { token: input.token, caPem: input.caPem }), server: input.server },
      });
    // A restart at the same URL only re-seals the sandbox's token: routine, not an audited change.
    if (existing.server === input.server) await reseal();
    else await runAudited(admin, { action: 'cluster.update', scope: { clusterId: existing.id }, target: 'sandbox', params: { server: input.server } }, reseal);
    return { id: existing.id, created: false };
  }
  return runAudited(admin, { action: 'cluster.create', target: 'sandbox', params: { server: input.server, source: 'SANDBOX' } }, async () => {
    return db.$transaction(async (tx) => {
      const row = await tx.cluster.create({ data: { name: 'sandbox', server: input.server, source: 'SANDBOX', defaultNamespace: 'default' }, select: { id: true } });
      await tx.cluster.update({
        where: { id: row.id },
        data: { sealedCredentials: sealCredentials(key, row.id, { token: input.token, caPem: input.caPem }) },
      });
      return { id: row.id, created: true };
    });
  });
}
