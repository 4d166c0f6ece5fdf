import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres';

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('initialises once, creates the database, and keeps data across a restart', async () => {
    // The system temp dir, not the repo: tests must not touch the developer's .data/.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-embedded-pg-'));
    dirs.push(dir);
    // mkdtemp makes 0700; as root, postgres runs as OS user `postgres` and must traverse it.
    await chmod(dir, 0o755);
    const dataDir = path.join(dir, 'pg');
    const port = await findFreePort();
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'berth_embedded' });
    try {
      expect(first.url()).toBe(`postgresql://postgres:postgres@127.0.0.1:${port}/berth_embedded`);
      await query(first.url(), 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir, port, database: 'berth_embedded' });
    try {
      const { rows } = await query(second.url(), 'SELECT v FROM kept');
      expect(rows).toEqual([{ v: 42 }]);
    } finally {
      await second.stop();
    }
  });
});
