import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

/** The one "not found" answer: for a missing page and for anything outside the user's scope alike. */
export function NotFoundMessage() {
  return (
    <>
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">The page you are looking for does not exist.</p>
      <Link href="/apps" className={buttonClasses('secondary', 'md', 'mt-6')}>
        Back to apps
      </Link>
    </>
  );
}
