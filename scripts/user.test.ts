import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { createTestDatabase, type TestDatabase } from '@/test/db';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

async function runUser(url: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/user.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe('scripts/user.ts', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('creates an admin with a password printed once, then resets and disables, all audited as the system', async () => {
    const created = await runUser(database.url, ['create', '--email', 'Ops@Example.com', '--admin']);
    expect(created.code).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(created.out)?.[1] ?? '';
    const user = await db.user.findUniqueOrThrow({ where: { email: 'ops@example.com' } });
    expect(user.isAdmin).toBe(true);
    expect(await verifyPassword(user.passwordHash ?? '', password)).toBe(true);

    const reset = await runUser(database.url, ['reset-password', '--email', 'ops@example.com']);
    const newPassword = /shown once; their sessions were ended\): (\S+)/.exec(reset.out)?.[1] ?? '';
    const afterReset = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(afterReset.passwordHash ?? '', newPassword)).toBe(true);

    expect((await runUser(database.url, ['disable', '--email', 'ops@example.com'])).out).toMatch(/disabled/);
    const events = await db.auditEvent.findMany({ where: { outcome: 'SUCCEEDED' }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.action, e.actorEmail, e.actorId])).toEqual([
      ['user.create', 'system@berth', null],
      ['user.reset_password', 'system@berth', null],
      ['user.disable', 'system@berth', null],
    ]);

    const duplicate = await runUser(database.url, ['create', '--email', 'ops@example.com']);
    expect(duplicate).toMatchObject({ code: 1, out: expect.stringMatching(/already exists/) });
    expect(await runUser(database.url, ['frobnicate'])).toMatchObject({ code: 1, out: expect.stringMatching(/Usage/) });
  });
});
