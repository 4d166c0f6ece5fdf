import pg from 'pg';

// Drops the database e2e/serve.ts created. FORCE: the web server still holds connections at this point.
export default async function globalTeardown(): Promise<void> {
  const base = process.env.DATABASE_URL;
  const name = process.env.E2E_DATABASE;
  if (!base || !name || process.env.E2E_KEEP_DATABASE) return;
  const url = new URL(base);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
