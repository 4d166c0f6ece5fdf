// The cluster server actions as POST endpoints: admins only, Results with no credentials in them.
import { randomBytes } from 'node:crypto';
import YAML from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import { getCurrentActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { startSandbox, type Sandbox } from '@/lib/sandbox/index';
import { setupTestDatabase } from '@/test/db';
import { countRows, createUserFixture } from '@/test/fixtures';
import * as actions from './actions';

vi.mock('@/lib/auth/actor', () => ({ getCurrentActor: vi.fn() }));
const signInAs = (actor: Actor | null) => vi.mocked(getCurrentActor).mockResolvedValue(actor);

setupTestDatabase();

let sandbox: Sandbox;
let admin: Actor;
let developer: Actor;

beforeAll(async () => {
  process.env.BERTH_SECRET_KEY = randomBytes(32).toString('base64');
  resetEnvCache();
  sandbox = await startSandbox({ port: 0, controllers: false });
  admin = (await createUserFixture({ email: 'admin@example.com', isAdmin: true })).actor;
  developer = (await createUserFixture({ email: 'dev@example.com' })).actor;
});

afterAll(async () => {
  await sandbox?.close();
});

beforeEach(() => {
  vi.mocked(getCurrentActor).mockReset();
});

describe('cluster server actions', () => {
  it('exports only …Action functions', () => {
    for (const [name, value] of Object.entries(actions)) {
      expect(name).toMatch(/Action$/);
      expect(typeof value).toBe('function');
    }
  });

  it('registers from a FormData kubeconfig, tests the connection and deletes, for an admin', async () => {
    signInAs(admin);
    const form = new FormData();
    form.set('name', 'lab');
    form.set('kubeconfig', sandbox.kubeconfig);
    form.set('context', '');
    const created = await actions.registerKubeconfigClusterAction(null, form);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.data).toMatchObject({ name: 'lab', source: 'KUBECONFIG', server: sandbox.url });
    expect(JSON.stringify(created)).not.toContain(sandbox.token);
    const tested = await actions.testClusterConnectionAction({ clusterId: created.data.id });
    expect(tested).toMatchObject({ ok: true, data: { reachable: true, cluster: { lastContactOk: true } } });
    expect(JSON.stringify(tested)).not.toContain(sandbox.token);
    const preview = await actions.previewKubeconfigAction({ kubeconfig: sandbox.kubeconfig });
    expect(preview).toMatchObject({ ok: true, data: { currentContext: 'sandbox' } });
    expect(JSON.stringify(preview)).not.toContain(sandbox.token);
    expect(await actions.deleteClusterAction({ clusterId: created.data.id })).toEqual({ ok: true, data: { id: created.data.id } });
  });

  it('answers a developer and a signed-out caller as for a missing page, writing only the denial', async () => {
    const before = await countRows();
    signInAs(developer);
    expect(await actions.registerKubeconfigClusterAction({ name: 'nope', kubeconfig: sandbox.kubeconfig })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_OR_NOT_FOUND' },
    });
    expect(await actions.previewKubeconfigAction({ kubeconfig: sandbox.kubeconfig })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_OR_NOT_FOUND' } });
    signInAs(null);
    expect(await actions.registerKubeconfigClusterAction({ name: 'nope', kubeconfig: sandbox.kubeconfig })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const after = await countRows();
    expect(after).toEqual({ ...before, auditEvents: before.auditEvents + 2 });
    const denied = await db.auditEvent.findMany({ where: { target: 'nope' }, select: { outcome: true } });
    expect(denied.map((e) => e.outcome)).toEqual(['DENIED', 'DENIED']);
  });

  it('returns field errors for a kubeconfig with an exec plugin, echoing no secret', async () => {
    signInAs(admin);
    const doc = YAML.parse(sandbox.kubeconfig) as { users: { user: Record<string, unknown> }[] };
    doc.users.push({ name: 'other', user: { token: sandbox.token } } as never);
    doc.users[0].user = { exec: { command: 'aws', args: ['eks', 'get-token'] } };
    const result = await actions.registerKubeconfigClusterAction({ name: 'eks', kubeconfig: YAML.stringify(doc) });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fieldErrors: { kubeconfig: [expect.stringContaining('exec plugin (aws)')] } } });
    expect(JSON.stringify(result)).not.toContain(sandbox.token);
    expect(await actions.registerKubeconfigClusterAction({ name: '', kubeconfig: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
