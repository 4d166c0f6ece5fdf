// npm run audit:verify — checks the audit log's hash chain; exits 1 and names the first broken row.
import 'dotenv/config';
import { disconnectDb } from '@/lib/db';
import { verifyAuditChain } from '@/lib/audit/verify';
import { connectLocalDatabase, type LocalDatabase } from './lib/local-database';

async function main(): Promise<number> {
  const started = performance.now();
  const verdict = await verifyAuditChain();
  const ms = Math.round(performance.now() - started);
  if (verdict.ok) {
    const head = verdict.head ? `head seq ${verdict.head.seq} ${verdict.head.hash}` : 'empty log';
    console.log(`Audit chain OK: ${verdict.count} events verified in ${ms} ms (${head}).`);
    return 0;
  }
  console.error(`Audit chain BROKEN at seq ${verdict.brokenAt}: ${verdict.reason} (${verdict.count} events before it verified).`);
  return 1;
}

async function run(): Promise<number> {
  let database: LocalDatabase | undefined;
  try {
    database = await connectLocalDatabase();
    process.env.DATABASE_URL = database.url;
    return await main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  } finally {
    await disconnectDb().catch(() => {});
    await database?.release();
  }
}

run().then((code) => process.exit(code));
