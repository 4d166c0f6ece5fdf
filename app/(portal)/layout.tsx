import Link from 'next/link';
import type { ReactNode } from 'react';
import { NavLinks, type NavItem } from '@/components/portal/nav-links';
import { UserMenu } from '@/components/portal/user-menu';
import { requirePageActor } from '@/lib/auth/guards';
import { signOutAction } from './actions';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const items: NavItem[] = [
    { href: '/apps', label: 'Apps' },
    { href: '/teams', label: 'Teams' },
    { href: '/audit', label: 'Audit' },
    ...(actor.isAdmin ? [{ href: '/admin', label: 'Admin' }] : []),
  ];
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="bg-slate-900">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-4 sm:px-6">
          <Link href="/apps" className="flex items-center gap-2 text-white focus-visible:outline-2 focus-visible:outline-indigo-400">
            <BerthMark />
            <span className="text-base font-semibold tracking-tight">Berth</span>
          </Link>
          <NavLinks items={items} label="Main" />
          <div className="ml-auto">
            <UserMenu name={actor.name} email={actor.email} isAdmin={actor.isAdmin} signOutAction={signOutAction} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}

function BerthMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 text-indigo-400" fill="none" stroke="currentColor" strokeWidth="1.8">
      <path d="M4 14h16l-2 5H6l-2-5Z" />
      <path d="M7 14V8h4v6M13 14V5h4v9" />
    </svg>
  );
}
