// Playwright's web server: creates a fresh database on the server DATABASE_URL points at, migrates and
// seeds it (an admin with a known password, one cluster), builds if there is no build yet, then runs
// `next start` on E2E_PORT against it. e2e/global-teardown.ts drops the database.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '@/scripts/db/migrate';
import { seedE2eData } from './support/seed';

const root = path.resolve(import.meta.dirname, '..');

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (playwright.config.ts sets the E2E_* variables; DATABASE_URL must point at a Postgres server).`);
  return value;
}

async function createDatabase(baseUrl: string, name: string): Promise<string> {
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const port = requireEnv('E2E_PORT');
  const databaseName = requireEnv('E2E_DATABASE');
  if (!/^[a-z0-9_]+$/.test(databaseName)) throw new Error('E2E_DATABASE must be lower-case letters, digits and _');
  const url = await createDatabase(requireEnv('DATABASE_URL'), databaseName);
  await applyMigrations(url);
  await seedE2eData(url, { email: requireEnv('E2E_ADMIN_EMAIL'), password: requireEnv('E2E_ADMIN_PASSWORD') });

  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.log('[e2e] no build found, running next build');
    const build = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('next build failed');
  }

  const server = spawn('npx', ['next', 'start', '-p', port, '-H', '127.0.0.1'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: url,
      AUTH_SECRET: randomBytes(32).toString('base64'),
      BERTH_SECRET_KEY: process.env.BERTH_SECRET_KEY ?? randomBytes(32).toString('base64'),
      AUTH_TRUST_HOST: 'true',
      AUTH_URL: `http://127.0.0.1:${port}`,
    },
  });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error('[e2e] server setup failed:', error);
  process.exit(1);
});
