// Sends signed-out page requests to /login before any rendering. This is a convenience, not the
// guard: every page and action checks getCurrentActor() itself (a disabled user still holds a valid JWT).
import NextAuth from 'next-auth';
import { NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { baseAuthConfig } from '@/lib/auth/config';

// Eager config: next-auth's lazy form makes auth(handler) a promise, which Next does not accept as proxy.
const { auth } = NextAuth({ ...baseAuthConfig, secret: getEnv().AUTH_SECRET });

export const proxy = auth((request) => {
  if (request.auth) return NextResponse.next();
  const login = new URL('/login', request.nextUrl);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== '/') login.searchParams.set('callbackUrl', target);
  return NextResponse.redirect(login);
});

export const config = {
  // Everything but sign-in itself, the API (which answers for itself) and static assets.
  matcher: ['/((?!login|api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|ico|css|js|woff2?)$).*)'],
};
