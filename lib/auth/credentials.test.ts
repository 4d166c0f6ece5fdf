import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/test/db';
import { createUserFixture } from '@/test/fixtures';
import { authorizeCredentials, authorizeEmailPassword } from './credentials';
import { InvalidCredentialsError, TooManyAttemptsError } from './sign-in-errors';

const context = { ip: '203.0.113.7', userAgent: 'vitest' };
const password = 'correct horse battery staple';

async function signInEvents(email: string) {
  const { db } = database.current;
  return db.auditEvent.findMany({ where: { action: 'auth.sign_in', target: email }, orderBy: { seq: 'asc' } });
}

const database = setupTestDatabase();

describe('authorizeEmailPassword', () => {
  it('signs in with the right password and audits SUCCEEDED under the user', async () => {
    const { user } = await createUserFixture({ email: 'ada@example.com', name: 'Ada', password });
    const signedIn = await authorizeEmailPassword('ada@example.com', password, context);
    expect(signedIn).toEqual({ id: user.id, email: 'ada@example.com', name: 'Ada', sessionVersion: 1 });
    const [event] = await signInEvents('ada@example.com');
    expect(event).toMatchObject({ outcome: 'SUCCEEDED', actorId: user.id, actorEmail: 'ada@example.com', sourceIp: '203.0.113.7', userAgent: 'vitest' });
  });

  it('answers a wrong password and an unknown email the same way, and audits both as FAILED', async () => {
    await createUserFixture({ email: 'bob@example.com', password });
    const wrong = await authorizeEmailPassword('bob@example.com', 'not the password', context).catch((error: unknown) => error);
    const unknown = await authorizeEmailPassword('nobody@example.com', 'whatever', context).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect(unknown).toBeInstanceOf(InvalidCredentialsError);
    expect((wrong as InvalidCredentialsError).code).toBe((unknown as InvalidCredentialsError).code);
    for (const email of ['bob@example.com', 'nobody@example.com']) {
      const [event] = await signInEvents(email);
      expect(event).toMatchObject({ outcome: 'FAILED', actorId: null, actorEmail: email, errorCode: 'UNAUTHENTICATED' });
    }
  });

  it('refuses a disabled user even with the right password', async () => {
    const { user } = await createUserFixture({ email: 'carol@example.com', password });
    await database.current.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await expect(authorizeEmailPassword('carol@example.com', password, context)).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('locks the account after five failures, even for the right password, and says for how long', async () => {
    await createUserFixture({ email: 'dave@example.com', password });
    for (let i = 0; i < 4; i++) {
      await expect(authorizeEmailPassword('dave@example.com', `guess ${i}`, context)).rejects.toBeInstanceOf(InvalidCredentialsError);
    }
    const fifth = await authorizeEmailPassword('dave@example.com', 'guess 5', context).catch((error: unknown) => error);
    expect(fifth).toBeInstanceOf(TooManyAttemptsError);
    expect((fifth as TooManyAttemptsError).retryAfterSeconds).toBe(30);

    const locked = await authorizeEmailPassword('dave@example.com', password, { ...context, ip: '198.51.100.1' }).catch((error: unknown) => error);
    expect(locked).toBeInstanceOf(TooManyAttemptsError);
    expect((locked as TooManyAttemptsError).code).toMatch(/^rate_limited:(30|29)$/);
    const events = await signInEvents('dave@example.com');
    expect(events.at(-1)).toMatchObject({ outcome: 'FAILED', errorCode: 'RATE_LIMITED' });
  });

  it('normalizes the email from the form and clears the failure count on success', async () => {
    await createUserFixture({ email: 'erin@example.com', password });
    await expect(authorizeEmailPassword('erin@example.com', 'nope', context)).rejects.toBeInstanceOf(InvalidCredentialsError);
    const request = new Request('http://berth.test/api/auth/callback/credentials', { headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' } });
    await expect(authorizeCredentials({ email: '  Erin@Example.COM ', password }, request)).resolves.toMatchObject({ email: 'erin@example.com' });
    const rows = await database.current.db.loginAttempt.findMany({ where: { kind: 'account', key: 'erin@example.com' } });
    expect(rows).toEqual([]);
  });
});
