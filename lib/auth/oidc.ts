// Optional single sign-on through any OpenID Connect provider, switched on by BERTH_OIDC_* variables.
// Users are matched by email. Someone the provider vouches for but Berth does not know yet is created
// as a plain user with no teams: they can sign in and see nothing until an admin grants access. That
// keeps "who may do what" in Berth, and an admin never appears by way of the identity provider.
import type { Account, Profile, User } from 'next-auth';
import type { OIDCConfig } from 'next-auth/providers';
import { db } from '@/lib/db';
import { getOidcConfig } from '@/lib/env';
import { auditSignIn, auditOidcUserCreated } from './audit-sign-in';
import type { RequestContext } from './request-context';

export const oidcProviderId = 'oidc';

export function getOidcProviderName(): string | null {
  return getOidcConfig()?.name ?? null;
}

export function buildOidcProvider(): OIDCConfig<Profile> | null {
  const config = getOidcConfig();
  if (!config) return null;
  return {
    id: oidcProviderId,
    name: config.name,
    type: 'oidc',
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    checks: ['pkce', 'state', 'nonce'],
  };
}

function readVerifiedEmail(profile: Profile | undefined): string | null {
  const email = typeof profile?.email === 'string' ? profile.email.trim().toLowerCase() : '';
  // A provider that says the address is unverified must not let someone claim another user's account.
  if (!email || profile?.email_verified === false) return null;
  return email;
}

/** Finds or provisions the Berth user behind an OIDC sign-in; null refuses the sign-in. */
export async function resolveOidcUser(profile: Profile | undefined, context: RequestContext): Promise<User | null> {
  const email = readVerifiedEmail(profile);
  if (!email) {
    await auditSignIn({ email: '(no verified email)', user: null, outcome: 'FAILED', errorCode: 'UNAUTHENTICATED', context, via: 'oidc' });
    return null;
  }
  const name = typeof profile?.name === 'string' && profile.name.trim() ? profile.name.trim() : email.split('@')[0];
  const user =
    (await db.user.findUnique({ where: { email } })) ??
    (await auditOidcUserCreated(email, () => db.user.create({ data: { email, name, isAdmin: false } })));
  if (user.disabledAt) {
    await auditSignIn({ email, user: null, outcome: 'FAILED', errorCode: 'UNAUTHENTICATED', context, via: 'oidc' });
    return null;
  }
  await auditSignIn({ email, user, outcome: 'SUCCEEDED', context, via: 'oidc' });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

export function isOidcAccount(account: Account | null | undefined): boolean {
  return account?.provider === oidcProviderId;
}
