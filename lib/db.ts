// The one Prisma client (adapter-pg), created on first use from DATABASE_URL. Plumbing only: no
// authorization here (DESIGN.md layers).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getEnv, requireDatabaseUrl } from '@/lib/env';

export type Db = PrismaClient;

// Survives Next dev's module reloads so HMR does not open a new pool on every edit.
const holder = globalThis as unknown as { berthDb?: { client: PrismaClient; url: string } };

function createClient(url: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    // Tests provoke database errors on purpose; they assert on them instead of logging them.
    log: getEnv().BERTH_LOG_QUERIES ? ['query', 'warn', 'error'] : getEnv().NODE_ENV === 'test' ? ['warn'] : ['warn', 'error'],
  });
}

export function getDb(): PrismaClient {
  if (!holder.berthDb) {
    const url = requireDatabaseUrl();
    holder.berthDb = { client: createClient(url), url };
  }
  return holder.berthDb.client;
}

/** Points the shared client at another database (each integration test file uses its own). */
export async function useDatabase(url: string): Promise<PrismaClient> {
  if (holder.berthDb?.url === url) return holder.berthDb.client;
  await disconnectDb();
  holder.berthDb = { client: createClient(url), url };
  return holder.berthDb.client;
}

export async function disconnectDb(): Promise<void> {
  const current = holder.berthDb;
  holder.berthDb = undefined;
  await current?.client.$disconnect();
}

/** `db.user.findMany()` reads naturally; the client behind it is still created lazily. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});
