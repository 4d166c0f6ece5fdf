import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/test/db';
import { createTeamFixture, createUserFixture } from '@/test/fixtures';
import { listUsers } from './list-users';

setupTestDatabase();

describe('listUsers', () => {
  it('lists users with their teams for admins only, without password hashes', async () => {
    const admin = await createUserFixture({ email: 'a-admin@example.com', isAdmin: true, password: 'admin-password-1' });
    const dev = await createUserFixture({ email: 'b-dev@example.com' });
    await createTeamFixture({ name: 'web', members: [{ userId: dev.user.id, role: 'LEAD' }] });
    const users = await listUsers(admin.actor);
    expect(users.map((u) => u.email)).toEqual(['a-admin@example.com', 'b-dev@example.com']);
    expect(users[0]).toMatchObject({ isAdmin: true, hasPassword: true, isDisabled: false, teams: [] });
    expect(users[1].teams).toEqual([{ id: expect.any(String), name: 'web', role: 'LEAD' }]);
    expect(JSON.stringify(users)).not.toMatch(/argon2|passwordHash/);
    await expect(listUsers(dev.actor)).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND' });
    await expect(listUsers(null)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
