import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets } from './secrets';

describe('loadOrCreateSecrets', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('generates the secrets once, owner-only, and returns the same ones afterwards', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-secrets-'));
    const first = await loadOrCreateSecrets(path.join(dir, '.data'));
    expect(Buffer.from(first.BERTH_SECRET_KEY, 'base64')).toHaveLength(32);
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, '.data', 'secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSecrets(path.join(dir, '.data'))).toEqual(first);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(first);
  });

  it('refuses a corrupted secrets file instead of silently replacing the keys', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-secrets-'));
    await writeFile(path.join(dir, 'secrets.json'), JSON.stringify({ BERTH_SECRET_KEY: 'short', AUTH_SECRET: 'x' }));
    await expect(loadOrCreateSecrets(dir)).rejects.toThrow(/not a valid Berth secrets file/);
  });
});
