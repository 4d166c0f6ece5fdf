import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { buttonClasses } from '@/components/ui/button';
import { getCurrentActor } from '@/lib/auth/actor';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { getOidcProviderName } from '@/lib/auth/oidc';
import { oidcSignInAction } from './actions';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

const notices: Record<string, string> = {
  ended: 'Your session has ended. Please sign in again.',
  AccessDenied: 'This account cannot sign in to Berth.',
  OAuthSignin: 'Single sign-on is unavailable right now. Please try again.',
  OAuthCallbackError: 'Single sign-on did not complete. Please try again.',
  Configuration: 'Sign-in is misconfigured. Contact your administrator.',
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  if (await getCurrentActor()) redirect(callbackUrl);
  const notice = notices[first(params.reason) ?? ''] ?? notices[first(params.error) ?? ''];
  const oidcName = getOidcProviderName();

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <span aria-hidden="true" className="flex size-11 items-center justify-center rounded-xl bg-slate-900 text-indigo-400">
            <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8">
              <path d="M4 14h16l-2 5H6l-2-5Z" />
              <path d="M7 14V8h4v6M13 14V5h4v9" />
            </svg>
          </span>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">Sign in to Berth</h1>
          <p className="mt-1 text-sm text-slate-600">Deploy and operate your applications on Kubernetes.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {notice ? (
            <p role="status" className="mb-5 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
              {notice}
            </p>
          ) : null}
          <LoginForm callbackUrl={callbackUrl} />
          {oidcName ? (
            <>
              <div className="my-5 flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
                <span className="h-px flex-1 bg-slate-200" />
                or
                <span className="h-px flex-1 bg-slate-200" />
              </div>
              <form action={oidcSignInAction}>
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <button type="submit" className={buttonClasses('secondary', 'md', 'w-full')}>
                  Continue with {oidcName}
                </button>
              </form>
            </>
          ) : null}
        </div>
        <p className="mt-6 text-center text-xs text-slate-600">
          Lost access? An operator can create an admin with
          <br />
          <code className="font-mono text-[11px] whitespace-nowrap text-slate-700">npm run user -- create --email you@example.com --admin</code>
        </p>
      </div>
    </main>
  );
}
