// Re-seals every cluster's credentials under a new key (audited as the system actor):
//   npx tsx scripts/rotate-key.ts --new-key-file new.key            old key from BERTH_SECRET_KEY
//   npx tsx scripts/rotate-key.ts --old-key <b64> --new-key <b64>   (keys on a command line show in `ps`)
//   BERTH_NEW_SECRET_KEY=<b64> npx tsx scripts/rotate-key.ts
// Then set BERTH_SECRET_KEY to the new key and restart Berth.
import 'dotenv/config';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseSecretKey, rotateClusterKey } from '@/lib/clusters/rotate-cluster-key';
import { disconnectDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { BerthError } from '@/lib/errors';
import { connectLocalDatabase, type LocalDatabase } from './lib/local-database';

const usage = `Usage: rotate-key [--old-key <base64> | --old-key-file <path>] [--new-key <base64> | --new-key-file <path>]
  Defaults: old key from BERTH_SECRET_KEY, new key from BERTH_NEW_SECRET_KEY.`;

async function readKey(value: string | undefined, file: string | undefined, fallback: string | undefined, label: string): Promise<Buffer> {
  const text = value ?? (file ? await readFile(file, 'utf8') : fallback);
  if (!text) throw new BerthError('INVALID_INPUT', `${label} is missing.\n${usage}`);
  return parseSecretKey(text, label);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'old-key': { type: 'string' }, 'old-key-file': { type: 'string' }, 'new-key': { type: 'string' }, 'new-key-file': { type: 'string' } },
  });
  const env = getEnv();
  const oldKey = await readKey(values['old-key'], values['old-key-file'], env.BERTH_SECRET_KEY, 'The old key');
  const newKey = await readKey(values['new-key'], values['new-key-file'], env.BERTH_NEW_SECRET_KEY, 'The new key');
  const { resealed } = await rotateClusterKey(oldKey, newKey);
  console.log(`Re-sealed the credentials of ${resealed.length} cluster(s)${resealed.length ? `: ${resealed.join(', ')}` : ''}.`);
  console.log('Now set BERTH_SECRET_KEY to the new key and restart Berth.');
}

async function run(): Promise<number> {
  let database: LocalDatabase | undefined;
  try {
    database = await connectLocalDatabase();
    process.env.DATABASE_URL = database.url;
    await main(process.argv.slice(2));
    return 0;
  } catch (error) {
    console.error(error instanceof BerthError || (error instanceof Error && !database) ? error.message : error);
    return 1;
  } finally {
    await disconnectDb().catch(() => {});
    await database?.release();
  }
}

run().then((code) => process.exit(code));
