// next-auth for Berth: credentials (argon2id, throttled) and optional OIDC, JWT sessions that carry the
// user id and sessionVersion. Validity is re-checked on every request by getCurrentActor().
import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { CredentialsSignin } from '@auth/core/errors';
import { headers } from 'next/headers';
import { getEnv } from '@/lib/env';
import { baseAuthConfig } from './config';
import { authorizeCredentials } from './credentials';
import { buildOidcProvider, isOidcAccount, resolveOidcUser } from './oidc';
import { readRequestContext } from './request-context';

function buildAuthConfig(): NextAuthConfig {
  const oidc = buildOidcProvider();
  return {
    ...baseAuthConfig,
    secret: getEnv().AUTH_SECRET,
    providers: [
      Credentials({
        id: 'credentials',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: authorizeCredentials,
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      ...baseAuthConfig.callbacks,
      async signIn({ user, account, profile }) {
        if (!isOidcAccount(account)) return true;
        const resolved = await resolveOidcUser(profile, readRequestContext(await headers()));
        if (!resolved) return false;
        // The jwt callback receives this same object: from here on it is Berth's user, not the provider's.
        Object.assign(user, resolved);
        return true;
      },
    },
    logger: {
      // A wrong password is an expected outcome (and audited), not a server error worth a stack trace.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        console.error(error);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildAuthConfig());
