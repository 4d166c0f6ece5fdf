import { afterEach, describe, expect, it } from 'vitest';
import { systemActor } from '@/lib/access/actor';
import { createTestDatabase, runSql, type TestDatabase } from '@/test/db';
import { recordEvent } from './append';
import { verifyAuditChain } from './verify';

// The append-only trigger forbids tampering; each test drops it in its own throwaway database to
// play the attacker with direct SQL access, then checks that verify names the damaged row.
let database: TestDatabase | undefined;

async function buildChain(length: number): Promise<TestDatabase> {
  database = await createTestDatabase();
  for (let i = 1; i <= length; i += 1) {
    await recordEvent(systemActor, { action: 'app.scale', outcome: 'SUCCEEDED', target: `app-${i}`, params: { replicas: i } });
  }
  await runSql(database.url, 'DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"');
  return database;
}

afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and an empty log', async () => {
    database = await createTestDatabase();
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 0, head: null });
    await recordEvent(systemActor, { action: 'auth.sign_in', outcome: 'SUCCEEDED' });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 1, head: { seq: 1 } });
  });

  it.each([1, 4, 8])('names row %i when its content is edited', async (seq) => {
    const db = await buildChain(8);
    await runSql(db.url, `UPDATE "AuditEvent" SET params = '{"replicas": 99}' WHERE seq = $1`, [seq]);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: seq, reason: expect.stringMatching(/edited/) });
  });

  it('names an edited row even when its stored hash was replaced too', async () => {
    const db = await buildChain(6);
    await runSql(db.url, `UPDATE "AuditEvent" SET hash = repeat('a', 64), target = 'forged' WHERE seq = 3`);
    // Row 3's own hash check fails first: a forger cannot produce a valid sha256 for the new content
    // without also rewriting every later prevHash.
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it.each([1, 5])('names row %i when it is deleted', async (seq) => {
    const db = await buildChain(8);
    await runSql(db.url, 'DELETE FROM "AuditEvent" WHERE seq = $1', [seq]);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: seq, reason: expect.stringMatching(/missing/) });
  });

  it('names the first of two swapped rows', async () => {
    const db = await buildChain(8);
    // Swap the positions of rows 4 and 5 (seq is the primary key: move through a free value).
    await runSql(db.url, 'UPDATE "AuditEvent" SET seq = 1000 WHERE seq = 4');
    await runSql(db.url, 'UPDATE "AuditEvent" SET seq = 4 WHERE seq = 5');
    await runSql(db.url, 'UPDATE "AuditEvent" SET seq = 5 WHERE seq = 1000');
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('names a row whose content was swapped with its neighbour, seq kept', async () => {
    const db = await buildChain(8);
    await runSql(
      db.url,
      `UPDATE "AuditEvent" a SET target = b.target, params = b.params
         FROM "AuditEvent" b WHERE (a.seq, b.seq) IN ((6, 7), (7, 6))`,
    );
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: 6 });
  });
});
