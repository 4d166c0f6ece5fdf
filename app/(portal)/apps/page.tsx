import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Apps' };

export default async function AppsPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader title="Apps" description="Applications your teams deploy and operate." />
      <EmptyState
        title="No apps yet"
        description={
          actor.isAdmin
            ? 'Deploying apps arrives in a coming release. Meanwhile, set up teams and grant them namespaces in Admin.'
            : 'Deploying apps arrives in a coming release. Ask a platform admin to add you to a team with access to a namespace.'
        }
      />
    </>
  );
}
