// The one factory for react-query keys (STYLE.md): live data written by the events stream and read by
// components must agree on the key, so nobody spells one by hand.
export const queryKeys = {
  all: ['berth'] as const,
  apps: () => [...queryKeys.all, 'apps'] as const,
  app: (appId: string) => [...queryKeys.apps(), appId] as const,
  appStatus: (appId: string) => [...queryKeys.app(appId), 'status'] as const,
  /** One live resource of an app (rollout, pods, events …), written by the events stream. */
  appLive: (appId: string, resource: string) => [...queryKeys.app(appId), 'live', resource] as const,
  audit: (filters: Record<string, string | undefined> = {}) => [...queryKeys.all, 'audit', filters] as const,
};
