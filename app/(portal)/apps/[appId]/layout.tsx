import type { ReactNode } from 'react';
import Link from 'next/link';
import { AppActions } from '@/components/apps/app-actions';
import { AppTabs } from '@/components/apps/app-tabs';
import { VerdictBadge } from '@/components/apps/status-badges';
import { loadApp } from './load-app';

export default async function AppLayout({ children, params }: { children: ReactNode; params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { app, permissions } = await loadApp(appId);
  const hpa = app.live?.hpa ?? null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-500">
        <Link href="/apps" className="hover:text-slate-800 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          Apps
        </Link>
        <span aria-hidden="true"> / </span>
        <span>
          {app.clusterName} / {app.namespace}
        </span>
      </nav>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{app.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
            <span className="max-w-md truncate font-mono text-xs" title={app.image ?? undefined}>
              {app.image ?? 'no image'}
            </span>
            <span>team {app.teamName}</span>
            {app.currentRevision ? (
              <span className="flex items-center gap-1.5">
                revision {app.currentRevision.number} <VerdictBadge verdict={app.currentRevision.verdict} />
              </span>
            ) : null}
          </p>
        </div>
        <AppActions
          app={{
            id: app.id,
            name: app.name,
            image: app.image,
            replicas: app.live?.replicas.desired ?? null,
            resourceVersion: app.live?.resourceVersion ?? null,
            hasService: app.live?.service !== null && app.live?.service !== undefined,
            hpa: hpa ? { minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas, cpu: hpa.targetCpuUtilization } : null,
            serviceType: app.live?.service?.type ?? null,
            servicePort: app.live?.service?.ports[0]?.port ?? null,
          }}
          permissions={permissions}
        />
      </div>
      <AppTabs appId={app.id} showSettings={permissions.canDeploy || permissions.canManage} />
      <div className="mt-6">{children}</div>
    </>
  );
}
