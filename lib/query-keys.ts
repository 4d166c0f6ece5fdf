// The one factory for react-query keys (STYLE.md): live data written by the events stream and read by
// components must agree on the key, so nobody spells one by hand.
export const queryKeys = {
  all: ['berth'] as const,
  apps: () => [...queryKeys.all, 'apps'] as const,
  app: (appId: string) => [...queryKeys.apps(), appId] as const,
  appStatus: (appId: string) => [...queryKeys.app(appId), 'status'] as const,
  audit: (filters: Record<string, string | undefined> = {}) => [...queryKeys.all, 'audit', filters] as const,
};
