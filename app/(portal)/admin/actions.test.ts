// Every admin server action, called directly as a POST endpoint would be: allowed for an admin,
// denied (one DENIED audit record, nothing else written) for a non-admin and a signed-out caller.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import { getCurrentActor } from '@/lib/auth/actor';
import { verifyPassword } from '@/lib/auth/password';
import { verifyAuditChain } from '@/lib/audit/verify';
import { db } from '@/lib/db';
import type { Result } from '@/lib/errors';
import { setupTestDatabase } from '@/test/db';
import { countRows, createClusterFixture, createGrantFixture, createTeamFixture, createUserFixture } from '@/test/fixtures';
import * as actions from './actions';

vi.mock('@/lib/auth/actor', () => ({ getCurrentActor: vi.fn() }));
const signInAs = (actor: Actor | null) => vi.mocked(getCurrentActor).mockResolvedValue(actor);

setupTestDatabase();

let admin: Actor;
let developer: Actor;

beforeAll(async () => {
  admin = (await createUserFixture({ email: 'admin@example.com', isAdmin: true })).actor;
  developer = (await createUserFixture({ email: 'dev@example.com' })).actor;
});

beforeEach(() => {
  vi.mocked(getCurrentActor).mockReset();
});

function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function lastAuditEvents(count: number) {
  const rows = await db.auditEvent.findMany({ orderBy: { seq: 'desc' }, take: count });
  return rows.reverse();
}

interface Case {
  name: keyof typeof actions;
  action: string;
  /** Creates what the call needs and returns a valid input. */
  prepare: () => Promise<Record<string, unknown>>;
  /** A field of some row the call would change in place (counts alone cannot see updates). */
  snapshot?: (input: Record<string, unknown>) => Promise<unknown>;
}

const cases: Case[] = [
  { name: 'createUserAction', action: 'user.create', prepare: async () => ({ email: `new-${Math.random()}@example.com`, name: 'New' }) },
  {
    name: 'setUserDisabledAction',
    action: 'user.disable',
    prepare: async () => ({ userId: (await createUserFixture()).user.id, disabled: true }),
    snapshot: (input) => db.user.findUnique({ where: { id: String(input.userId) }, select: { disabledAt: true, sessionVersion: true } }),
  },
  {
    name: 'resetUserPasswordAction',
    action: 'user.reset_password',
    prepare: async () => ({ userId: (await createUserFixture({ password: 'original-password-1' })).user.id }),
    snapshot: (input) => db.user.findUnique({ where: { id: String(input.userId) }, select: { passwordHash: true, sessionVersion: true } }),
  },
  { name: 'createTeamAction', action: 'team.create', prepare: async () => ({ name: `team ${Math.random().toString(36).slice(2, 8)}` }) },
  { name: 'deleteTeamAction', action: 'team.delete', prepare: async () => ({ teamId: (await createTeamFixture()).id }) },
  {
    name: 'addTeamMemberAction',
    action: 'team.member_add',
    prepare: async () => ({ teamId: (await createTeamFixture()).id, email: (await createUserFixture()).user.email }),
  },
  {
    name: 'removeTeamMemberAction',
    action: 'team.member_remove',
    prepare: async () => {
      const user = (await createUserFixture()).user;
      return { teamId: (await createTeamFixture({ members: [{ userId: user.id }] })).id, userId: user.id };
    },
  },
  {
    name: 'createGrantAction',
    action: 'grant.create',
    prepare: async () => ({ teamId: (await createTeamFixture()).id, clusterId: (await createClusterFixture()).id, namespace: 'shop', role: 'DEPLOYER' }),
  },
  {
    name: 'deleteGrantAction',
    action: 'grant.delete',
    prepare: async () => {
      const grant = await createGrantFixture({
        teamId: (await createTeamFixture()).id,
        clusterId: (await createClusterFixture()).id,
        namespace: 'shop',
        role: 'VIEWER',
      });
      return { grantId: grant.id };
    },
  },
];

function call(name: keyof typeof actions, input: Record<string, unknown>): Promise<Result<unknown>> {
  const action = actions[name] as (input: Record<string, unknown>) => Promise<Result<unknown>>;
  return action(input);
}

describe.each(cases)('$name', ({ name, action, prepare, snapshot }) => {
  it('is allowed for an admin and audited as REQUESTED + SUCCEEDED', async () => {
    const input = await prepare();
    signInAs(admin);
    expectOk(await call(name, input));
    const [requested, succeeded] = await lastAuditEvents(2);
    expect([requested.action, requested.outcome, succeeded.outcome]).toEqual([action, 'REQUESTED', 'SUCCEEDED']);
    expect(succeeded.operationId).toBe(requested.operationId);
    expect(succeeded.actorId).toBe(admin.id);
  });

  it.each([
    ['a non-admin', (): Actor | null => developer, 'FORBIDDEN_OR_NOT_FOUND'],
    ['a signed-out caller', (): Actor | null => null, 'UNAUTHENTICATED'],
  ] as const)('is denied for %s: one DENIED record, nothing else written', async (_who, actor, code) => {
    const input = await prepare();
    const before = await countRows();
    const rowBefore = await snapshot?.(input);
    signInAs(actor());
    const result = await call(name, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(await countRows()).toEqual({ ...before, auditEvents: before.auditEvents + 1 });
    expect(await snapshot?.(input)).toEqual(rowBefore);
    const [denied] = await lastAuditEvents(1);
    expect([denied.action, denied.outcome, denied.actorId]).toEqual([action, 'DENIED', actor()?.id ?? null]);
  });
});

describe('effects', () => {
  it('createUser returns a generated password once, stores only its argon2id hash', async () => {
    signInAs(admin);
    const created = expectOk(await actions.createUserAction({ email: 'Grace@Example.com', name: 'Grace', isAdmin: false }));
    expect(created.user).toMatchObject({ email: 'grace@example.com', name: 'Grace', isAdmin: false, hasPassword: true });
    expect(created.generatedPassword).toHaveLength(20);
    expect(JSON.stringify(created)).not.toContain('$argon2');
    const row = await db.user.findUniqueOrThrow({ where: { email: 'grace@example.com' } });
    expect(await verifyPassword(row.passwordHash ?? '', created.generatedPassword ?? '')).toBe(true);
    const audit = await db.auditEvent.findMany({ where: { action: 'user.create', target: 'grace@example.com' } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit.map((e) => e.params))).not.toContain(created.generatedPassword);
  });

  it('disabling bumps sessionVersion (ends sessions); enabling clears disabledAt; admins cannot disable themselves', async () => {
    const { user } = await createUserFixture();
    signInAs(admin);
    const disabled = expectOk(await actions.setUserDisabledAction({ userId: user.id, disabled: true }));
    expect(disabled.isDisabled).toBe(true);
    const afterDisable = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(afterDisable.sessionVersion).toBe(user.sessionVersion + 1);
    expect(afterDisable.disabledAt).not.toBeNull();
    expectOk(await actions.setUserDisabledAction({ userId: user.id, disabled: false }));
    const afterEnable = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(afterEnable.disabledAt).toBeNull();
    expect((await lastAuditEvents(1))[0].action).toBe('user.enable');
    expect(await actions.setUserDisabledAction({ userId: admin.id, disabled: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'You cannot disable your own account.' },
    });
  });

  it('resetting a password sets the new one and bumps sessionVersion', async () => {
    const { user } = await createUserFixture({ password: 'first-password-1' });
    signInAs(admin);
    const reset = expectOk(await actions.resetUserPasswordAction({ userId: user.id, password: 'second-password-2' }));
    expect(reset.generatedPassword).toBeNull();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash ?? '', 'second-password-2')).toBe(true);
    expect(await verifyPassword(row.passwordHash ?? '', 'first-password-1')).toBe(false);
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
  });

  it('a grant gives the team’s members the role in that namespace; deleting it takes it away', async () => {
    const member = await createUserFixture();
    const team = await createTeamFixture({ members: [{ userId: member.user.id }] });
    const cluster = await createClusterFixture();
    signInAs(admin);
    const grant = expectOk(await actions.createGrantAction({ teamId: team.id, clusterId: cluster.id, namespace: 'payments', role: 'MAINTAINER' }));
    expect(grant).toMatchObject({ teamName: team.name, clusterName: cluster.name, namespace: 'payments', role: 'MAINTAINER' });
    const { requirePermission } = await import('@/lib/access/require');
    await expect(requirePermission(member.actor, { clusterId: cluster.id, namespace: 'payments' }, 'app.manage')).resolves.toBeTruthy();
    expectOk(await actions.deleteGrantAction({ grantId: grant.id }));
    await expect(requirePermission(member.actor, { clusterId: cluster.id, namespace: 'payments' }, 'app.view')).rejects.toMatchObject({
      code: 'FORBIDDEN_OR_NOT_FOUND',
    });
  });

  it('leaves one unbroken audit chain behind all of it', async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
