// Readiness for /api/readyz: the database is reachable and every migration directory under
// prisma/migrations has a finished, not rolled back row in _prisma_migrations.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { db } from '@/lib/db';

export type Readiness = { status: 'ready'; migrations: number } | { status: 'not_ready'; reason: string; pending?: string[] };

const migrationsDir = path.join(process.cwd(), 'prisma', 'migrations');

export async function listCommittedMigrations(dir = migrationsDir): Promise<string[]> {
  // Read at run time from the deployment's prisma/ folder (the Dockerfile copies it); not a build input.
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function findPendingMigrations(committed: string[], applied: string[]): string[] {
  const done = new Set(applied);
  return committed.filter((name) => !done.has(name));
}

export async function checkReadiness(): Promise<Readiness> {
  let committed: string[];
  try {
    committed = await listCommittedMigrations();
  } catch {
    return { status: 'not_ready', reason: 'migrations directory not found' };
  }
  let applied: string[];
  try {
    const rows = await db.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = rows.map((row) => row.migration_name);
  } catch (error) {
    const missingTable = error instanceof Error && /_prisma_migrations/.test(error.message) && /does not exist/.test(error.message);
    return { status: 'not_ready', reason: missingTable ? 'no migrations applied' : 'database unreachable' };
  }
  const pending = findPendingMigrations(committed, applied);
  if (pending.length > 0) return { status: 'not_ready', reason: 'migrations pending', pending };
  return { status: 'ready', migrations: committed.length };
}
