import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

const key = Buffer.alloc(32, 7).toString('base64');
const authSecret = 'a'.repeat(40);

describe('parseEnv', () => {
  it('lets development run without secrets and defaults the port', () => {
    const env = parseEnv({ NODE_ENV: 'development' });
    expect(env.PORT).toBe(3000);
    expect(env.BERTH_SECRET_KEY).toBeUndefined();
  });

  it('refuses production without its secrets, naming each one', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://x@h/db' })).toThrow(
      /BERTH_SECRET_KEY is required in production[\s\S]*AUTH_SECRET is required in production/,
    );
  });

  it('accepts production with its secrets, and the build phase without them', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://x@h/db',
      BERTH_SECRET_KEY: key,
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: 'true',
      PORT: '8080',
    });
    expect(env.PORT).toBe(8080);
    expect(env.AUTH_TRUST_HOST).toBe(true);
    expect(() => parseEnv({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })).not.toThrow();
  });

  it('rejects a secret key that is not 32 bytes and a partial OIDC configuration', () => {
    expect(() => parseEnv({ BERTH_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/BERTH_SECRET_KEY must be 32 random bytes/);
    expect(() => parseEnv({ BERTH_OIDC_ISSUER: 'https://id.example.com' })).toThrow(
      /missing BERTH_OIDC_CLIENT_ID, BERTH_OIDC_CLIENT_SECRET/,
    );
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgresql/);
  });
});
