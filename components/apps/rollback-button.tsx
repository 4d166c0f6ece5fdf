'use client';

import { rollbackAppAction } from '@/app/(portal)/apps/actions';
import { ChangeDialog } from './change-dialog';

/** "Roll back to this revision": the dialog opens on the diff of what it restores, then asks to confirm. */
export function RollbackButton({ appId, revision, canForce }: { appId: string; revision: number; canForce: boolean }) {
  return (
    <ChangeDialog
      triggerLabel="Roll back"
      triggerAccessibleLabel={`Roll back to revision ${revision}`}
      title={`Roll back to revision ${revision}`}
      description={`Re-applies everything Berth managed at revision ${revision} (Deployment, Service, autoscaler, Ingress …) as a new revision. Below is what that changes on the cluster now.`}
      confirmLabel="Roll back"
      destructive
      canForce={canForce}
      run={(_values, { preview, force }) => rollbackAppAction({ appId, toRevision: revision, preview, force })}
      successMessage={`Rolling back to revision ${revision}.`}
    />
  );
}
