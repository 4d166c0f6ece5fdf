'use client';

import { ConfirmAction } from '@/components/admin/confirm-action';
import type { FormAction } from '@/components/ui/form';

export function DeleteClusterButton<T>({ cluster, action }: { cluster: { id: string; name: string; appCount: number; grantCount: number }; action: FormAction<T> }) {
  const description =
    cluster.appCount > 0
      ? `Berth still manages ${cluster.appCount} app(s) on ${cluster.name}, so it will refuse: delete those apps first.`
      : `Berth forgets the cluster, its stored credentials and its ${cluster.grantCount} namespace grant(s). Nothing on the cluster itself is touched.`;
  return (
    <ConfirmAction
      action={action}
      fields={{ clusterId: cluster.id }}
      label="Delete"
      accessibleLabel={`Delete cluster ${cluster.name}`}
      variant="danger-subtle"
      confirm={{ title: `Delete cluster ${cluster.name}?`, description, confirmLabel: 'Delete cluster' }}
      successMessage={() => `Deleted cluster ${cluster.name}.`}
    />
  );
}
