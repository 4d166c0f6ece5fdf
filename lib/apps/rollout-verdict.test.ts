// Rollout verdicts against the sandbox: a broken image ends FAILED with the pods' reason, undo brings
// the app back to SUCCEEDED, a newer rollout supersedes an unfinished one, and followers resume
// after a restart. Each verdict is also a system audit event.
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { setupTestDatabase } from '@/test/db';
import { createApp } from './create-app';
import { resumeRolloutFollowers, stopAllRolloutFollowers, isFollowingRollout } from './rollout-verdict';
import { setAppImage } from './set-image';
import { undoApp } from './undo';
import { appYaml, eventually, setupAppsWorld } from './testing/world';
import type { ChangeResult } from './types';

setupTestDatabase();
const world = setupAppsWorld();

function revisionOf(result: ChangeResult) {
  if (result.kind !== 'applied') throw new Error('expected an applied change');
  return result.revision;
}

async function verdictOf(revisionId: string, wanted: string[] = ['SUCCEEDED', 'FAILED', 'SUPERSEDED']) {
  return eventually(async () => {
    const row = await db.revision.findUniqueOrThrow({ where: { id: revisionId } });
    return wanted.includes(row.verdict) ? row : null;
  }, `a verdict on revision ${revisionId}`);
}

async function createYamlApp(name: string, progressDeadlineSeconds = 60) {
  const w = world.current;
  const created = await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, name, yaml: appYaml(name, { progressDeadlineSeconds }) });
  await verdictOf(revisionOf(created).id);
  return created.appId;
}

describe('rollout verdicts', () => {
  it('a broken image ends FAILED with the pods\' reason; undo brings the app back to SUCCEEDED', async () => {
    const w = world.current;
    const appId = await createYamlApp('brittle');
    const broken = revisionOf(await setAppImage(w.deployer, { appId, image: 'nginx:broken' }));
    expect(broken.verdict).toBe('PROGRESSING');
    const failed = await verdictOf(broken.id);
    expect(failed.verdict).toBe('FAILED');
    expect(failed.verdictReason).toContain('deployment "brittle" exceeded its progress deadline');
    expect(failed.verdictReason).toMatch(/(ImagePullBackOff: Back-off pulling image "nginx:broken"|ErrImagePull)/);
    expect(failed.kubeRevision).toBe(2);
    // The event follows the verdict on the revision by a moment.
    const event = await eventually(() => db.auditEvent.findFirst({ where: { appId, action: 'app.rollout_verdict', outcome: 'FAILED' } }), 'the FAILED verdict event');
    expect(event).toMatchObject({ actorEmail: 'system@berth', actorId: null, errorCode: 'ROLLOUT_FAILED', params: { revision: 2, verdict: 'FAILED' } });

    const undone = revisionOf(await undoApp(w.deployer, { appId }));
    expect(undone).toMatchObject({ number: 3, operation: 'undo', verdict: 'PROGRESSING' });
    const healed = await verdictOf(undone.id);
    await eventually(async () => (await db.auditEvent.count({ where: { appId, action: 'app.rollout_verdict' } })) === 3, 'three verdict events');
    expect(healed).toMatchObject({ verdict: 'SUCCEEDED', verdictReason: 'deployment "brittle" successfully rolled out', kubeRevision: 3 });
    const deployment = await w.cluster.clients.apps.readNamespacedDeployment({ name: 'brittle', namespace: w.namespace });
    expect(deployment.spec?.template.spec?.containers[0].image).toBe('nginx:1.25');
    const verdicts = await db.auditEvent.findMany({ where: { appId, action: 'app.rollout_verdict' }, orderBy: { seq: 'asc' }, select: { params: true } });
    expect(verdicts.map((v) => (v.params as { verdict: string }).verdict)).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED']);
  });

  it('a newer rollout supersedes an unfinished one', async () => {
    const w = world.current;
    const appId = await createYamlApp('hasty', 3600);
    const first = revisionOf(await setAppImage(w.deployer, { appId, image: 'nginx:doesnotexist' }));
    const second = revisionOf(await setAppImage(w.deployer, { appId, image: 'nginx:1.27' }));
    expect((await db.revision.findUniqueOrThrow({ where: { id: first.id } })).verdict).toBe('SUPERSEDED');
    expect((await verdictOf(second.id)).verdict).toBe('SUCCEEDED');
    await eventually(
      async () => db.auditEvent.findFirst({ where: { appId, action: 'app.rollout_verdict', params: { path: ['verdict'], equals: 'SUPERSEDED' } } }),
      'the superseded verdict event',
    );
  });

  it('resumes following unfinished revisions after a restart', async () => {
    const w = world.current;
    const appId = await createYamlApp('sleepy', 3600);
    const older = revisionOf(await setAppImage(w.deployer, { appId, image: 'nginx:1.26' }));
    stopAllRolloutFollowers();
    // As if the process died before the verdicts: an older revision left PROGRESSING too.
    await db.revision.update({ where: { id: older.id }, data: { verdict: 'PROGRESSING', verdictAt: null, verdictReason: null } });
    const newer = revisionOf(await setAppImage(w.deployer, { appId, image: 'nginx:1.27' }));
    stopAllRolloutFollowers();
    await db.revision.update({ where: { id: older.id }, data: { verdict: 'PROGRESSING', verdictAt: null, verdictReason: null } });
    expect(isFollowingRollout(appId)).toBe(false);
    expect(await resumeRolloutFollowers()).toBe(1);
    expect((await verdictOf(newer.id)).verdict).toBe('SUCCEEDED');
    expect((await db.revision.findUniqueOrThrow({ where: { id: older.id } })).verdict).toBe('SUPERSEDED');
  });
});
