import type { ReactNode } from 'react';
import { NavLinks } from '@/components/portal/nav-links';
import { requireAdminPage } from '@/lib/auth/guards';

const sections = [
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/teams', label: 'Teams' },
  { href: '/admin/grants', label: 'Namespace grants' },
  { href: '/admin/clusters', label: 'Clusters' },
];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdminPage();
  return (
    <>
      <div className="mb-6 border-b border-slate-200">
        <NavLinks items={sections} label="Administration" variant="tabs" />
      </div>
      {children}
    </>
  );
}
