'use client';

// Feeds /api/events into the react-query cache: every `update` replaces the data under
// queryKeys.appLive(appId, resource). Components read it with useLiveAppData, starting from what the
// server rendered, and re-render as the stream delivers.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LiveDataByResource, LiveResource, LiveUpstream } from '@/lib/live/types';
import { queryKeys } from '@/lib/query-keys';
import { buildLiveEventsUrl, connectLiveEvents, type LiveConnectionStatus } from './live-events-client';

export interface LiveEventsState {
  status: LiveConnectionStatus;
  /** Set when the server withdrew access (the stream is closed for good). */
  message: string | null;
  /** Apps whose cluster is currently not answering. */
  staleAppIds: string[];
}

/**
 * One stream per call: call it once per page (the layout of an app page, the apps list) with every
 * app shown. `detail` lists the apps whose pods, events, services, HPA and ingresses are shown too.
 */
export function useLiveEvents(appIds: readonly string[], options: { detail?: readonly string[]; enabled?: boolean } = {}): LiveEventsState {
  const queryClient = useQueryClient();
  const url = options.enabled === false ? null : buildLiveEventsUrl(appIds, options.detail ?? []);
  const [state, setState] = useState<LiveEventsState>({ status: 'connecting', message: null, staleAppIds: [] });

  useEffect(() => {
    if (!url) return;
    const stale = new Set<string>();
    const connection = connectLiveEvents(url, {
      onUpdate(update) {
        queryClient.setQueryData(queryKeys.appLive(update.appId, update.resource), update.data);
      },
      onUpstream(upstream: LiveUpstream) {
        if (upstream.state === 'reconnecting') stale.add(upstream.appId);
        else stale.delete(upstream.appId);
        setState((previous) => ({ ...previous, staleAppIds: [...stale] }));
      },
      onStatus(status, detail) {
        setState((previous) => ({ ...previous, status, message: detail?.message ?? (status === 'revoked' ? previous.message : null) }));
      },
    });
    return () => connection.close();
  }, [url, queryClient]);

  return url ? state : { status: 'closed', message: null, staleAppIds: [] };
}

/** The live value of one resource of an app; `initial` is what the server rendered. */
export function useLiveAppData<R extends LiveResource>(appId: string, resource: R, initial: LiveDataByResource[R]): LiveDataByResource[R] {
  const { data } = useQuery({
    queryKey: queryKeys.appLive(appId, resource),
    // Never fetched: the events stream writes this key.
    queryFn: () => initial,
    initialData: initial,
    enabled: false,
    staleTime: Infinity,
  });
  return data === undefined ? initial : data;
}
