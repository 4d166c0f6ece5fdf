import { describe, expect, it } from 'vitest';
import { systemActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import { setupTestDatabase } from '@/test/db';
import { createClusterFixture, createGrantFixture, createTeamFixture, createUserFixture } from '@/test/fixtures';
import { anonymousActor, recordDenied, recordEvent, runAudited } from './append';
import { listAuditEvents } from './list-audit-events';
import { verifyAuditChain } from './verify';

const database = setupTestDatabase();

describe('runAudited', () => {
  it('writes REQUESTED then SUCCEEDED with one operation id, and keeps secrets out of params', async () => {
    const { actor } = await createUserFixture({ isAdmin: true });
    const result = await runAudited(
      actor,
      { action: 'user.create', target: 'x@example.com', params: { email: 'x@example.com', password: 'hunter2-hunter2' } },
      async () => 'done',
    );
    expect(result).toBe('done');
    const events = await db.auditEvent.findMany({ where: { action: 'user.create' }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.outcome)).toEqual(['REQUESTED', 'SUCCEEDED']);
    expect(events[0].operationId).toBe(events[1].operationId);
    expect(events[0].actorEmail).toBe(actor.email);
    expect(events[0].sourceIp).toBe('127.0.0.1');
    expect(events[0].params).toEqual({ email: 'x@example.com', password: '[redacted]' });
  });

  it('writes FAILED with the mapped code and rethrows; unknown errors are recorded as INTERNAL', async () => {
    await expect(
      runAudited(systemActor, { action: 'team.create', target: 'a' }, async () => {
        throw new BerthError('CONFLICT', 'A team named a already exists.');
      }),
    ).rejects.toThrow('A team named a already exists.');
    await expect(
      runAudited(systemActor, { action: 'team.create', target: 'b' }, async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.1:5432 password=secret');
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
    const failed = await db.auditEvent.findMany({ where: { outcome: 'FAILED' }, orderBy: { seq: 'asc' } });
    expect(failed.map((e) => [e.target, e.errorCode, e.errorMessage])).toEqual([
      ['a', 'CONFLICT', 'A team named a already exists.'],
      ['b', 'INTERNAL', 'Something went wrong on our side.'],
    ]);
  });

  it('does not run the change when the REQUESTED record cannot be written', async () => {
    let ran = false;
    // jsonb refuses NUL characters, so this append fails inside the database.
    await expect(
      runAudited(systemActor, { action: 'team.create', params: { name: 'bad\u0000name' } }, async () => {
        ran = true;
      }),
    ).rejects.toThrow();
    expect(ran).toBe(false);
  });
});

describe('recordDenied and recordEvent', () => {
  it('records a denial for signed-out and signed-in callers, and one-shot sign-in events', async () => {
    await recordDenied(null, { action: 'team.delete', target: 'payments' });
    await recordEvent(anonymousActor({ email: 'who@example.com', ip: '10.1.2.3' }), {
      action: 'auth.sign_in',
      outcome: 'FAILED',
      error: { code: 'UNAUTHENTICATED', message: 'Wrong email or password.' },
    });
    const events = await db.auditEvent.findMany({ where: { action: { in: ['team.delete', 'auth.sign_in'] } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.action, e.outcome, e.actorEmail, e.errorCode])).toEqual([
      ['team.delete', 'DENIED', 'anonymous', 'UNAUTHENTICATED'],
      ['auth.sign_in', 'FAILED', 'who@example.com', 'UNAUTHENTICATED'],
    ]);
    expect(events[1].sourceIp).toBe('10.1.2.3');
  });
});

describe('listAuditEvents', () => {
  it('pages newest first by seq without overlap; non-admins see only their namespaces', async () => {
    const admin = await createUserFixture({ isAdmin: true });
    const dev = await createUserFixture();
    const team = await createTeamFixture({ members: [{ userId: dev.user.id }] });
    const cluster = await createClusterFixture();
    await createGrantFixture({ teamId: team.id, clusterId: cluster.id, namespace: 'shop', role: 'VIEWER' });
    for (const namespace of ['shop', 'other', 'shop']) {
      await recordEvent(systemActor, { action: 'app.scale', outcome: 'SUCCEEDED', scope: { clusterId: cluster.id, namespace } });
    }
    const total = await db.auditEvent.count();
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page = await listAuditEvents(admin.actor, {}, { cursor, limit: 4 });
      seen.push(...page.events.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(total);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(total);

    const devView = await listAuditEvents(dev.actor, {});
    expect(devView.events.map((e) => e.namespace)).toEqual(['shop', 'shop']);
    const filtered = await listAuditEvents(admin.actor, { action: 'app.scale', namespace: 'other' });
    expect(filtered.events).toHaveLength(1);
    await expect(listAuditEvents(null)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('the chain', () => {
  it('stays one unbroken chain under 200 concurrent audited writes', async () => {
    const before = await db.auditEvent.count();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        runAudited(systemActor, { action: 'app.deploy', target: `app-${i}`, params: { i } }, async () => i),
      ),
    );
    const ms = performance.now() - started;
    console.log(`audit: 200 concurrent runAudited (400 appends) in ${Math.round(ms)} ms = ${Math.round(400 / (ms / 1000))} appends/s`);
    const verdict = await verifyAuditChain();
    expect(verdict).toMatchObject({ ok: true, count: before + 400 });
    const seqs = (await db.auditEvent.findMany({ select: { seq: true }, orderBy: { seq: 'asc' } })).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: before + 400 }, (_, i) => i + 1));
    const pairs = await db.auditEvent.groupBy({ by: ['operationId'], where: { action: 'app.deploy' }, _count: true });
    expect(pairs.every((p) => p._count === 2)).toBe(true);
  });

  it('is append-only in the database itself', async () => {
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET target = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE seq = 1`)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    void database;
  });
});
