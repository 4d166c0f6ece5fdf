import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/test/db';
import { clearAccountFailures, getLockedSeconds, recordLoginFailure, throttleKeysFor } from './throttle';
import { quietPeriodMs } from './throttle-policy';

describe('sign-in throttle in LoginAttempt', () => {
  const database = setupTestDatabase();
  const t0 = new Date('2026-01-01T10:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  it('locks an account after five failures, for a period that doubles', async () => {
    const keys = throttleKeysFor('ada@example.com', '10.0.0.1');
    for (let i = 0; i < 4; i++) expect(await recordLoginFailure(keys, at(i))).toBe(0);
    expect(await getLockedSeconds(keys, at(4))).toBe(0);
    expect(await recordLoginFailure(keys, at(4))).toBe(30);
    expect(await getLockedSeconds(keys, at(14))).toBe(20);
    expect(await getLockedSeconds(keys, at(35))).toBe(0);
    expect(await recordLoginFailure(keys, at(35))).toBe(60);
    const row = await database.current.db.loginAttempt.findUnique({ where: { kind_key: { kind: 'account', key: 'ada@example.com' } } });
    expect(row?.failures).toBe(6);
  });

  it('locks the same account from any address, but not other accounts from that address', async () => {
    const other = throttleKeysFor('ADA@example.com', '192.168.1.9');
    expect(await getLockedSeconds(other, at(40))).toBe(55);
    expect(await getLockedSeconds(throttleKeysFor('bob@example.com', '10.0.0.1'), at(40))).toBe(0);
  });

  it('a success clears the account counter', async () => {
    await clearAccountFailures('ada@example.com');
    expect(await getLockedSeconds(throttleKeysFor('ada@example.com', '10.9.9.9'), at(40))).toBe(0);
  });

  it('forgets failures after a quiet period', async () => {
    const keys = throttleKeysFor('carol@example.com', '10.0.0.2');
    for (let i = 0; i < 4; i++) await recordLoginFailure(keys, at(i));
    const later = new Date(Date.now() + quietPeriodMs + 60_000);
    expect(await recordLoginFailure(keys, later)).toBe(0);
    const row = await database.current.db.loginAttempt.findUnique({ where: { kind_key: { kind: 'account', key: 'carol@example.com' } } });
    expect(row?.failures).toBe(1);
  });

  it('locks an address that fails across many accounts', async () => {
    let locked = 0;
    for (let i = 0; i < 20; i++) locked = await recordLoginFailure(throttleKeysFor(`user${i}@example.com`, '10.6.6.6'), at(i));
    expect(locked).toBe(60);
    expect(await getLockedSeconds(throttleKeysFor('fresh@example.com', '10.6.6.6'), at(20))).toBe(59);
  });
});
