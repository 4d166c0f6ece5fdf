// Every app operation end to end against real Postgres and the sandbox over HTTPS: the revision it
// stores, the audit pair it writes, and what the cluster holds afterwards.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/verify';
import { db } from '@/lib/db';
import { setupTestDatabase } from '@/test/db';
import { adoptApp } from './adopt';
import { autoscaleApp } from './autoscale';
import { createApp } from './create-app';
import { deleteApp } from './delete';
import { deployApp } from './deploy';
import { detectDrift } from './detect-drift';
import { diffRevisions } from './diff-revisions';
import { exposeApp } from './expose';
import { getApp } from './get-app';
import { listAppHistory } from './app-history';
import { listApps } from './list-apps';
import { listRevisions } from './list-revisions';
import { getRevision } from './get-revision';
import { restartApp } from './restart';
import { rollbackApp } from './rollback';
import { scaleApp } from './scale';
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

async function readDeployment(name: string) {
  const w = world.current;
  return w.cluster.clients.apps.readNamespacedDeployment({ name, namespace: w.namespace });
}

async function auditOutcomes(appId: string, action: string) {
  const rows = await db.auditEvent.findMany({ where: { appId, action }, orderBy: { seq: 'asc' }, select: { outcome: true } });
  return rows.map((r) => r.outcome);
}

describe('app operations', () => {
  it('creates an app from the form, with revision 1, Berth labels and an audit pair', async () => {
    const w = world.current;
    const created = applied(await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('web'), changeCause: 'first deploy' }));
    expect(created.revision).toMatchObject({ number: 1, operation: 'create', authorEmail: 'maintainer@example.com', changeCause: 'first deploy', verdict: 'PROGRESSING' });
    const deployment = await readDeployment('web');
    expect(deployment.metadata?.labels).toMatchObject({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/managed-by': 'berth' });
    expect(deployment.metadata?.annotations).toMatchObject({ 'berth.dev/revision': '1', 'kubernetes.io/change-cause': 'first deploy' });
    expect(deployment.spec?.template.spec?.containers[0]).toMatchObject({ name: 'web', image: 'nginx:1.25' });
    expect(await auditOutcomes(created.appId, 'app.create')).toEqual(['REQUESTED', 'SUCCEEDED']);
    const verdict = await eventually(async () => {
      const row = await db.revision.findUniqueOrThrow({ where: { id: created.revision.id } });
      return row.verdict === 'SUCCEEDED' ? row : null;
    }, 'the first rollout verdict');
    expect(verdict.verdictReason).toBe('deployment "web" successfully rolled out');
    expect(verdict.kubeRevision).toBe(1);
  });

  it('sets the image, scales, undoes and rolls back, each a forward revision', async () => {
    const w = world.current;
    const app = await db.app.findFirstOrThrow({ where: { name: 'web' } });
    const image = applied(await setAppImage(w.deployer, { appId: app.id, image: 'nginx:1.26' }));
    expect(image.revision).toMatchObject({ number: 2, operation: 'set_image', verdict: 'PROGRESSING', changeCause: 'Set image to nginx:1.26' });
    expect((await readDeployment('web')).spec?.template.spec?.containers[0].image).toBe('nginx:1.26');

    const scaled = applied(await scaleApp(w.deployer, { appId: app.id, replicas: 3 }));
    expect(scaled.revision).toMatchObject({ number: 3, operation: 'scale', verdict: 'SUCCEEDED' });
    expect((await readDeployment('web')).spec?.replicas).toBe(3);

    const undone = applied(await undoApp(w.deployer, { appId: app.id }));
    expect(undone.revision).toMatchObject({ number: 4, operation: 'undo' });
    const afterUndo = await readDeployment('web');
    expect(afterUndo.spec?.template.spec?.containers[0].image).toBe('nginx:1.25');
    expect(afterUndo.spec?.replicas).toBe(3);

    const rolledBack = applied(await rollbackApp(w.deployer, { appId: app.id, toRevision: 2 }));
    expect(rolledBack.revision).toMatchObject({ number: 5, operation: 'rollback', changeCause: 'Rolled back to revision 2' });
    const afterRollback = await readDeployment('web');
    expect(afterRollback.spec?.template.spec?.containers[0].image).toBe('nginx:1.26');
    expect(afterRollback.spec?.replicas).toBe(2);
    expect(afterRollback.metadata?.annotations?.['berth.dev/revision']).toBe('5');

    const revisions = await listRevisions(w.viewer, { appId: app.id });
    expect(revisions.map((r) => r.number)).toEqual([5, 4, 3, 2, 1]);
    const detail = await getRevision(w.viewer, { appId: app.id, number: 5 });
    expect(detail.isCurrent).toBe(true);
    expect(detail.yaml).toContain('image: nginx:1.26');
    const diff = await diffRevisions(w.viewer, { appId: app.id, from: 1, to: 2 });
    expect(diff.summary.join('\n')).toContain('nginx:1.25 → nginx:1.26');
    expect((await detectDrift(w.viewer, { appId: app.id })).entries).toEqual([]);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
