import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited, requireAdmin } from '@/lib/access/require';
import { idInput, optionalField, parseInput } from '@/lib/access/validate';
import { runAudited } from '@/lib/audit/append';
import { generatePassword, hashPassword, passwordInput } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { toUserSummary, userSummarySelect, type UserSummary } from './user-summary';

export const resetUserPasswordInput = z.object({
  userId: idInput('user'),
  password: optionalField(passwordInput),
});
export type ResetUserPasswordInput = z.input<typeof resetUserPasswordInput>;

export interface PasswordReset {
  user: UserSummary;
  /** Set when Berth chose the password: shown once. */
  generatedPassword: string | null;
}

/** Sets a new password and bumps sessionVersion, ending every session of that user. */
export async function resetUserPassword(actor: AnyActor | null, input: ResetUserPasswordInput): Promise<PasswordReset> {
  const rawId = (input as { userId?: unknown } | null)?.userId;
  const audit = { action: 'user.reset_password', target: typeof rawId === 'string' ? rawId.slice(0, 64) : null } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(resetUserPasswordInput, input);
  const user = await db.user.findUnique({ where: { id: data.userId }, select: { id: true, email: true } });
  if (!user) throw notFound('user');
  const generatedPassword = data.password === undefined ? generatePassword() : null;
  return runAudited(
    admin,
    { action: 'user.reset_password', target: user.email, params: { userId: user.id, passwordGenerated: generatedPassword !== null } },
    async () => {
      const passwordHash = await hashPassword(data.password ?? generatedPassword ?? '');
      const row = await db.user.update({
        where: { id: user.id },
        data: { passwordHash, sessionVersion: { increment: 1 } },
        select: userSummarySelect,
      });
      return { user: toUserSummary(row), generatedPassword };
    },
  );
}
