// Secrets the quickstart generates once and reuses, so sessions and sealed cluster credentials
// survive a restart. Stored next to the embedded database in the git-ignored .data/.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export interface BerthSecrets {
  BERTH_SECRET_KEY: string;
  AUTH_SECRET: string;
}

const secretsFile = z.object({
  BERTH_SECRET_KEY: z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64'),
  AUTH_SECRET: z.string().min(32),
});

function generateSecrets(): BerthSecrets {
  return {
    BERTH_SECRET_KEY: randomBytes(32).toString('base64'),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
  };
}

export async function loadOrCreateSecrets(dataDir: string): Promise<BerthSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    const parsed = secretsFile.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(`${file} is not a valid Berth secrets file (${parsed.error.issues[0]?.message}); fix or remove it.`);
    }
    return parsed.data;
  }
  const secrets = generateSecrets();
  await mkdir(dataDir, { recursive: true });
  // 'wx' so two starting processes never overwrite each other's freshly written secrets.
  try {
    await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSecrets(dataDir);
    throw error;
  }
  await chmod(file, 0o600);
  return secrets;
}
