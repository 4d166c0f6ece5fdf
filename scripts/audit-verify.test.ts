import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/lib/access/actor';
import { recordEvent } from '@/lib/audit/append';
import { createTestDatabase, runSql, type TestDatabase } from '@/test/db';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

async function runVerify(url: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/audit-verify.ts'], { cwd: root, env: { ...process.env, DATABASE_URL: url } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe('scripts/audit-verify.ts', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    for (let i = 0; i < 3; i += 1) await recordEvent(systemActor, { action: 'auth.sign_in', outcome: 'SUCCEEDED' });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('exits 0 on an intact chain and 1 naming the broken row', async () => {
    const intact = await runVerify(database.url);
    expect(intact).toMatchObject({ code: 0, out: expect.stringMatching(/Audit chain OK: 3 events/) });
    await runSql(database.url, 'DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"');
    await runSql(database.url, `UPDATE "AuditEvent" SET "actorEmail" = 'someone@else' WHERE seq = 2`);
    const broken = await runVerify(database.url);
    expect(broken).toMatchObject({ code: 1, out: expect.stringMatching(/BROKEN at seq 2/) });
  });
});
