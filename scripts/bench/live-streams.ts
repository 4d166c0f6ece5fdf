// Live events benchmark (not a test): N SSE streams on one app page (detail) against a sandbox over
// HTTP, measured from the opening of the streams to the first rollout update on each, then from a
// scale of the Deployment to the updated desired count on every stream; upstream watches counted
// server-side by a proxy; resident memory before and after.
//   npx tsx scripts/bench/live-streams.ts [streams=500]    (DATABASE_URL defaults to the local Postgres)
import { db } from '../../lib/db';
import { buildKubeClients } from '../../lib/kube/client';
import { buildTestDeployment } from '../../lib/kube/testing/sandbox-cluster';
import { createWatchHub } from '../../lib/kube/watch-hub';
import { createKubeConfigTransport } from '../../lib/kube/watch-hub-transport';
import { openLiveEventStream } from '../../lib/live/event-stream';
import { startCountingProxy } from '../../lib/live/testing/counting-proxy';
import { readSse, type SseReader } from '../../lib/live/testing/read-sse';
import type { LiveUpdate, RolloutSummary } from '../../lib/live/types';
import { startSandbox, type Sandbox } from '../../lib/sandbox/index';
import { createTestDatabase } from '../../test/db';
import { createClusterFixture, createGrantFixture, createTeamFixture, createUserFixture } from '../../test/fixtures';

const STREAMS = Number(process.argv[2] ?? 500);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${label}: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`;
}

function rolloutOf(reader: SseReader): RolloutSummary | null {
  for (let i = reader.messages.length - 1; i >= 0; i -= 1) {
    const message = reader.messages[i];
    if (message.event === 'update' && (message.data as LiveUpdate).resource === 'rollout') return (message.data as LiveUpdate).data as RolloutSummary | null;
  }
  return null;
}

async function waitAll(readers: SseReader[], done: (reader: SseReader) => boolean, startedAt: number): Promise<number[]> {
  const at = new Array<number>(readers.length).fill(0);
  const deadline = Date.now() + 60_000;
  while (at.some((t) => t === 0)) {
    if (Date.now() > deadline) throw new Error('timed out');
    readers.forEach((reader, i) => {
      if (at[i] === 0 && done(reader)) at[i] = Date.now() - startedAt;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return at;
}

async function main(): Promise<void> {
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await createTestDatabase();
  let sandbox: Sandbox | undefined;
  try {
    sandbox = await startSandbox({ port: 0, speed: 50, tls: false });
    const proxy = await startCountingProxy(sandbox.url);
    const clients = buildKubeClients({ clusterId: 'bench', clusterName: 'sandbox', server: proxy.url, credentials: { token: sandbox.token } });
    const transport = createKubeConfigTransport(clients.kubeConfig);
    const hub = createWatchHub({ transportFor: async () => transport });
    sandbox.api.create('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
    const deployment = buildTestDeployment('web', 'bench', { replicas: 3 });
    sandbox.api.create('apps/deployments', deployment as unknown as Parameters<Sandbox['api']['create']>[1]);

    const cluster = await createClusterFixture({ server: sandbox.url });
    const user = await createUserFixture();
    const team = await createTeamFixture({ members: [{ userId: user.user.id }] });
    await createGrantFixture({ teamId: team.id, clusterId: cluster.id, namespace: 'bench', role: 'VIEWER' });
    const app = await db.app.create({ data: { teamId: team.id, clusterId: cluster.id, namespace: 'bench', name: 'web' } });

    const rssBefore = process.memoryUsage().rss;
    const openedAt = Date.now();
    const readers: SseReader[] = [];
    for (let i = 0; i < STREAMS; i += 1) readers.push(readSse(await openLiveEventStream(user.actor, { appIds: [], detailAppIds: [app.id] }, { hub })));
    const openMs = Date.now() - openedAt;
    const first = await waitAll(readers, (reader) => rolloutOf(reader) !== null, openedAt);
    await waitAll(readers, (reader) => rolloutOf(reader)?.state === 'complete', openedAt);

    const scaledAt = Date.now();
    const current = sandbox.api.get('apps/deployments', 'bench', 'web');
    if (!current) throw new Error('deployment missing');
    sandbox.api.update('apps/deployments', { ...current, spec: { ...(current.spec as object), replicas: 5 } });
    const scaled = await waitAll(readers, (reader) => rolloutOf(reader)?.desired === 5, scaledAt);
    const rssAfter = process.memoryUsage().rss;

    console.log(`streams: ${STREAMS} (detail page of one app), opened with access checks in ${openMs} ms`);
    console.log(`upstream watches: hub ${hub.upstreamWatchCount()}, server side ${proxy.openWatchCount()}; lists ${hub.counters().lists}`);
    console.log(summary('open → first rollout update', first));
    console.log(summary('scale → desired=5 on every stream', scaled));
    console.log(`resident memory: ${(rssBefore / 1e6).toFixed(0)} MB → ${(rssAfter / 1e6).toFixed(0)} MB (${((rssAfter - rssBefore) / 1e3 / STREAMS).toFixed(1)} KB per stream)`);

    await Promise.all(readers.map((reader) => reader.cancel()));
    await hub.close();
    await proxy.close();
  } finally {
    await sandbox?.close();
    await database.drop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
