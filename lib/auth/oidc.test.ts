import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/test/db';
import { createUserFixture } from '@/test/fixtures';
import { resolveOidcUser } from './oidc';

const context = { ip: '203.0.113.9', userAgent: 'vitest' };
const database = setupTestDatabase();

describe('resolveOidcUser', () => {
  it('matches an existing user by email, whatever the case', async () => {
    const { user } = await createUserFixture({ email: 'ada@example.com', name: 'Ada', isAdmin: true });
    const resolved = await resolveOidcUser({ email: 'ADA@example.com', email_verified: true, name: 'Ada L.' }, context);
    expect(resolved).toEqual({ id: user.id, email: 'ada@example.com', name: 'Ada', sessionVersion: 1 });
    const event = await database.current.db.auditEvent.findFirst({ where: { action: 'auth.sign_in', target: 'ada@example.com' } });
    expect(event).toMatchObject({ outcome: 'SUCCEEDED', actorId: user.id, params: { method: 'oidc' } });
  });

  it('creates an unknown user with no admin rights and no teams, audited as created by the system', async () => {
    const resolved = await resolveOidcUser({ email: 'newcomer@example.com', name: 'New Comer' }, context);
    const row = await database.current.db.user.findUnique({ where: { email: 'newcomer@example.com' }, include: { memberships: true } });
    expect(row).toMatchObject({ name: 'New Comer', isAdmin: false, passwordHash: null, memberships: [] });
    expect(resolved?.id).toBe(row?.id);
    const created = await database.current.db.auditEvent.findMany({ where: { action: 'user.create', target: 'newcomer@example.com' }, orderBy: { seq: 'asc' } });
    expect(created.map((event) => [event.outcome, event.actorEmail])).toEqual([
      ['REQUESTED', 'system@berth'],
      ['SUCCEEDED', 'system@berth'],
    ]);
  });

  it('refuses an unverified email and a disabled user', async () => {
    expect(await resolveOidcUser({ email: 'mallory@example.com', email_verified: false }, context)).toBeNull();
    expect(await database.current.db.user.findUnique({ where: { email: 'mallory@example.com' } })).toBeNull();
    const { user } = await createUserFixture({ email: 'gone@example.com' });
    await database.current.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await resolveOidcUser({ email: 'gone@example.com' }, context)).toBeNull();
    const event = await database.current.db.auditEvent.findFirst({ where: { action: 'auth.sign_in', target: 'gone@example.com' } });
    expect(event).toMatchObject({ outcome: 'FAILED', actorId: null });
  });
});
