// Tests the repo-root instrumentation.ts (Vitest only collects tests under lib/, app/ … so it lives here).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const resumeRolloutFollowers = vi.fn<() => Promise<number>>();
vi.mock('@/lib/apps/rollout-verdict', () => ({ resumeRolloutFollowers }));

const holder = globalThis as unknown as { berthStartupHooksRan?: boolean };

async function loadRegister(env: { NEXT_RUNTIME?: string; NEXT_PHASE?: string }): Promise<() => Promise<void>> {
  vi.stubEnv('NEXT_RUNTIME', env.NEXT_RUNTIME ?? '');
  vi.stubEnv('NEXT_PHASE', env.NEXT_PHASE ?? '');
  const { register } = await import('@/instrumentation');
  return register;
}

describe('instrumentation register()', () => {
  beforeEach(() => {
    delete holder.berthStartupHooksRan;
    resumeRolloutFollowers.mockReset();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('does nothing in the edge runtime', async () => {
    const register = await loadRegister({ NEXT_RUNTIME: 'edge' });
    await register();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resumeRolloutFollowers).not.toHaveBeenCalled();
  });

  it('does nothing during next build', async () => {
    const register = await loadRegister({ NEXT_RUNTIME: 'nodejs', NEXT_PHASE: 'phase-production-build' });
    await register();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resumeRolloutFollowers).not.toHaveBeenCalled();
  });

  it('resumes rollout followers once in the Node.js runtime, however often it is called', async () => {
    resumeRolloutFollowers.mockResolvedValue(2);
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const register = await loadRegister({ NEXT_RUNTIME: 'nodejs', NEXT_PHASE: 'phase-production-server' });
    await register();
    await register();
    await vi.waitFor(() => expect(info).toHaveBeenCalledWith(expect.stringContaining('following 2 unfinished rollout(s)')));
    expect(resumeRolloutFollowers).toHaveBeenCalledTimes(1);
  });

  it('logs a failure instead of rejecting (the server keeps starting)', async () => {
    resumeRolloutFollowers.mockRejectedValue(new Error('database unreachable'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const register = await loadRegister({ NEXT_RUNTIME: 'nodejs' });
    await expect(register()).resolves.toBeUndefined();
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith(expect.stringContaining('resuming rollout followers'), expect.objectContaining({ message: 'database unreachable' })));
  });
});
