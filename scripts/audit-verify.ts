// npm run audit:verify — checks the audit log's hash chain; exits 1 and names the first broken row.
import 'dotenv/config';
import { disconnectDb } from '@/lib/db';
import { verifyAuditChain } from '@/lib/audit/verify';

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

main()
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await disconnectDb().catch(() => {});
    process.exit(2);
  });
