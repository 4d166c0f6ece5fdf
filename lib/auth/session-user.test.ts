import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/test/db';
import { createUserFixture } from '@/test/fixtures';
import { checkSessionClaims } from './session-user';

const database = setupTestDatabase();

describe('checkSessionClaims', () => {
  it('accepts a session whose version matches an active user', async () => {
    const { user } = await createUserFixture({ email: 'ada@example.com', name: 'Ada', isAdmin: true });
    expect(await checkSessionClaims({ berthUserId: user.id, berthSessionVersion: 1 })).toEqual({
      status: 'valid',
      user: { id: user.id, email: 'ada@example.com', name: 'Ada', isAdmin: true },
    });
  });

  it('has no session without claims', async () => {
    expect(await checkSessionClaims(null)).toEqual({ status: 'none' });
    expect(await checkSessionClaims({})).toEqual({ status: 'none' });
  });

  it('refuses the session once the user is disabled or their session version moves on', async () => {
    const { user } = await createUserFixture();
    const claims = { berthUserId: user.id, berthSessionVersion: 1 };
    await database.current.db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await checkSessionClaims(claims)).toEqual({ status: 'refused' });
    expect(await checkSessionClaims({ ...claims, berthSessionVersion: 2 })).toMatchObject({ status: 'valid' });
    await database.current.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await checkSessionClaims({ ...claims, berthSessionVersion: 2 })).toEqual({ status: 'refused' });
  });

  it('refuses the session of a deleted user', async () => {
    expect(await checkSessionClaims({ berthUserId: 'no-such-user', berthSessionVersion: 1 })).toEqual({ status: 'refused' });
  });
});
