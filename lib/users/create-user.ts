import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited, requireAdmin } from '@/lib/access/require';
import { checkboxInput, emailInput, invalidField, optionalField, parseInput } from '@/lib/access/validate';
import { runAudited } from '@/lib/audit/append';
import { generatePassword, hashPassword, passwordInput } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { toUserSummary, userSummarySelect, type UserSummary } from './user-summary';

export const createUserInput = z.object({
  email: emailInput,
  name: optionalField(z.string().trim().max(100, 'Name must be at most 100 characters.')),
  password: optionalField(passwordInput),
  isAdmin: checkboxInput.default(false),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export interface CreatedUser {
  user: UserSummary;
  /** Set when Berth chose the password: shown once, never stored in clear. */
  generatedPassword: string | null;
}

function targetOf(input: unknown): string | null {
  const email = (input as { email?: unknown } | null)?.email;
  return typeof email === 'string' ? email.slice(0, 254) : null;
}

export async function createUser(actor: AnyActor | null, input: CreateUserInput): Promise<CreatedUser> {
  const audit = { action: 'user.create', target: targetOf(input) } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(createUserInput, input);
  if (await db.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
    throw invalidField('email', `A user with the email ${data.email} already exists.`);
  }
  const generatedPassword = data.password === undefined ? generatePassword() : null;
  const name = data.name ?? data.email.split('@')[0];
  return runAudited(
    admin,
    { action: 'user.create', target: data.email, params: { email: data.email, name, isAdmin: data.isAdmin, passwordGenerated: generatedPassword !== null } },
    async () => {
      const passwordHash = await hashPassword(data.password ?? generatedPassword ?? '');
      const row = await db.user.create({
        data: { email: data.email, name, isAdmin: data.isAdmin, passwordHash },
        select: userSummarySelect,
      });
      return { user: toUserSummary(row), generatedPassword };
    },
  );
}
