import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCredentials, sealCredentials } from './credentials';

describe('cluster credential sealing', () => {
  const key = randomBytes(32);

  it('round-trips credentials for the same cluster', () => {
    const sealed = sealCredentials(key, 'c1', { token: 's3cret', caPem: 'PEM' });
    expect(sealed).not.toContain('s3cret');
    expect(openCredentials(key, 'c1', sealed)).toEqual({ token: 's3cret', caPem: 'PEM' });
  });

  it('refuses a ciphertext copied onto another cluster row', () => {
    const sealed = sealCredentials(key, 'c1', { token: 's3cret' });
    expect(() => openCredentials(key, 'c2', sealed)).toThrow(/could not be opened/);
  });

  it('refuses a wrong key and tampered ciphertext without echoing them', () => {
    const sealed = sealCredentials(key, 'c1', { token: 's3cret' });
    expect(() => openCredentials(randomBytes(32), 'c1', sealed)).toThrow(/could not be opened/);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64');
    body[0] ^= 1;
    parts[3] = body.toString('base64');
    expect(() => openCredentials(key, 'c1', parts.join('.'))).toThrow(/could not be opened/);
  });
});
