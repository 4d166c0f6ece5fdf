import { describe, expect, it } from 'vitest';
import { lockSecondsAfter, throttleKeysFor } from './throttle-policy';

describe('lockSecondsAfter', () => {
  it('allows the free failures, then locks for a doubling period up to the cap', () => {
    expect([1, 4].map((n) => lockSecondsAfter('account', n))).toEqual([0, 0]);
    expect([5, 6, 7].map((n) => lockSecondsAfter('account', n))).toEqual([30, 60, 120]);
    expect(lockSecondsAfter('account', 50)).toBe(15 * 60);
    expect(lockSecondsAfter('address', 19)).toBe(0);
    expect(lockSecondsAfter('address', 20)).toBe(60);
  });

  it('keys the account by normalized email', () => {
    expect(throttleKeysFor('  Ada@Example.COM ', '10.0.0.1')).toEqual([
      { kind: 'account', key: 'ada@example.com' },
      { kind: 'address', key: '10.0.0.1' },
    ]);
  });
});
