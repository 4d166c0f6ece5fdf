import { describe, expect, it } from 'vitest';
import { runSql, setupTestDatabase } from '@/test/db';
import { checkReadiness, findPendingMigrations, listCommittedMigrations } from './readiness';

describe('findPendingMigrations', () => {
  it('lists committed migrations that are not applied, in order', () => {
    expect(findPendingMigrations(['001_a', '002_b', '003_c'], ['001_a', '003_c'])).toEqual(['002_b']);
    expect(findPendingMigrations(['001_a'], ['001_a', '000_old'])).toEqual([]);
  });
});

describe('checkReadiness against Postgres', () => {
  const database = setupTestDatabase();

  it('is ready when every committed migration is applied', async () => {
    const committed = await listCommittedMigrations();
    expect(committed.length).toBeGreaterThan(0);
    expect(await checkReadiness()).toEqual({ status: 'ready', migrations: committed.length });
  });

  it('names the pending migration when one was rolled back', async () => {
    const [first] = await listCommittedMigrations();
    await runSql(database.current.url, `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1`, [first]);
    expect(await checkReadiness()).toEqual({ status: 'not_ready', reason: 'migrations pending', pending: [first] });
  });

  it('says so when no migration was ever applied', async () => {
    await runSql(database.current.url, 'DROP TABLE _prisma_migrations');
    expect(await checkReadiness()).toEqual({ status: 'not_ready', reason: 'no migrations applied' });
  });
});
