'use client';

import { Button } from '@/components/ui/button';

// Unexpected failures while rendering a portal page. The server logged the details under this digest;
// the browser gets only the reference, never the error text.
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg bg-white px-6 py-10 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        This page could not be loaded. Try again; if it keeps failing, give your administrator this reference:
      </p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-slate-700">{error.digest}</p> : null}
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
