// The e2e database's starting rows: the admin the specs sign in as and a cluster to grant namespaces
// in (registering clusters comes with the cluster gateway; until then a fixture row stands in).
import { disconnectDb, useDatabase as switchDatabase } from '@/lib/db';
import { createClusterFixture, createUserFixture } from '@/test/fixtures';

export const e2eClusterName = 'e2e-cluster';

export async function seedE2eData(url: string, admin: { email: string; password: string }): Promise<void> {
  await switchDatabase(url);
  try {
    await createUserFixture({ email: admin.email, name: 'Avery Admin', isAdmin: true, password: admin.password });
    await createClusterFixture({ name: e2eClusterName, server: 'https://127.0.0.1:6443', source: 'SANDBOX' });
  } finally {
    await disconnectDb();
  }
}
