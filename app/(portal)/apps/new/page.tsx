import type { Metadata } from 'next';
import { NewAppForm } from '@/components/apps/new-app-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/guards';
import { listCreatableNamespaces, listOwningTeams } from '../permissions';

export const metadata: Metadata = { title: 'New app' };
export const dynamic = 'force-dynamic';

export default async function NewAppPage() {
  const actor = await requirePageActor();
  const [creatable, owners] = await Promise.all([listCreatableNamespaces(actor), listOwningTeams(actor)]);
  // A new app needs an owning team with a MAINTAINER grant there; namespaces without one cannot be used.
  const namespaces = creatable.filter(({ clusterId, namespace }) => (owners[`${clusterId}/${namespace}`] ?? []).length > 0);
  return (
    <>
      <PageHeader title="New app" description="Describe the app with the form or YAML, preview what the cluster will create, then deploy it." />
      {namespaces.length === 0 ? (
        <EmptyState
          title="No namespace to create apps in"
          description="Creating apps needs the MAINTAINER role in a namespace. Ask a platform admin or your team lead for access."
        />
      ) : (
        <NewAppForm
          namespaces={namespaces.map(({ clusterId, clusterName, namespace }) => ({ clusterId, clusterName, namespace, teams: owners[`${clusterId}/${namespace}`] ?? [] }))}
        />
      )}
    </>
  );
}
