// Next's start-up hook: runs once when a server instance starts. Node-only work is imported lazily so
// the edge bundle never pulls in Prisma or client-node.
const holder = globalThis as unknown as { berthStartupHooksRan?: boolean };

export async function register(): Promise<void> {
  // Read straight from process.env rather than lib/env: Next inlines NEXT_RUNTIME per bundle, which is
  // what drops the Node-only import below from the edge build.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` loads instrumentation in its prerender workers; no rollout should be followed there.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  if (holder.berthStartupHooksRan) return;
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
