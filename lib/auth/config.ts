// The part of the next-auth configuration that needs no database: how sessions are stored and what the
// token carries. proxy.ts uses it alone to tell signed-in requests from signed-out ones; lib/auth/index.ts
// adds the providers. Whether a session is still valid is decided per request by getCurrentActor().
import type { NextAuthConfig } from 'next-auth';

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    berthUserId?: string;
    berthSessionVersion?: number;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

export const sessionMaxAgeSeconds = 12 * 60 * 60;

export const baseAuthConfig = {
  pages: { signIn: '/login', error: '/login' },
  session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds },
  // Berth is self-hosted behind whatever host name and proxy the operator chose.
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.berthUserId = token.uid;
      session.berthSessionVersion = token.sv;
      return session;
    },
  },
} satisfies NextAuthConfig;
