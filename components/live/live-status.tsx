'use client';

import { Badge } from '@/components/ui/badge';
import type { LiveEventsState } from './use-live-events';

const labels: Record<LiveEventsState['status'], { text: string; tone: 'success' | 'warning' | 'neutral' | 'danger' }> = {
  connecting: { text: 'Connecting…', tone: 'neutral' },
  live: { text: 'Live', tone: 'success' },
  reconnecting: { text: 'Reconnecting…', tone: 'warning' },
  revoked: { text: 'Access withdrawn', tone: 'danger' },
  closed: { text: 'Not live', tone: 'neutral' },
};

/**
 * The live stream's state for a page header. Announced politely to screen readers, so a user hears
 * when updates stop (reconnecting, access withdrawn) without losing focus.
 */
export function LiveStatus({ state, appId }: { state: LiveEventsState; appId?: string }) {
  const stale = appId !== undefined && state.staleAppIds.includes(appId);
  const label = stale && state.status === 'live' ? { text: 'Cluster not answering', tone: 'warning' as const } : labels[state.status];
  return (
    <span role="status" aria-live="polite" className="inline-flex items-center gap-2">
      <Badge tone={label.tone}>{label.text}</Badge>
      {state.status === 'revoked' && state.message ? <span className="text-sm text-slate-600">{state.message}</span> : null}
    </span>
  );
}
