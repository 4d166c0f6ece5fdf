import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeployEditor } from '@/components/apps/deploy-editor';
import { modelFromForm, emptyFormModel } from '@/components/manifest-editor/form-model';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { getRevision } from '@/lib/apps/get-revision';
import { recoverForm } from '../../manifest-conversion';
import { loadApp, orNotFound } from '../load-app';

export const metadata: Metadata = { title: 'App settings' };
export const dynamic = 'force-dynamic';

export default async function AppSettingsPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { actor, app, permissions } = await loadApp(appId);
  // Viewers have nothing to change here; the tab is hidden for them and the URL answers like any other missing page.
  if (!permissions.canDeploy && !permissions.canManage) notFound();
  if (!app.currentRevision) return <EmptyState title="Nothing deployed yet" description="The app has no revision to edit." />;
  const revision = await orNotFound(getRevision(actor, { appId, number: app.currentRevision.number }));
  const { form, reason } = recoverForm(revision.state);
  return (
    <div className="space-y-6">
      {permissions.canDeploy ? (
        <Card
          title="Deploy a new revision"
          description={`Starts from revision ${revision.number}. Edit the form or the YAML, preview the change against the cluster, then deploy.`}
        >
          <DeployEditor
            appId={app.id}
            name={app.name}
            namespace={app.namespace}
            initialModel={form ? modelFromForm(form) : emptyFormModel}
            initialYaml={revision.yaml}
            formUnavailableReason={form ? null : (reason ?? 'the current revision uses settings the form has no field for.')}
            replicasLocked={Boolean(revision.state.hpa)}
            canForce={permissions.canForce}
          />
        </Card>
      ) : null}
      {permissions.canManage ? (
        <Card title="Danger zone" description="Deleting removes the app's objects from the cluster and the app from Berth; its audit history stays. Use Delete at the top of the page.">
          <p className="text-sm text-slate-600">Delete asks you to review every object it removes and to type the app&apos;s name before anything happens.</p>
        </Card>
      ) : null}
    </div>
  );
}
