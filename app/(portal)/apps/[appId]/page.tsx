import type { Metadata } from 'next';
import { AppOverview } from '@/components/apps/app-overview';
import { loadApp } from './load-app';

export const metadata: Metadata = { title: 'App' };
export const dynamic = 'force-dynamic';

export default async function AppOverviewPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { app } = await loadApp(appId);
  const revision = app.currentRevision;
  return (
    <AppOverview
      appId={app.id}
      initial={app.live}
      liveError={app.liveError}
      verdict={revision ? { verdict: revision.verdict, reason: revision.verdictReason } : null}
    />
  );
}
