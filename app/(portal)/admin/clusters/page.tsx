import type { Metadata } from 'next';
import { ClusterContactCell } from '@/components/clusters/cluster-contact';
import { DeleteClusterButton } from '@/components/clusters/delete-cluster-button';
import { RegisterClusterDialog } from '@/components/clusters/register-cluster-dialog';
import { UpdateCredentialsDialog } from '@/components/clusters/update-credentials-dialog';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireAdminPage } from '@/lib/auth/guards';
import { listClusters } from '@/lib/clusters/list-clusters';
import {
  deleteClusterAction,
  previewKubeconfigAction,
  registerInClusterClusterAction,
  registerKubeconfigClusterAction,
  testClusterConnectionAction,
  updateClusterCredentialsAction,
} from './actions';

export const metadata: Metadata = { title: 'Clusters' };

const sourceLabels: Record<string, string> = { SANDBOX: 'Sandbox', KUBECONFIG: 'Kubeconfig', IN_CLUSTER: 'In-cluster' };

export default async function ClustersPage() {
  const actor = await requireAdminPage();
  const clusters = await listClusters(actor);
  return (
    <>
      <PageHeader
        title="Clusters"
        description="Kubernetes clusters Berth deploys to. Credentials are stored encrypted; the connection test checks that Berth may act in each cluster's default namespace."
        actions={
          <RegisterClusterDialog kubeconfigAction={registerKubeconfigClusterAction} inClusterAction={registerInClusterClusterAction} previewAction={previewKubeconfigAction} />
        }
      />
      {clusters.length === 0 ? (
        <EmptyState title="No clusters" description="Register a cluster with a kubeconfig (Register cluster, above), or run the quickstart to get the built-in sandbox cluster." />
      ) : (
        <Table label="Clusters">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>API server</Th>
              <Th className="whitespace-nowrap">Default namespace</Th>
              <Th className="text-right">Grants</Th>
              <Th className="text-right">Apps</Th>
              <Th>Last contact</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {clusters.map((cluster) => (
              <Tr key={cluster.id} className="align-top">
                <Td className="align-top">
                  <div className="font-medium whitespace-nowrap text-slate-900">{cluster.name}</div>
                  <Badge className="mt-1">{sourceLabels[cluster.source] ?? cluster.source}</Badge>
                </Td>
                <Td className="max-w-80 align-top font-mono text-xs [overflow-wrap:break-word]">{cluster.server}</Td>
                <Td className="align-top font-mono text-xs">{cluster.defaultNamespace}</Td>
                <Td className="text-right align-top tabular-nums">{cluster.grantCount}</Td>
                <Td className="text-right align-top tabular-nums">{cluster.appCount}</Td>
                <Td className="align-top">
                  <ClusterContactCell cluster={cluster} testAction={testClusterConnectionAction} />
                </Td>
                <Td className="align-top">
                  <div className="flex justify-end gap-2">
                    <UpdateCredentialsDialog
                      cluster={{ id: cluster.id, name: cluster.name, source: cluster.source, defaultNamespace: cluster.defaultNamespace }}
                      action={updateClusterCredentialsAction}
                      previewAction={previewKubeconfigAction}
                    />
                    <DeleteClusterButton cluster={cluster} action={deleteClusterAction} />
                  </div>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
