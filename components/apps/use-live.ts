'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryKeys } from '@/lib/query-keys';
import type { LiveDataByResource, LiveRevoked, LiveUpdate, LiveUpstream } from '@/lib/live/types';

/** What the events stream has said about one app so far: each resource replaced whole on every update. */
export type LiveAppData = Partial<LiveDataByResource> & { upstream?: LiveUpstream['state']; upstreamMessage?: string };

export type LiveConnection = 'connecting' | 'live' | 'reconnecting' | 'revoked';

/**
 * Opens the tab's one stream to /api/events for these apps (`detail` ones with pods, events, services …)
 * and writes every update into react-query under queryKeys.appStatus(appId).
 */
export function useLiveSubscription(appIds: string[], detailIds: string[] = []): LiveConnection {
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  const apps = appIds.filter((id) => !detailIds.includes(id)).join(',');
  const detail = detailIds.join(',');
  useEffect(() => {
    if (apps === '' && detail === '') return;
    const params = new URLSearchParams();
    if (apps) params.set('apps', apps);
    if (detail) params.set('detail', detail);
    const source = new EventSource(`/api/events?${params.toString()}`);
    const patch = (appId: string, change: Partial<LiveAppData>) =>
      queryClient.setQueryData<LiveAppData>(queryKeys.appStatus(appId), (previous) => ({ ...previous, ...change }));
    source.addEventListener('ready', () => setConnection('live'));
    source.addEventListener('update', (event) => {
      const update = JSON.parse((event as MessageEvent<string>).data) as LiveUpdate;
      patch(update.appId, { [update.resource]: update.data });
    });
    source.addEventListener('upstream', (event) => {
      const upstream = JSON.parse((event as MessageEvent<string>).data) as LiveUpstream;
      patch(upstream.appId, { upstream: upstream.state, upstreamMessage: upstream.message });
    });
    source.addEventListener('revoked', (event) => {
      JSON.parse((event as MessageEvent<string>).data) as LiveRevoked;
      setConnection('revoked');
      source.close();
    });
    // EventSource reconnects by itself; say so while it does.
    source.onerror = () => setConnection((current) => (current === 'revoked' ? current : 'reconnecting'));
    source.onopen = () => setConnection((current) => (current === 'revoked' ? current : 'live'));
    return () => source.close();
  }, [apps, detail, queryClient]);
  return connection;
}

/** The live data of one app (undefined until the stream's first update). */
export function useLiveAppData(appId: string): LiveAppData | undefined {
  const { data } = useQuery<LiveAppData>({
    queryKey: queryKeys.appStatus(appId),
    queryFn: () => ({}),
    enabled: false,
    staleTime: Infinity,
  });
  return data;
}
