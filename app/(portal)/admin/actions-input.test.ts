// Bad input is refused with a message that names the problem, and nothing is written (not even an
// audit record). Also: team LEADs, FormData callers, and errors that must not leak.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import { getCurrentActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import type { Result } from '@/lib/errors';
import type { Cluster, Team } from '@/lib/generated/prisma/client';
import { setupTestDatabase } from '@/test/db';
import { countRows, createClusterFixture, createGrantFixture, createTeamFixture, createUserFixture } from '@/test/fixtures';
import * as actions from './actions';

vi.mock('@/lib/auth/actor', () => ({ getCurrentActor: vi.fn() }));
const signInAs = (actor: Actor | null) => vi.mocked(getCurrentActor).mockResolvedValue(actor);

setupTestDatabase();

let admin: Actor;
let team: Team;
let cluster: Cluster;

beforeAll(async () => {
  admin = (await createUserFixture({ email: 'root@example.com', isAdmin: true })).actor;
  await createUserFixture({ email: 'taken@example.com' });
  team = await createTeamFixture({ name: 'payments' });
  cluster = await createClusterFixture({ name: 'prod' });
  await createGrantFixture({ teamId: team.id, clusterId: cluster.id, namespace: 'existing', role: 'VIEWER' });
});

beforeEach(() => {
  vi.mocked(getCurrentActor).mockReset();
  signInAs(admin);
});

type Call = () => Promise<Result<unknown>>;

/** What a hostile client can send: any JSON, whatever the TypeScript types say. */
function sendRaw(action: unknown, input: Record<string, unknown>): Promise<Result<unknown>> {
  return (action as (input: Record<string, unknown>) => Promise<Result<unknown>>)(input);
}

const badInputs: [string, Call, string, string][] = [
  ['duplicate email', () => actions.createUserAction({ email: 'Taken@example.com' }), 'email', 'A user with the email taken@example.com already exists.'],
  ['malformed email', () => actions.createUserAction({ email: 'not-an-email' }), 'email', 'Enter a valid email address, such as ada@example.com.'],
  ['weak password', () => actions.createUserAction({ email: 'weak@example.com', password: 'short' }), 'password', 'Password must be at least 12 characters.'],
  ['weak password on reset', async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: 'taken@example.com' } });
    return actions.resetUserPasswordAction({ userId: user.id, password: 'tiny' });
  }, 'password', 'Password must be at least 12 characters.'],
  ['duplicate team name', () => actions.createTeamAction({ name: 'Payments' }), 'name', 'A team named Payments already exists.'],
  ['team name with symbols', () => actions.createTeamAction({ name: '<script>' }), 'name', "Team name may use letters, digits, spaces, '.', '_' and '-', starting with a letter or digit."],
  ['unknown team', () => actions.createGrantAction({ teamId: 'no-such-team', clusterId: cluster.id, namespace: 'web', role: 'VIEWER' }), 'teamId', 'That team does not exist.'],
  ['unknown cluster', () => actions.createGrantAction({ teamId: team.id, clusterId: 'no-such-cluster', namespace: 'web', role: 'VIEWER' }), 'clusterId', 'That cluster does not exist.'],
  ['role not in the enum', () => sendRaw(actions.createGrantAction, { teamId: team.id, clusterId: cluster.id, namespace: 'web', role: 'OWNER' }), 'role', 'Role must be one of VIEWER, DEPLOYER, MAINTAINER.'],
  ['namespace not a DNS-1123 label', () => actions.createGrantAction({ teamId: team.id, clusterId: cluster.id, namespace: 'Web_Apps', role: 'VIEWER' }), 'namespace', "Namespace must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit."],
  ['namespace too long', () => actions.createGrantAction({ teamId: team.id, clusterId: cluster.id, namespace: 'a'.repeat(64), role: 'VIEWER' }), 'namespace', 'Namespace must be at most 63 characters.'],
  ['duplicate grant', () => actions.createGrantAction({ teamId: team.id, clusterId: cluster.id, namespace: 'existing', role: 'MAINTAINER' }), 'namespace', 'payments already has VIEWER in prod/existing; delete that grant first.'],
  ['member email unknown', () => actions.addTeamMemberAction({ teamId: team.id, email: 'nobody@example.com' }), 'email', 'No user has the email nobody@example.com.'],
  ['team role not in the enum', () => sendRaw(actions.addTeamMemberAction, { teamId: team.id, email: 'taken@example.com', role: 'OWNER' }), 'role', 'Team role must be MEMBER or LEAD.'],
];

describe('bad input', () => {
  it.each(badInputs)('%s: rejected with a specific message, nothing written', async (_name, call, field, message) => {
    const before = await countRows();
    const result = await call();
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message, fieldErrors: { [field]: [message] } } });
    expect(await countRows()).toEqual(before);
  });

  it('refuses to delete a team that still owns apps, without writing anything', async () => {
    const owner = await createTeamFixture();
    await db.app.create({ data: { teamId: owner.id, clusterId: cluster.id, namespace: 'shop', name: 'web' } });
    const before = await countRows();
    expect(await actions.deleteTeamAction({ teamId: owner.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await countRows()).toEqual(before);
  });
});

describe('team leads', () => {
  it('add and remove members of their own team only, audited under their name', async () => {
    const lead = await createUserFixture();
    const member = await createUserFixture();
    const newcomer = await createUserFixture();
    const own = await createTeamFixture({ members: [{ userId: lead.user.id, role: 'LEAD' }, { userId: member.user.id }] });
    const other = await createTeamFixture();
    signInAs(lead.actor);

    const added = await actions.addTeamMemberAction({ teamId: own.id, email: newcomer.user.email });
    expect(added).toMatchObject({ ok: true, data: { email: newcomer.user.email, role: 'MEMBER' } });
    expect(await actions.removeTeamMemberAction({ teamId: own.id, userId: member.user.id })).toMatchObject({ ok: true });
    const events = await db.auditEvent.findMany({ where: { actorId: lead.user.id }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.action, e.outcome, e.teamId])).toEqual([
      ['team.member_add', 'REQUESTED', own.id],
      ['team.member_add', 'SUCCEEDED', own.id],
      ['team.member_remove', 'REQUESTED', own.id],
      ['team.member_remove', 'SUCCEEDED', own.id],
    ]);

    const before = await countRows();
    expect(await actions.addTeamMemberAction({ teamId: other.id, email: member.user.email })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The team was not found.' },
    });
    expect(await actions.addTeamMemberAction({ teamId: own.id, email: member.user.email, role: 'LEAD' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_OR_NOT_FOUND', message: 'Only platform admins can make someone a team lead.' },
    });
    expect(await actions.removeTeamMemberAction({ teamId: own.id, userId: lead.user.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_OR_NOT_FOUND' },
    });
    expect(await actions.createTeamAction({ name: 'lead-made' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_OR_NOT_FOUND' } });
    expect(await countRows()).toEqual({ ...before, auditEvents: before.auditEvents + 4 });
    const denied = await db.auditEvent.findMany({ where: { actorId: lead.user.id, outcome: 'DENIED' } });
    expect(denied).toHaveLength(4);
  });

  it('a plain member cannot manage their team, and gets the same answer as for a missing team', async () => {
    const plain = await createUserFixture();
    const own = await createTeamFixture({ members: [{ userId: plain.user.id }] });
    signInAs(plain.actor);
    const mine = await actions.addTeamMemberAction({ teamId: own.id, email: 'taken@example.com' });
    const missing = await actions.addTeamMemberAction({ teamId: 'does-not-exist', email: 'taken@example.com' });
    expect(mine).toEqual(missing);
    expect(mine).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_OR_NOT_FOUND' } });
  });
});

describe('the action wrapper', () => {
  it('accepts FormData, directly and as a useActionState reducer', async () => {
    const form = new FormData();
    form.set('name', 'Form Team');
    form.set('description', 'made from a form');
    form.set('$ACTION_ID_abc', '');
    expect(await actions.createTeamAction(form)).toMatchObject({ ok: true, data: { name: 'Form Team', description: 'made from a form' } });
    const userForm = new FormData();
    userForm.set('email', 'formuser@example.com');
    userForm.set('password', '');
    userForm.set('isAdmin', 'on');
    const created = await actions.createUserAction(null, userForm);
    expect(created).toMatchObject({ ok: true, data: { user: { email: 'formuser@example.com', isAdmin: true } } });
  });

  it('turns unknown failures into INTERNAL with a request id and no raw message', async () => {
    vi.mocked(getCurrentActor).mockRejectedValue(new Error('connect ECONNREFUSED password=hunter2'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await actions.createTeamAction({ name: 'whatever' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/^Something went wrong on our side \(request [0-9a-f]{8}\)\.$/) } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
  });

  it('tells a signed-out caller to sign in, whatever the input', async () => {
    signInAs(null);
    expect(await sendRaw(actions.createGrantAction, { namespace: 'BAD' })).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' } });
  });
});
