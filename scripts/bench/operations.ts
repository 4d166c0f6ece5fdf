// App operation overhead benchmark (not a test): the portal's cost per operation — scope and role
// check, input validation, audit REQUESTED/SUCCEEDED, revision n+1 — on top of the bare client-node
// call to the same sandbox. Each iteration runs the bare call and the Berth operation back to back;
// overhead = Berth − bare of that iteration. Session resolution (next-auth) is not included: the
// operation is called as the server action calls it, with the actor already resolved.
//   npx tsx scripts/bench/operations.ts            (DATABASE_URL defaults to the local Postgres)
import { randomBytes } from 'node:crypto';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { loadAppForChange } from '../../lib/apps/app-scope';
import { createApp } from '../../lib/apps/create-app';
import { storeRevision } from '../../lib/apps/store-revision';
import { recordEvent } from '../../lib/audit/append';
import { getKubeClients } from '../../lib/kube/client';
import type { DesiredState } from '../../lib/manifests';
import { settleRolloutFollowers, stopAllRolloutFollowers } from '../../lib/apps/rollout-verdict';
import { scaleApp } from '../../lib/apps/scale';
import { setAppImage } from '../../lib/apps/set-image';
import { registerSandboxCluster } from '../../lib/clusters/register-sandbox-cluster';
import { db } from '../../lib/db';
import { resetEnvCache } from '../../lib/env';
import { berthFieldManager } from '../../lib/kube/apply';
import { buildKubeClients } from '../../lib/kube/client';
import { startSandbox } from '../../lib/sandbox/index';
import pg from 'pg';
import { disconnectDb, useDatabase } from '../../lib/db';
import { applyMigrations } from '../db/migrate';
import { createGrantFixture, createTeamFixture, createUserFixture } from '../../test/fixtures';

const RUNS = 200;
const WARMUP = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function line(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${label.padEnd(34)} p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} ms`;
}

async function measure(name: string, bare: (i: number) => Promise<void>, berth: (i: number) => Promise<void>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) {
    await bare(i);
    await berth(i);
  }
  const bareTimes: number[] = [];
  const berthTimes: number[] = [];
  const overhead: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await bare(i);
    const b = performance.now() - t;
    t = performance.now();
    await berth(i);
    const o = performance.now() - t;
    bareTimes.push(b);
    berthTimes.push(o);
    overhead.push(o - b);
  }
  console.log(`\n${name} (${RUNS} runs after ${WARMUP} warm-up)`);
  console.log(line('  bare client-node call', bareTimes));
  console.log(line('  Berth operation', berthTimes));
  console.log(line('  overhead (Berth − bare)', overhead));
  const sorted = overhead.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** A throw-away database on the server DATABASE_URL points at, migrated, dropped at the end. */
async function createBenchDatabase(baseUrl: string): Promise<{ drop(): Promise<void> }> {
  const name = `berth_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = async (sql: string) => {
    const url = new URL(baseUrl);
    url.pathname = '/postgres';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  await useDatabase(url.toString());
  return {
    async drop() {
      await disconnectDb();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function main(): Promise<void> {
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env.BERTH_SECRET_KEY ??= randomBytes(32).toString('base64');
  resetEnvCache();
  const database = await createBenchDatabase(process.env.DATABASE_URL);
  // API machinery only: the figures are the portal's overhead, not the simulated controllers'.
  const sandbox = await startSandbox({ port: 0, controllers: false });
  try {
    const admin = (await createUserFixture({ email: 'admin@example.com', isAdmin: true })).actor;
    const { id: clusterId } = await registerSandboxCluster(admin, { server: sandbox.url, token: sandbox.token, caPem: sandbox.caPem });
    const maintainer = await createUserFixture({ email: 'maintainer@example.com' });
    const team = await createTeamFixture({ name: 'bench', members: [{ userId: maintainer.user.id }] });
    await createGrantFixture({ teamId: team.id, clusterId, namespace: 'default', role: 'MAINTAINER' });
    const actor = maintainer.actor;
    const clients = buildKubeClients({ clusterId, clusterName: 'sandbox', server: sandbox.url, credentials: { token: sandbox.token, caPem: sandbox.caPem } });
    const namespace = 'default';
    const berthApp = await createApp(actor, { clusterId, namespace, form: { name: 'bench-berth', image: 'nginx:1.25', replicas: 1 } });
    await createApp(actor, { clusterId, namespace, form: { name: 'bench-bare', image: 'nginx:1.25', replicas: 1 } });

    const scale = await measure(
      'scale (/scale subresource)',
      async (i) => {
        await clients.apps.patchNamespacedDeploymentScale(
          { name: 'bench-bare', namespace, fieldManager: berthFieldManager, body: { spec: { replicas: 2 + (i % 2) } } },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        );
      },
      async (i) => {
        await scaleApp(actor, { appId: berthApp.appId, replicas: 2 + (i % 2) });
      },
    );
    const bareDeployment = await clients.apps.readNamespacedDeployment({ name: 'bench-bare', namespace });
    const setImage = await measure(
      'set image (server-side apply)',
      async (i) => {
        const body = {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'bench-bare', namespace, labels: bareDeployment.metadata?.labels },
          spec: { selector: bareDeployment.spec?.selector, template: { ...bareDeployment.spec?.template, spec: { containers: [{ name: 'bench-bare', image: `nginx:1.${i % 2 ? 26 : 27}` }] } } },
        };
        await clients.apps.patchNamespacedDeployment(
          { name: 'bench-bare', namespace, body, fieldManager: berthFieldManager, force: true, fieldValidation: 'Strict' },
          setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
        );
      },
      async (i) => {
        await setAppImage(actor, { appId: berthApp.appId, image: `nginx:1.${i % 2 ? 26 : 27}` });
      },
    );
    // Where the overhead goes: each step of the pipeline alone.
    console.log(`\nsteps alone (${RUNS} runs each)`);
    const step = async (label: string, fn: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS + WARMUP; i++) {
        const t = performance.now();
        await fn();
        if (i >= WARMUP) times.push(performance.now() - t);
      }
      console.log(line(`  ${label}`, times));
    };
    const current = await db.revision.findFirstOrThrow({ where: { appId: berthApp.appId }, orderBy: { number: 'desc' } });
    await step('scope + role check', () => loadAppForChange(actor, berthApp.appId, 'app.scale', 'app.scale'));
    await step('cluster client (cached)', () => getKubeClients(clusterId));
    await step('one audit append (lib/audit)', () => recordEvent(actor, { action: 'app.scale', outcome: 'SUCCEEDED', target: 'bench', params: { replicas: 2 } }));
    await step('store a revision', () =>
      storeRevision({ appId: berthApp.appId, state: current.manifest as unknown as DesiredState, operation: 'scale', actor, startsRollout: false }),
    );
    const revisions = await db.revision.count({ where: { appId: berthApp.appId } });
    const events = await db.auditEvent.count();
    console.log(`\nwritten: ${revisions} revisions of bench-berth, ${events} audit events; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
    console.log('\ntarget: overhead p50 ≤ 15 ms, p95 ≤ 40 ms');
    for (const [name, figures] of [['scale', scale], ['set image', setImage]] as const) {
      const ok = figures.p50 <= 15 && figures.p95 <= 40;
      console.log(`  ${name.padEnd(10)} p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms — ${ok ? 'met' : 'NOT met'}`);
    }
  } finally {
    stopAllRolloutFollowers();
    await settleRolloutFollowers(10_000);
    await sandbox.close();
    await database.drop();
  }
}

await main();
