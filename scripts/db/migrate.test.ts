import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runSql, type TestDatabase } from '@/test/db';
import { applyMigrations, defaultMigrationsDir, diffMigrations, getMigrationStatus } from './migrate';

describe('wasm migration runner', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('records every committed migration in _prisma_migrations with the checksum Prisma expects', async () => {
    const dirs = (await readdir(defaultMigrationsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const { rows } = await runSql(
      database.url,
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(dirs);
    for (const row of rows) {
      const sql = await readFile(path.join(defaultMigrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it('applies nothing the second time and finds the schema and migrations in agreement', async () => {
    expect(await applyMigrations(database.url)).toEqual([]);
    expect(await diffMigrations(database.url)).toBe('');
    expect(await getMigrationStatus(database.url)).toMatchObject({ upToDate: true, pending: [], edited: [], failed: [] });
  });

  it('reports pending and edited migrations the way `prisma migrate status` does', async () => {
    const blank = await createTestDatabase({ migrate: false });
    try {
      const status = await getMigrationStatus(blank.url);
      expect(status.upToDate).toBe(false);
      expect(status.hasMigrationsTable).toBe(false);
      expect(status.pending.length).toBeGreaterThan(0);
    } finally {
      await blank.drop();
    }
    await runSql(database.url, `UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name LIKE '%_init'`);
    const edited = await getMigrationStatus(database.url);
    expect(edited.upToDate).toBe(false);
    expect(edited.edited).toEqual([expect.stringMatching(/_init$/)]);
  });

  it('created the tables of the data model and the audit trigger', async () => {
    const { rows } = await runSql(
      database.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['User', 'Team', 'Membership', 'Cluster', 'NamespaceGrant', 'App', 'Revision', 'AuditEvent', 'ApiToken', 'LoginAttempt']),
    );
    await expect(runSql(database.url, 'TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
  });
});
