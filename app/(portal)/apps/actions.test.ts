// The app server actions as public POST endpoints: Results with codes, messages and field errors,
// never exceptions; a change returns before its rollout ends (the verdict arrives later).
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import { appForm, eventually, setupAppsWorld } from '@/lib/apps/testing/world';
import { getCurrentActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { setupTestDatabase } from '@/test/db';
import * as actions from './actions';

vi.mock('@/lib/auth/actor', () => ({ getCurrentActor: vi.fn() }));
const signInAs = (actor: Actor | null) => vi.mocked(getCurrentActor).mockResolvedValue(actor);

setupTestDatabase();
const world = setupAppsWorld();
let appId = '';

beforeAll(async () => {
  const w = world.current;
  signInAs(w.maintainer);
  const created = await actions.createAppAction({ clusterId: w.clusterId, namespace: w.namespace, form: appForm('site') });
  if (!created.ok) throw new Error(created.error.message);
  appId = created.data.appId;
});

beforeEach(() => {
  vi.mocked(getCurrentActor).mockReset();
});

describe('app server actions', () => {
  it('exports only …Action functions', () => {
    for (const [name, value] of Object.entries(actions)) {
      expect(name).toMatch(/Action$/);
      expect(typeof value).toBe('function');
    }
  });

  it('scales from a FormData post and returns before the rollout has a verdict', async () => {
    const w = world.current;
    signInAs(w.deployer);
    const form = new FormData();
    form.set('appId', appId);
    form.set('image', 'nginx:1.26');
    const result = await actions.setAppImageAction(null, form);
    expect(result).toMatchObject({ ok: true, data: { kind: 'applied', appId, revision: { operation: 'set_image', verdict: 'PROGRESSING' } } });
    if (!result.ok || result.data.kind !== 'applied') throw new Error('expected an applied change');
    const revisionId = result.data.revision.id;
    await eventually(async () => (await db.revision.findUniqueOrThrow({ where: { id: revisionId } })).verdict === 'SUCCEEDED', 'the verdict after the action returned');

    const scaled = await actions.scaleAppAction({ appId, replicas: '3' });
    expect(scaled).toMatchObject({ ok: true, data: { revision: { operation: 'scale', verdict: 'SUCCEEDED' } } });
    const preview = await actions.scaleAppAction({ appId, replicas: 5, preview: 'true' });
    expect(preview).toMatchObject({ ok: true, data: { kind: 'preview', summary: ['Deployment/site spec.replicas: 3 → 5'] } });
  });

  it('answers bad input with INVALID_INPUT, the message and field errors', async () => {
    const w = world.current;
    signInAs(w.deployer);
    expect(await actions.scaleAppAction({ appId, replicas: -2 })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Replicas must be greater than or equal to 0 (got -2)', fieldErrors: { replicas: ['Replicas must be greater than or equal to 0 (got -2)'] } },
    });
    signInAs(w.maintainer);
    const autoscale = await actions.autoscaleAppAction({ appId, minReplicas: 4, maxReplicas: 2 });
    expect(autoscale).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fieldErrors: { maxReplicas: ['Maximum replicas (2) must be greater than or equal to minimum replicas (4)'] } },
    });
    const yaml = await actions.deployAppAction({ appId, yaml: 'kind: [' });
    expect(yaml).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fieldErrors: { yaml: [expect.stringMatching(/^YAML syntax error at line 1/)] } } });
    expect(await actions.undoAppAction({ appId: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fieldErrors: { appId: ['App id is required'] } } });
  });

  it('answers out of scope like missing, and a signed-out caller with UNAUTHENTICATED', async () => {
    const w = world.current;
    const notFound = { ok: false, error: { code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The app was not found.' } };
    signInAs(w.outsider);
    expect(await actions.restartAppAction({ appId })).toEqual(notFound);
    expect(await actions.restartAppAction({ appId: 'missing' })).toEqual(notFound);
    expect(await actions.getAppAction({ appId })).toEqual(notFound);
    signInAs(w.viewer);
    expect(await actions.deleteAppAction({ appId })).toEqual(notFound);
    expect(await actions.getAppAction({ appId })).toMatchObject({ ok: true, data: { name: 'site' } });
    signInAs(null);
    expect(await actions.rollbackAppAction({ appId, toRevision: 1 })).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' } });
  });

  it('answers a cluster outage with CLUSTER_UNAVAILABLE', async () => {
    const w = world.current;
    signInAs(w.deployer);
    await w.cluster.sandbox.faults.setUnavailable('503');
    try {
      expect(await actions.restartAppAction({ appId })).toEqual({
        ok: false,
        error: { code: 'CLUSTER_UNAVAILABLE', message: 'The cluster sandbox did not answer (503 ServiceUnavailable). Try again in a moment.' },
      });
    } finally {
      await w.cluster.sandbox.faults.reset();
    }
  });

  it('answers a field conflict with CONFLICT naming the field and the manager', async () => {
    const w = world.current;
    await w.cluster.kubectlOk(['-n', w.namespace, 'set', 'image', 'deployment/site', 'site=nginx:1.30']);
    signInAs(w.deployer);
    const result = await actions.deployAppAction({ appId, form: appForm('site', { image: 'nginx:1.31' }) });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fieldErrors: { '.spec.template.spec.containers[name="site"].image': [expect.stringMatching(/^also managed by kubectl/)] } },
    });
    if (result.ok) throw new Error('expected a conflict');
    expect(result.error.message).toContain('A maintainer can force the change');
    const drift = await actions.detectDriftAction({ appId });
    expect(drift).toMatchObject({ ok: true, data: { hasDrift: true } });
  });
});
