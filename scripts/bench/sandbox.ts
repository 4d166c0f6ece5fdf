// Sandbox API server benchmark (not a test): seeds 1,000 Deployments and 10,000 Pods through the
// in-process API, then measures over HTTPS: LIST of every pod, LIST of one deployment's pods by label,
// 100 concurrent watchers receiving a burst of 1,000 changes, and resident memory.
//   npx tsx scripts/bench/sandbox.ts
import { Agent, request } from 'node:https';
import { startSandbox, type Sandbox } from '../../lib/sandbox/index';
import type { KObject } from '../../lib/sandbox/types';

const DEPLOYMENTS = 1000;
const PODS_PER_DEPLOYMENT = 10;
const WATCHERS = 100;
const BURST = 1000;
const NS = 'bench';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function fmt(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** GET over HTTPS; the body is decoded only when asked (the timed loops measure the server, not JSON.parse). */
function get(sb: Sandbox, agent: Agent, path: string, decode = false): Promise<{ status: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, sb.url), { agent, ca: sb.caPem, headers: { Authorization: `Bearer ${sb.token}`, Accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (decode) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, body: decode ? Buffer.concat(chunks).toString('utf8') : '' }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function time(runs: number, fn: () => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

function seed(sb: Sandbox): void {
  const api = sb.api;
  api.create('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const app = `app-${d}`;
    const template = { metadata: { labels: { app } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } };
    const dep = api.create('apps/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: NS, labels: { app } },
      spec: { replicas: PODS_PER_DEPLOYMENT, selector: { matchLabels: { app } }, template },
    });
    for (let p = 0; p < PODS_PER_DEPLOYMENT; p++) {
      const pod: KObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${app}-pod-${p}`,
          namespace: NS,
          labels: { app, 'pod-template-hash': 'bench' },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: dep.metadata.uid as string, controller: true }],
        },
        spec: template.spec,
      };
      api.create('core/pods', pod);
    }
  }
}

async function main(): Promise<void> {
  const sb = await startSandbox({ port: 0, controllers: false, logCapacity: 20_000 });
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  try {
    let t0 = performance.now();
    seed(sb);
    console.log(`seeded ${DEPLOYMENTS} deployments and ${DEPLOYMENTS * PODS_PER_DEPLOYMENT} pods in ${fmt(performance.now() - t0)}`);

    const first = await get(sb, agent, '/api/v1/pods', true);
    const count = (JSON.parse(first.body) as { items: unknown[] }).items.length;
    const full = await time(10, async () => {
      const r = await get(sb, agent, '/api/v1/pods');
      if (r.status !== 200) throw new Error(`LIST pods: ${r.status}`);
    });
    console.log(`LIST all pods (${count} items, ${(first.bytes / 1e6).toFixed(1)} MB): p50 ${fmt(percentile(full, 50))}, p95 ${fmt(percentile(full, 95))}  [target ≤ 300 ms]`);

    const sel = `/api/v1/namespaces/${NS}/pods?labelSelector=${encodeURIComponent('app=app-500')}`;
    const selCount = (JSON.parse((await get(sb, agent, sel, true)).body) as { items: unknown[] }).items.length;
    const selected = await time(50, async () => {
      const r = await get(sb, agent, sel);
      if (r.status !== 200) throw new Error(`LIST selected: ${r.status}`);
    });
    console.log(`LIST one deployment's pods by label (${selCount} items): p50 ${fmt(percentile(selected, 50))}, p95 ${fmt(percentile(selected, 95))}  [target ≤ 20 ms]`);

    // 100 watchers on the namespace's configmaps, all from the same resourceVersion.
    const rv = sb.core.store.currentRv();
    const received = new Array<number>(WATCHERS).fill(0);
    const lastAt = new Array<number>(WATCHERS).fill(0);
    const reqs: Array<ReturnType<typeof request>> = [];
    let ready = 0;
    await new Promise<void>((resolve, reject) => {
      for (let w = 0; w < WATCHERS; w++) {
        const path = `/api/v1/namespaces/${NS}/configmaps?watch=true&resourceVersion=${rv}`;
        const req = request(new URL(path, sb.url), { agent, ca: sb.caPem, headers: { Authorization: `Bearer ${sb.token}` } }, (res) => {
          let buf = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buf += chunk;
            let i: number;
            while ((i = buf.indexOf('\n')) >= 0) {
              buf = buf.slice(i + 1);
              received[w]++;
              lastAt[w] = performance.now();
            }
          });
          if (++ready === WATCHERS) resolve();
        });
        req.on('error', reject);
        req.end();
        reqs.push(req);
      }
    });
    t0 = performance.now();
    for (let i = 0; i < BURST; i++) {
      sb.api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `burst-${i}`, namespace: NS }, data: { i: String(i) } });
    }
    const written = performance.now() - t0;
    const deadline = Date.now() + 60_000;
    while (received.some((n) => n < BURST) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const complete = received.filter((n) => n === BURST).length;
    const latest = Math.max(...lastAt) - t0;
    const perWatcher = lastAt.map((t) => t - t0).sort((a, b) => a - b);
    console.log(`watch fan-out: ${WATCHERS} watchers × ${BURST} changes; ${complete}/${WATCHERS} watchers received all ${BURST} events (total ${received.reduce((a, b) => a + b, 0)}); writes took ${fmt(written)}, last delivery after ${fmt(latest)} (per-watcher completion p50 ${fmt(percentile(perWatcher, 50))}, p95 ${fmt(percentile(perWatcher, 95))})`);
    for (const r of reqs) r.destroy();

    const mem = process.memoryUsage();
    console.log(`memory: rss ${(mem.rss / 1048576).toFixed(0)} MB, heapUsed ${(mem.heapUsed / 1048576).toFixed(0)} MB  [target ≤ 400 MB resident] (server and benchmark client share this process)`);
    if (complete !== WATCHERS) process.exitCode = 1;
  } finally {
    agent.destroy();
    await sb.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
