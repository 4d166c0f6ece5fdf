'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export interface NavItem {
  href: string;
  label: string;
}

export function NavLinks({ items, label, variant = 'primary' }: { items: NavItem[]; label: string; variant?: 'primary' | 'tabs' }) {
  const pathname = usePathname();
  const isActive = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={label}>
      <ul className={cn('flex items-center', variant === 'primary' ? 'gap-1' : '-mb-px gap-6')}>
        {items.map((item) => {
          const active = isActive(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400',
                  variant === 'primary'
                    ? cn('rounded-md px-3 py-1.5 text-sm font-medium', active ? 'bg-slate-800 text-white' : 'text-slate-300 hover:bg-slate-800/60 hover:text-white')
                    : cn(
                        'inline-block border-b-2 px-1 pb-3 text-sm font-medium',
                        active ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
                      ),
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
