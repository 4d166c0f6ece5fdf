// Each integration test file gets its own freshly migrated database on the server DATABASE_URL points
// at, so files run in parallel without seeing each other's rows; it is dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { disconnectDb, useDatabase, type Db } from '@/lib/db';
import { requireDatabaseUrl } from '@/lib/env';
import { applyMigrations } from '@/scripts/db/migrate';

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

function withDatabase(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function runAdminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const baseUrl = requireDatabaseUrl();
  const name = `berth_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await runAdminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(baseUrl, name);
  try {
    if (options.migrate !== false) await applyMigrations(url);
  } catch (error) {
    await runAdminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
  const db = await useDatabase(url);
  return {
    name,
    url,
    db,
    async drop() {
      await disconnectDb();
      await runAdminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Registers beforeAll/afterAll for the calling test file; read `.current` inside tests. */
export function setupTestDatabase(): { readonly current: TestDatabase } {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.drop();
  });
  return {
    get current(): TestDatabase {
      if (!current) throw new Error('The test database is created in beforeAll; use it inside tests.');
      return current;
    },
  };
}

/** Runs SQL as the database owner, bypassing Prisma (used to simulate tampering with the audit log). */
export async function runSql(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}
