import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres';
import { connectLocalDatabase } from './local-database';

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

describe('connectLocalDatabase', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('prefers DATABASE_URL and explains what to do when there is nothing to connect to', async () => {
    const chosen = await connectLocalDatabase({ env: { DATABASE_URL: 'postgresql://x@db/berth' } });
    expect(chosen).toMatchObject({ url: 'postgresql://x@db/berth', source: 'DATABASE_URL' });
    await expect(connectLocalDatabase({ env: {}, dataDir: path.join(os.tmpdir(), 'berth-no-such-dir') })).rejects.toThrow(
      /set DATABASE_URL or run npm run quickstart first/,
    );
  });

  it('reuses a running quickstart database, or starts the stopped one just for the command', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-local-db-'));
    dirs.push(dir);
    await chmod(dir, 0o755);
    const dataDir = path.join(dir, 'postgres');
    const port = await findFreePort();
    const quickstart = await startEmbeddedPostgres({ dataDir, port, database: 'berth' });
    try {
      const reused = await connectLocalDatabase({ env: {}, dataDir, port });
      expect(reused.source).toBe('running quickstart database');
      await reused.release();
    } finally {
      await quickstart.stop();
    }
    const started = await connectLocalDatabase({ env: {}, dataDir, port });
    expect(started.source).toBe('embedded database started for this command');
    expect(started.url).toBe(`postgresql://postgres:postgres@127.0.0.1:${port}/berth`);
    await started.release();
  });
});
