// Who may do what, operation by operation: the right role succeeds; a lower role, another team, a
// disabled user and no session are refused with the same answer a missing app gets, leaving one DENIED
// audit record, no revision and no cluster call (the cluster is down while they try: any call would
// have answered CLUSTER_UNAVAILABLE instead).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import { setupTestDatabase } from '@/test/db';
import { adoptApp } from './adopt';
import { autoscaleApp } from './autoscale';
import { createApp } from './create-app';
import { deleteApp } from './delete';
import { deployApp } from './deploy';
import { detectDrift } from './detect-drift';
import { exposeApp } from './expose';
import { getApp } from './get-app';
import { listRevisions } from './list-revisions';
import { restartApp } from './restart';
import { rollbackApp } from './rollback';
import { scaleApp } from './scale';
import { setAppImage } from './set-image';
import { undoApp } from './undo';
import { appForm, setupAppsWorld, type AppsWorld } from './testing/world';

setupTestDatabase();
const world = setupAppsWorld();

type Role = 'deployer' | 'maintainer';
interface AppOperation {
  action: string;
  role: Role;
  run(actor: Actor | null, appId: string): Promise<unknown>;
}

let appId = '';

beforeAll(async () => {
  const w = world.current;
  const created = await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('guarded') });
  appId = created.appId;
  await setAppImage(w.maintainer, { appId, image: 'nginx:1.26' });
});

const operations: AppOperation[] = [
  { action: 'app.deploy', role: 'deployer', run: (actor, id) => deployApp(actor, { appId: id, form: appForm('guarded', { image: 'nginx:1.27' }) }) },
  { action: 'app.set_image', role: 'deployer', run: (actor, id) => setAppImage(actor, { appId: id, image: 'nginx:1.28' }) },
  { action: 'app.scale', role: 'deployer', run: (actor, id) => scaleApp(actor, { appId: id, replicas: 3 }) },
  { action: 'app.restart', role: 'deployer', run: (actor, id) => restartApp(actor, { appId: id }) },
  { action: 'app.undo', role: 'deployer', run: (actor, id) => undoApp(actor, { appId: id }) },
  { action: 'app.rollback', role: 'deployer', run: (actor, id) => rollbackApp(actor, { appId: id, toRevision: 1 }) },
  { action: 'app.expose', role: 'maintainer', run: (actor, id) => exposeApp(actor, { appId: id, service: { ports: [{ port: 80 }] } }) },
  { action: 'app.autoscale', role: 'maintainer', run: (actor, id) => autoscaleApp(actor, { appId: id, minReplicas: 1, maxReplicas: 4 }) },
  { action: 'app.delete', role: 'maintainer', run: (actor, id) => deleteApp(actor, { appId: id }) },
];

function refusedActors(w: AppsWorld, role: Role): [string, Actor][] {
  return [
    ['a lower role', role === 'deployer' ? w.viewer : w.deployer],
    ['another team', w.outsider],
    ['a disabled user', w.disabled],
  ];
}

async function expectRefusedQuietly(w: AppsWorld, action: string, attempt: () => Promise<unknown>, expected: { code: string; message: string }): Promise<void> {
  const [revisions, denied, requested] = await Promise.all([
    db.revision.count(),
    db.auditEvent.count({ where: { action, outcome: 'DENIED' } }),
    db.auditEvent.count({ where: { outcome: 'REQUESTED' } }),
  ]);
  await w.cluster.sandbox.faults.setUnavailable('503');
  try {
    await expect(attempt()).rejects.toMatchObject(expected);
  } finally {
    await w.cluster.sandbox.faults.reset();
  }
  expect(await db.revision.count()).toBe(revisions);
  expect(await db.auditEvent.count({ where: { action, outcome: 'DENIED' } })).toBe(denied + 1);
  expect(await db.auditEvent.count({ where: { outcome: 'REQUESTED' } })).toBe(requested);
}

const notFound = { code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The app was not found.' };

describe('app operations by role', () => {
  for (const operation of operations) {
    it(`${operation.action}: refused for a lower role, another team, a disabled user and no session; allowed for a ${operation.role}`, async () => {
      const w = world.current;
      for (const [, actor] of refusedActors(w, operation.role)) {
        await expectRefusedQuietly(w, operation.action, () => operation.run(actor, appId), notFound);
      }
      await expectRefusedQuietly(w, operation.action, () => operation.run(null, appId), { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' });
      // A missing app answers exactly like an app outside the caller's scope.
      await expectRefusedQuietly(w, operation.action, () => operation.run(w.outsider, 'no-such-app'), notFound);
      const denial = await db.auditEvent.findFirstOrThrow({ where: { action: operation.action, outcome: 'DENIED', actorEmail: 'outsider@example.com', appId } });
      expect(denial).toMatchObject({ namespace: w.namespace, target: `sandbox/${w.namespace}/guarded`, errorCode: 'FORBIDDEN_OR_NOT_FOUND' });

      const allowed = await operation.run(w[operation.role], appId);
      expect(allowed).toMatchObject({ kind: operation.action === 'app.delete' ? 'deleted' : 'applied' });
      const outcomes = await db.auditEvent.findMany({ where: { action: operation.action, actorEmail: `${operation.role}@example.com`, outcome: { not: 'DENIED' } }, orderBy: { seq: 'asc' }, select: { outcome: true } });
      expect(outcomes.map((o) => o.outcome)).toEqual(['REQUESTED', 'SUCCEEDED']);
    });
  }

  it('app.create and app.adopt: MAINTAINER of the namespace only', async () => {
    const w = world.current;
    await w.cluster.kubectlOk(['-n', w.namespace, 'create', 'deployment', 'orphan', '--image=nginx:1.25']);
    const create = (actor: Actor | null) => createApp(actor, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('fresh') });
    const adopt = (actor: Actor | null) => adoptApp(actor, { clusterId: w.clusterId, namespace: w.namespace, name: 'orphan' });
    const namespaceNotFound = { code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The namespace was not found.' };
    for (const [action, run] of [['app.create', create], ['app.adopt', adopt]] as const) {
      for (const actor of [w.viewer, w.deployer, w.outsider, w.disabled]) await expectRefusedQuietly(w, action, () => run(actor), namespaceNotFound);
      await expectRefusedQuietly(w, action, () => run(null), { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' });
    }
    expect(await db.auditEvent.findFirst({ where: { action: 'app.create', outcome: 'DENIED', actorEmail: 'viewer@example.com' } })).toMatchObject({
      target: `${w.namespace}/fresh`,
      clusterId: w.clusterId,
      namespace: w.namespace,
    });
    // A cluster that does not exist answers like a namespace outside the caller's scope.
    await expectRefusedQuietly(w, 'app.create', () => createApp(w.maintainer, { clusterId: 'nope', namespace: w.namespace, form: appForm('fresh') }), namespaceNotFound);
    expect(await create(w.maintainer)).toMatchObject({ kind: 'applied', revision: { number: 1 } });
    expect(await adopt(w.admin)).toMatchObject({ kind: 'applied', revision: { number: 1, authorEmail: 'admin@example.com' } });
  });

  it('reads: any role of the namespace; others get the same not-found as for a missing app', async () => {
    const w = world.current;
    const fresh = await db.app.findFirstOrThrow({ where: { name: 'fresh' } });
    for (const actor of [w.viewer, w.deployer, w.maintainer, w.admin]) {
      expect((await getApp(actor, { appId: fresh.id })).name).toBe('fresh');
      expect(await listRevisions(actor, { appId: fresh.id })).toHaveLength(1);
    }
    for (const actor of [w.outsider, w.disabled]) {
      await expect(getApp(actor, { appId: fresh.id })).rejects.toMatchObject(notFound);
      await expect(detectDrift(actor, { appId: fresh.id })).rejects.toMatchObject(notFound);
    }
    await expect(getApp(w.outsider, { appId: 'no-such-app' })).rejects.toMatchObject(notFound);
    await expect(getApp(null, { appId: fresh.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
