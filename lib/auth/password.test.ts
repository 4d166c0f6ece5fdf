import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordInput, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
  });

  it('generates long, distinct passwords that pass the policy', () => {
    const a = generatePassword();
    const b = generatePassword();
    expect(a).toHaveLength(20);
    expect(a).not.toBe(b);
    expect(passwordInput.safeParse(a).success).toBe(true);
  });

  it('rejects short passwords with a clear message', () => {
    const result = passwordInput.safeParse('short-pass');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Password must be at least 12 characters.');
  });
});
