// Which database an operator CLI (user, audit:verify, db:migrate) talks to: DATABASE_URL when set;
// otherwise the quickstart's embedded PostgreSQL under .data/postgres — reused if the quickstart is
// running, started just for the command if not. So `npm run user -- create …` recovers access on a
// quickstart machine with no configuration.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LocalDatabase {
  url: string;
  source: 'DATABASE_URL' | 'running quickstart database' | 'embedded database started for this command';
  release(): Promise<void>;
}

export interface LocalDatabaseOptions {
  env?: Record<string, string | undefined>;
  dataDir?: string;
  port?: number;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function connectLocalDatabase(options: LocalDatabaseOptions = {}): Promise<LocalDatabase> {
  const env = options.env ?? process.env;
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, source: 'DATABASE_URL', release: async () => {} };
  const dataDir = options.dataDir ?? path.join(repoRoot, '.data', 'postgres');
  const port = options.port ?? Number(env.BERTH_EMBEDDED_PG_PORT ?? 54329);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new Error(`DATABASE_URL is not set and there is no quickstart database in ${dataDir}: set DATABASE_URL or run npm run quickstart first.`);
  }
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/berth`;
  if (await canConnect(url)) return { url, source: 'running quickstart database', release: async () => {} };
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: 'berth' });
  return { url: embedded.url(), source: 'embedded database started for this command', release: () => embedded.stop() };
}
