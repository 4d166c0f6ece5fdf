// Next's start-up hook: runs once when a server instance starts.
const holder = globalThis as unknown as { berthStartupHooksRan?: boolean };

export async function register(): Promise<void> {
  // Read straight from process.env rather than lib/env: Next inlines NEXT_RUNTIME per bundle, and only
  // an import inside this literal check is dropped from the edge bundle (it would not resolve there).
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // `next build` loads instrumentation in its prerender workers; no rollout should be followed there.
    if (process.env.NEXT_PHASE === 'phase-production-build' || holder.berthStartupHooksRan) return;
    holder.berthStartupHooksRan = true;
    // Not awaited: a slow or unreachable database must not hold up serving requests.
    void import('@/lib/apps/rollout-verdict')
      .then(({ resumeRolloutFollowers }) => resumeRolloutFollowers())
      .then(
        (count) => {
          if (count > 0) console.info(`[berth] following ${count} unfinished rollout(s) again after start-up`);
        },
        (error: unknown) => console.error('[berth] resuming rollout followers at start-up failed:', error),
      );
  }
}
