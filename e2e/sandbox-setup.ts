// Playwright global setup for the app journeys: starts a sandbox cluster in the runner process and
// registers it in the e2e database as cluster `sandbox`, sealed under the BERTH_SECRET_KEY the web
// server shares (playwright.config.ts sets it, e2e/serve.ts passes it on). The specs read where it
// is from E2E_SANDBOX_* (workers inherit the runner's environment). The returned function stops it.
import { e2eDatabaseUrl } from './fixtures/database';

/** Cluster seconds per wall-clock second: rollouts, probe delays and progress deadlines pass quickly. */
const defaultSpeed = 30;

export default async function sandboxSetup(): Promise<() => Promise<void>> {
  if (!process.env.BERTH_SECRET_KEY) {
    // Without the server's key a registered cluster could not be opened: fail the run, never skip specs.
    throw new Error('BERTH_SECRET_KEY is not shared with the web server (playwright.config.ts sets it for e2e/serve.ts).');
  }
  const { startSandbox } = await import('@/lib/sandbox/index');
  const { registerSandboxCluster } = await import('@/lib/clusters/register-sandbox-cluster');
  const { systemActor } = await import('@/lib/access/actor');
  const { disconnectDb, useDatabase } = await import('@/lib/db');

  const speed = Number(process.env.E2E_SANDBOX_SPEED ?? defaultSpeed);
  const sandbox = await startSandbox({ port: 0, speed });
  await useDatabase(e2eDatabaseUrl());
  try {
    const { id } = await registerSandboxCluster(systemActor, { server: sandbox.url, token: sandbox.token, caPem: sandbox.caPem });
    process.env.E2E_SANDBOX_CLUSTER_ID = id;
  } finally {
    await disconnectDb();
  }
  process.env.E2E_SANDBOX_URL = sandbox.url;
  process.env.E2E_SANDBOX_TOKEN = sandbox.token;
  process.env.E2E_SANDBOX_CA = sandbox.caPem ?? '';
  process.env.E2E_SANDBOX_SPEED = String(speed);
  return () => sandbox.close();
}
