// The revision an undo stores holds the template Berth wrote for the revision it restores, not the
// ReplicaSet's copy with every server default in it.
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { DesiredState } from '@/lib/manifests';
import { setupTestDatabase } from '@/test/db';
import { createApp } from './create-app';
import { diffRevisions } from './diff-revisions';
import { setAppImage } from './set-image';
import { undoApp } from './undo';
import { appForm, eventually, setupAppsWorld } from './testing/world';
import type { ChangeResult } from './types';

setupTestDatabase();
const world = setupAppsWorld();

function applied(result: ChangeResult | { kind: string }) {
  if (result.kind !== 'applied') throw new Error(`expected an applied change, got ${result.kind}`);
  return result as Extract<ChangeResult, { kind: 'applied' }>;
}

async function templateOf(appId: string, number: number) {
  const row = await db.revision.findUniqueOrThrow({ where: { appId_number: { appId, number } }, select: { manifest: true } });
  return (row.manifest as unknown as DesiredState).deployment.spec?.template;
}

describe('undo revisions', () => {
  it('stores the restored revision’s own template, so the diff to it shows no template change', async () => {
    const w = world.current;
    const { appId } = applied(await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('undone') }));
    await eventually(async () => (await db.revision.findFirst({ where: { appId, number: 1, verdict: 'SUCCEEDED' } })) ?? null, 'revision 1 rolled out');
    applied(await setAppImage(w.deployer, { appId, image: 'nginx:1.26' }));
    await eventually(async () => (await db.revision.findFirst({ where: { appId, number: 2, verdict: 'SUCCEEDED' } })) ?? null, 'revision 2 rolled out');
    const undone = applied(await undoApp(w.deployer, { appId }));
    expect(undone.revision.number).toBe(3);
    const restored = await templateOf(appId, 3);
    expect(restored).toEqual(await templateOf(appId, 1));
    expect(JSON.stringify(restored)).not.toContain('terminationMessagePath');
    const diff = await diffRevisions(w.viewer, { appId, from: 1, to: 3 });
    expect(JSON.stringify(diff)).not.toMatch(/template/);
  });
});
