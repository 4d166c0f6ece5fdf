import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentials, sealCredentials } from '@/lib/clusters/credentials';
import { db } from '@/lib/db';
import { createTestDatabase, type TestDatabase } from '@/test/db';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

async function rotate(url: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/rotate-key.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, BERTH_SECRET_KEY: '', BERTH_NEW_SECRET_KEY: '', ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe('scripts/rotate-key.ts', () => {
  let database: TestDatabase;
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const ids: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    for (const name of ['alpha', 'beta']) {
      const row = await db.cluster.create({ data: { name, server: 'https://127.0.0.1:6443', source: 'KUBECONFIG' } });
      await db.cluster.update({ where: { id: row.id }, data: { sealedCredentials: sealCredentials(oldKey, row.id, { token: `token-${name}` }) } });
      ids.push(row.id);
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('refuses a wrong old key and leaves every row as it was', async () => {
    const before = await db.cluster.findMany({ orderBy: { name: 'asc' }, select: { sealedCredentials: true } });
    const result = await rotate(database.url, { BERTH_SECRET_KEY: randomBytes(32).toString('base64'), BERTH_NEW_SECRET_KEY: newKey.toString('base64') });
    expect(result.code).toBe(1);
    expect(result.out).toContain('The old key does not open the credentials of: alpha, beta. Nothing was changed.');
    expect(await db.cluster.findMany({ orderBy: { name: 'asc' }, select: { sealedCredentials: true } })).toEqual(before);
  });

  it('re-seals all clusters from the environment keys; the old key no longer opens them', async () => {
    const result = await rotate(database.url, { BERTH_SECRET_KEY: oldKey.toString('base64'), BERTH_NEW_SECRET_KEY: newKey.toString('base64') });
    expect(result.out).toContain('Re-sealed the credentials of 2 cluster(s): alpha, beta.');
    expect(result.code).toBe(0);
    for (const [index, id] of ids.entries()) {
      const row = await db.cluster.findUniqueOrThrow({ where: { id } });
      expect(openCredentials(newKey, id, row.sealedCredentials ?? '').token).toBe(`token-${['alpha', 'beta'][index]}`);
      expect(() => openCredentials(oldKey, id, row.sealedCredentials ?? '')).toThrow(/could not be opened/);
    }
  });

  it('takes keys as flags too and rejects a malformed key', async () => {
    const bad = await rotate(database.url, {}, ['--old-key', newKey.toString('base64'), '--new-key', 'short']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('The new key must be 32 random bytes, base64-encoded');
    const back = await rotate(database.url, {}, ['--old-key', newKey.toString('base64'), '--new-key', oldKey.toString('base64')]);
    expect(back.code).toBe(0);
    const row = await db.cluster.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(openCredentials(oldKey, ids[0], row.sealedCredentials ?? '').token).toBe('token-alpha');
  });
});
