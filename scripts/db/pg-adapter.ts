// Driver adapter for the wasm schema engine: @prisma/adapter-pg with two workarounds (stack-notes §5).
// - adapter-pg cannot map pg_catalog's one-byte "char" (OID 18); PG 18 also reads NOT NULL constraint
//   types through it. Result fields with OID 18 are relabelled as text on the wire and reported to the
//   engine as ColumnType Character.
// - adapter-pg's executeScript splits on ';' (breaks plpgsql bodies); the whole script goes as one query.
// - adapter-pg's own shadow database drops the database before closing its pool; ours closes first.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';

export interface PgConnectionFields {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  ssl?: boolean;
}

const charOid = 18;
const textOid = 25;
// A prefix no real column name starts with; it carries "this was a char column" from pg to the adapter.
const charMarker = '\u0000berth-char:';

export function parseDatabaseUrl(databaseUrl: string): PgConnectionFields {
  const url = new URL(databaseUrl);
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got ${url.protocol}`);
  }
  const sslmode = url.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(url.hostname) || '127.0.0.1',
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || 'postgres',
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
    ssl: sslmode !== null && sslmode !== 'disable' && sslmode !== 'prefer' ? true : undefined,
  };
}

function relabelCharFields(result: unknown): void {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results) {
    const fields = (r as { fields?: pg.FieldDef[] } | null)?.fields;
    if (!fields) continue;
    for (const field of fields) {
      if (field.dataTypeID === charOid) {
        field.dataTypeID = textOid;
        field.name = charMarker + field.name;
      }
    }
  }
}

type LooseQuery = (...args: unknown[]) => unknown;
type QueryCallback = (err: Error | null, res?: unknown) => void;

// pg's query has many overloads (callback, promise, submittable); intercept all of them at run time.
function patchClientQuery(client: pg.PoolClient): void {
  const holder = client as unknown as { query: LooseQuery };
  const original = holder.query.bind(client) as LooseQuery;
  holder.query = (...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as QueryCallback;
      args[args.length - 1] = (err: Error | null, res?: unknown) => {
        if (res) relabelCharFields(res);
        callback(err, res);
      };
      return original(...args);
    }
    const out = original(...args);
    if (out instanceof Promise) {
      return out.then((res: unknown) => {
        relabelCharFields(res);
        return res;
      });
    }
    return out;
  };
}

function restoreCharColumns(result: SqlResultSet): SqlResultSet {
  const columnNames = result.columnNames.map((name) =>
    name.startsWith(charMarker) ? name.slice(charMarker.length) : name,
  );
  const columnTypes = result.columnTypes.map((type, i) =>
    result.columnNames[i].startsWith(charMarker) ? ColumnTypeEnum.Character : type,
  );
  return { ...result, columnNames, columnTypes };
}

function wrapQueryRaw<T extends { queryRaw: SqlDriverAdapter['queryRaw'] }>(target: T): T {
  const original = target.queryRaw.bind(target);
  target.queryRaw = async (query) => restoreCharColumns(await original(query));
  return target;
}

async function openAdapter(fields: PgConnectionFields): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ ...fields, max: 4 });
  pool.on('connect', patchClientQuery);
  const adapter: SqlDriverAdapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  wrapQueryRaw(adapter);
  // adapter-pg splits scripts on every ';', which breaks dollar-quoted function bodies (the audit
  // trigger). One simple-protocol query runs the whole script, as Prisma's native engine does.
  adapter.executeScript = async (script) => {
    await pool.query(script);
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx: Transaction = await startTransaction(isolationLevel);
    return wrapQueryRaw(tx);
  };
  return adapter;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface MigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Closes every main-database pool the engine opened (it does not always dispose them itself). */
  disposeAll(): Promise<void>;
}

export function createMigrationAdapterFactory(databaseUrl: string): MigrationAdapterFactory {
  const fields = parseDatabaseUrl(databaseUrl);
  const open = new Set<SqlDriverAdapter>();
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      const adapter = await openAdapter(fields);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        if (!open.delete(adapter)) return;
        await dispose();
      };
      open.add(adapter);
      return adapter;
    },
    async disposeAll() {
      await Promise.all([...open].map((adapter) => adapter.dispose()));
    },
    async connectToShadowDb() {
      const admin = new pg.Client(fields);
      await admin.connect();
      const shadowName = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
      try {
        await admin.query(`CREATE DATABASE ${quoteIdent(shadowName)}`);
      } catch (error) {
        await admin.end();
        throw error;
      }
      const shadow = await openAdapter({ ...fields, database: shadowName });
      const disposeShadow = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        try {
          await disposeShadow();
          await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(shadowName)} WITH (FORCE)`);
        } finally {
          await admin.end();
        }
      };
      return shadow;
    },
  };
}
