import { afterEach, describe, expect, it } from 'vitest';
import { systemActor } from '@/lib/access/actor';
import { recordEvent } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { setupTestDatabase } from '@/test/db';
import { createClusterFixture, createTeamFixture } from '@/test/fixtures';
import { GET } from './route';

const token = 'scrape-token-0123456789abcdef';

function scrape(authorization?: string): Promise<Response> {
  return GET(new Request('http://127.0.0.1/api/metrics', { headers: authorization ? { authorization } : {} }));
}

function withToken(value: string | undefined): void {
  if (value === undefined) delete process.env.BERTH_METRICS_TOKEN;
  else process.env.BERTH_METRICS_TOKEN = value;
  resetEnvCache();
}

describe('GET /api/metrics', () => {
  setupTestDatabase();
  afterEach(() => withToken(undefined));

  it('answers 404 while BERTH_METRICS_TOKEN is unset, even to a bearer token', async () => {
    withToken(undefined);
    expect((await scrape()).status).toBe(404);
    expect((await scrape(`Bearer ${token}`)).status).toBe(404);
  });

  it('answers 401 with a Bearer challenge without the right token', async () => {
    withToken(token);
    const missing = await scrape();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect((await scrape('Bearer not-the-token-at-all')).status).toBe(401);
  });

  it('reports audit events, clusters by last contact and revisions by verdict from the database', async () => {
    const team = await createTeamFixture();
    const reachable = await createClusterFixture();
    await db.cluster.update({ where: { id: reachable.id }, data: { lastContactAt: new Date(), lastContactOk: true } });
    const failing = await createClusterFixture();
    await db.cluster.update({ where: { id: failing.id }, data: { lastContactAt: new Date(), lastContactOk: false, lastContactError: 'refused' } });
    await createClusterFixture();
    const app = await db.app.create({ data: { teamId: team.id, clusterId: reachable.id, namespace: 'shop', name: 'web' } });
    const verdicts = ['SUCCEEDED', 'SUCCEEDED', 'FAILED', 'PROGRESSING'] as const;
    for (const [index, verdict] of verdicts.entries()) {
      await db.revision.create({ data: { appId: app.id, number: index + 1, manifest: {}, operation: 'deploy', authorEmail: 'a@example.com', verdict } });
    }
    for (let i = 0; i < 3; i += 1) await recordEvent(systemActor, { action: 'app.rollout_verdict', target: `shop/web#${i}`, outcome: 'SUCCEEDED' });

    withToken(token);
    const response = await scrape(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = (await response.text()).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'berth_database_up 1',
        'berth_audit_events_total 3',
        'berth_clusters{status="reachable"} 1',
        'berth_clusters{status="unreachable"} 1',
        'berth_clusters{status="unknown"} 1',
        'berth_revisions{verdict="succeeded"} 2',
        'berth_revisions{verdict="failed"} 1',
        'berth_revisions{verdict="progressing"} 1',
        'berth_revisions{verdict="pending"} 0',
        'berth_live_streams_open 0',
        'berth_watch_hub_upstream_watches 0',
      ]),
    );
    expect(lines.some((line) => /^process_resident_memory_bytes \d+$/.test(line))).toBe(true);
  });
});
