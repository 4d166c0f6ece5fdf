import type { Metadata } from 'next';
import Link from 'next/link';
import { AppsList } from '@/components/apps/apps-list';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listVisibleNamespaces } from '@/lib/access/scope';
import { listApps } from '@/lib/apps/list-apps';
import { requirePageActor } from '@/lib/auth/guards';
import { listCreatableNamespaces } from './permissions';

export const metadata: Metadata = { title: 'Apps' };
export const dynamic = 'force-dynamic';

export default async function AppsPage() {
  const actor = await requirePageActor();
  const [apps, namespaces, creatable] = await Promise.all([listApps(actor), listVisibleNamespaces(actor), listCreatableNamespaces(actor)]);
  const canCreate = creatable.length > 0;
  const createLink = (
    <Link href="/apps/new" className={buttonClasses('primary')}>
      Create app
    </Link>
  );
  return (
    <>
      <PageHeader title="Apps" description="Applications your teams deploy and operate, with their live rollout state." actions={canCreate ? createLink : undefined} />
      {namespaces.length === 0 && !actor.isAdmin ? (
        <EmptyState
          title="No namespaces yet"
          description="You are not in a team with access to any namespace. Ask a platform admin or your team lead to add you."
        />
      ) : apps.length === 0 ? (
        <EmptyState
          title="No apps yet"
          description={canCreate ? 'Create your first app from a form or YAML, preview the change, and watch it roll out.' : 'Nobody has deployed an app in your namespaces yet. You can view apps here once a deployer creates one.'}
          action={canCreate ? createLink : undefined}
        />
      ) : (
        <AppsList
          initialApps={apps}
          namespaces={namespaces.map((n) => ({ key: `${n.clusterId}/${n.namespace}`, label: `${n.clusterName} / ${n.namespace}` }))}
        />
      )}
    </>
  );
}
