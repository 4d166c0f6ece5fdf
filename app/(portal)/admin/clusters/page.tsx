import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatTimestamp } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireAdminPage } from '@/lib/auth/guards';
import { listClusters } from '@/lib/clusters/list-clusters';

export const metadata: Metadata = { title: 'Clusters' };

const sourceLabels: Record<string, string> = { SANDBOX: 'Sandbox', KUBECONFIG: 'Kubeconfig', IN_CLUSTER: 'In-cluster' };

export default async function ClustersPage() {
  const actor = await requireAdminPage();
  const clusters = await listClusters(actor);
  return (
    <>
      <PageHeader title="Clusters" description="Kubernetes clusters Berth deploys to. Registering clusters from here comes in a later release." />
      {clusters.length === 0 ? (
        <EmptyState title="No clusters" description="The quickstart registers the built-in sandbox cluster." />
      ) : (
        <Table label="Clusters">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>API server</Th>
              <Th>Source</Th>
              <Th>Default namespace</Th>
              <Th>Grants</Th>
              <Th>Last contact</Th>
            </tr>
          </THead>
          <TBody>
            {clusters.map((cluster) => (
              <Tr key={cluster.id}>
                <Td className="font-medium text-slate-900">{cluster.name}</Td>
                <Td className="font-mono text-xs">{cluster.server}</Td>
                <Td>
                  <Badge>{sourceLabels[cluster.source] ?? cluster.source}</Badge>
                </Td>
                <Td className="font-mono text-xs">{cluster.defaultNamespace}</Td>
                <Td className="tabular-nums">{cluster.grantCount}</Td>
                <Td>
                  {cluster.lastContactAt === null ? (
                    <span className="text-slate-500">Never</span>
                  ) : cluster.lastContactOk ? (
                    <Badge tone="success">Reachable · {formatTimestamp(cluster.lastContactAt)}</Badge>
                  ) : (
                    <span title={cluster.lastContactError ?? undefined}>
                      <Badge tone="danger">Unreachable · {formatTimestamp(cluster.lastContactAt)}</Badge>
                    </span>
                  )}
                  {cluster.serverVersion ? <div className="mt-1 text-xs text-slate-500">{cluster.serverVersion}</div> : null}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
