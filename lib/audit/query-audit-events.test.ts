// The audit page's query and the export against real Postgres: scoping by role, every filter,
// keyset pages in both directions, and export content with CSV escaping.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import { setupTestDatabase } from '@/test/db';
import { createClusterFixture, createGrantFixture, createTeamFixture, createUserFixture } from '@/test/fixtures';
import { recordEvent } from './append';
import { auditCsvColumns, escapeCsvCell, generateAuditExport, streamAuditExport } from './export';
import { listAuditFilterOptions } from './filter-options';
import { queryAuditEvents } from './query-audit-events';

setupTestDatabase();

let admin: Actor;
let viewer: Actor;
let outsider: Actor;
let deployer: Actor;
let clusterId: string;
let teamId: string;
let between: Date;
const hostileTarget = '=HYPERLINK("http://evil.example","click"), "quoted"\nnext line';

async function collect(iterable: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of iterable) text += chunk;
  return text;
}

beforeAll(async () => {
  admin = (await createUserFixture({ isAdmin: true })).actor;
  const viewerUser = await createUserFixture();
  viewer = viewerUser.actor;
  outsider = (await createUserFixture()).actor;
  deployer = (await createUserFixture({ email: 'Deployer@Example.com' })).actor;
  const cluster = await createClusterFixture();
  clusterId = cluster.id;
  const team = await createTeamFixture({ members: [{ userId: viewerUser.user.id }] });
  teamId = team.id;
  await createGrantFixture({ teamId: team.id, clusterId, namespace: 'team-a', role: 'VIEWER' });
  const otherTeam = await createTeamFixture({ name: `hidden-${team.name}` });
  await createGrantFixture({ teamId: otherTeam.id, clusterId: (await createClusterFixture({ name: `hidden-${team.name}` })).id, namespace: 'team-b', role: 'MAINTAINER' });

  const inA = { teamId, clusterId, namespace: 'team-a', appId: 'app-web' };
  for (let i = 0; i < 4; i += 1) await recordEvent(deployer, { action: 'app.scale', scope: inA, target: `${clusterId}/team-a/web`, params: { replicas: i + 1 }, outcome: 'SUCCEEDED' });
  await new Promise((resolve) => setTimeout(resolve, 30));
  between = new Date();
  await new Promise((resolve) => setTimeout(resolve, 30));
  await recordEvent(deployer, { action: 'app.set_image', scope: inA, target: hostileTarget, outcome: 'FAILED', error: { code: 'INVALID_INPUT', message: '@SUM(1,2) "bad", image' } });
  await recordEvent(admin, { action: 'app.deploy', scope: inA, target: 'web', outcome: 'SUCCEEDED' });
  await recordEvent(deployer, { action: 'app.deploy', scope: inA, target: 'web', outcome: 'SUCCEEDED' });
  // Outside the viewer's namespaces: another namespace, and an event with no namespace at all.
  await recordEvent(admin, { action: 'app.scale', scope: { clusterId, namespace: 'team-b' }, target: 'secret-app', outcome: 'DENIED' });
  await recordEvent(admin, { action: 'team.create', target: 'platform', outcome: 'SUCCEEDED' });
});

describe('queryAuditEvents', () => {
  it('shows viewers only their namespaces, admins everything, and users without grants nothing', async () => {
    const forViewer = await queryAuditEvents(viewer, {}, { limit: 200 });
    expect(forViewer.events).toHaveLength(7);
    expect(forViewer.events.every((e) => e.namespace === 'team-a')).toBe(true);
    const forAdmin = await queryAuditEvents(admin, {}, { limit: 200 });
    expect(forAdmin.events.map((e) => e.target)).toEqual(expect.arrayContaining(['secret-app', 'platform']));
    expect(await queryAuditEvents(outsider, {}, {})).toEqual({ events: [], olderCursor: null, newerCursor: null });
    // A filter naming another namespace does not widen a viewer's scope.
    expect((await queryAuditEvents(viewer, { namespace: 'team-b' })).events).toEqual([]);
    await expect(queryAuditEvents(null, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('filters by actor (any case), action, outcome, scope ids and time range', async () => {
    const byActor = await queryAuditEvents(admin, { actor: 'deployer@example.com' }, { limit: 200 });
    expect(byActor.events).toHaveLength(6);
    expect((await queryAuditEvents(admin, { action: 'app.deploy' })).events.map((e) => e.actorEmail).sort()).toEqual([admin.email, 'Deployer@Example.com'].sort());
    expect((await queryAuditEvents(viewer, { outcome: 'FAILED' })).events.map((e) => e.action)).toEqual(['app.set_image']);
    expect((await queryAuditEvents(viewer, { teamId, clusterId, appId: 'app-web' }, { limit: 200 })).events).toHaveLength(7);
    const before = await queryAuditEvents(viewer, { to: between }, { limit: 200 });
    const after = await queryAuditEvents(viewer, { from: between }, { limit: 200 });
    expect(before.events.map((e) => e.action)).toEqual(['app.scale', 'app.scale', 'app.scale', 'app.scale']);
    expect(after.events.map((e) => e.action)).toEqual(['app.deploy', 'app.deploy', 'app.set_image']);
  });

  it('pages by seq cursor in both directions without gaps or repeats', async () => {
    const all = (await queryAuditEvents(viewer, {}, { limit: 200 })).events.map((e) => e.seq);
    const first = await queryAuditEvents(viewer, {}, { limit: 3 });
    expect(first.events.map((e) => e.seq)).toEqual(all.slice(0, 3));
    expect(first.newerCursor).toBeNull();
    const second = await queryAuditEvents(viewer, {}, { before: first.olderCursor, limit: 3 });
    expect(second.events.map((e) => e.seq)).toEqual(all.slice(3, 6));
    const third = await queryAuditEvents(viewer, {}, { before: second.olderCursor, limit: 3 });
    expect(third.events.map((e) => e.seq)).toEqual(all.slice(6));
    expect(third.olderCursor).toBeNull();
    const backToSecond = await queryAuditEvents(viewer, {}, { after: third.newerCursor, limit: 3 });
    expect(backToSecond.events.map((e) => e.seq)).toEqual(all.slice(3, 6));
    const backToFirst = await queryAuditEvents(viewer, {}, { after: backToSecond.newerCursor, limit: 3 });
    expect(backToFirst.events.map((e) => e.seq)).toEqual(all.slice(0, 3));
    expect(backToFirst.newerCursor).toBeNull();
  });
});

describe('audit export', () => {
  it('escapes CSV cells and defuses formulas', () => {
    expect(escapeCsvCell('plain')).toBe('plain');
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvCell('=1+2')).toBe("'=1+2");
    expect(escapeCsvCell('+1')).toBe("'+1");
    expect(escapeCsvCell('-1')).toBe("'-1");
    expect(escapeCsvCell('@cmd')).toBe("'@cmd");
    expect(escapeCsvCell('\tx')).toBe("'\tx");
    expect(escapeCsvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(12)).toBe('12');
    expect(escapeCsvCell({ replicas: 3, note: 'a,"b"' })).toBe('"{""replicas"":3,""note"":""a,\\""b\\""""}"');
  });

  it('exports what the viewer may see as CSV, oldest first, in batches, with hostile values defused', async () => {
    const csv = await collect(generateAuditExport(viewer, {}, 'csv', { batchSize: 2 }));
    expect(csv.startsWith(`${auditCsvColumns.join(',')}\r\n`)).toBe(true);
    expect(csv).not.toContain('secret-app');
    expect(csv).not.toContain('platform');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), ""quoted""\nnext line"`);
    expect(csv).toContain(`"'@SUM(1,2) ""bad"", image"`);
    const rows = csv.split('\r\n').filter(Boolean);
    // Header + 7 events; the embedded newline is inside a quoted cell, not a row break.
    expect(rows).toHaveLength(8);
    const seqs = rows.slice(1).map((row) => Number(row.split(',')[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(rows[1]).toContain(',app.scale,SUCCEEDED,');
    expect(rows[1]).toContain('"{""replicas"":1}"');
  });

  it('exports JSON lines with the same filters, streamed as bytes', async () => {
    const stream = streamAuditExport(admin, { action: 'app.deploy' }, 'jsonl', { batchSize: 1 });
    const text = await new Response(stream).text();
    const lines = text.trim().split('\n').map((line) => JSON.parse(line) as { action: string; outcome: string; hash: string; seq: number });
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.action === 'app.deploy' && line.hash.length === 64)).toBe(true);
    expect(lines[0].seq).toBeLessThan(lines[1].seq);
    expect(await collect(generateAuditExport(outsider, {}, 'jsonl'))).toBe('');
  });
});

describe('listAuditFilterOptions', () => {
  it('offers a viewer only the teams, clusters and namespaces of their grants; an admin everything', async () => {
    const forViewer = await listAuditFilterOptions(viewer);
    expect(forViewer.namespaces).toEqual(['team-a']);
    expect(forViewer.clusters.map((c) => c.id)).toEqual([clusterId]);
    expect(forViewer.teams.map((t) => t.id)).toEqual([teamId]);
    const forAdmin = await listAuditFilterOptions(admin);
    expect(forAdmin.namespaces).toEqual(expect.arrayContaining(['team-a', 'team-b']));
    expect(forAdmin.teams.length).toBeGreaterThanOrEqual(2);
    expect(await listAuditFilterOptions(outsider)).toEqual({ teams: [], clusters: [], namespaces: [], apps: [] });
  });
});
