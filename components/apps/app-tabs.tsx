'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export function AppTabs({ appId, showSettings }: { appId: string; showSettings: boolean }) {
  const pathname = usePathname();
  const base = `/apps/${appId}`;
  const tabs = [
    { href: base, label: 'Overview' },
    { href: `${base}/revisions`, label: 'Revisions' },
    { href: `${base}/history`, label: 'History' },
    ...(showSettings ? [{ href: `${base}/settings`, label: 'Settings' }] : []),
  ];
  return (
    <nav aria-label="App sections" className="border-b border-slate-200">
      <ul className="-mb-px flex gap-6 overflow-x-auto">
        {tabs.map((tab) => {
          const active = tab.href === base ? pathname === base : pathname.startsWith(tab.href);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'inline-block border-b-2 px-1 pb-3 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
                  active ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
