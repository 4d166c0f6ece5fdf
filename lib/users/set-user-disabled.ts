import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited, requireAdmin } from '@/lib/access/require';
import { checkboxInput, idInput, invalidField, parseInput } from '@/lib/access/validate';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { toUserSummary, userSummarySelect, type UserSummary } from './user-summary';

export const setUserDisabledInput = z.object({
  userId: idInput('user'),
  disabled: checkboxInput,
});
export type SetUserDisabledInput = z.input<typeof setUserDisabledInput>;

/**
 * Disabling bumps sessionVersion, which every request checks: the user's open sessions end at once.
 * Audited as user.disable / user.enable.
 */
export async function setUserDisabled(actor: AnyActor | null, input: SetUserDisabledInput): Promise<UserSummary> {
  // Named like the parse below will read it, so a DENIED record names the attempted action.
  const wantsDisabled = checkboxInput.safeParse((input as { disabled?: unknown } | null)?.disabled).data === true;
  const action = wantsDisabled ? 'user.disable' : 'user.enable';
  const rawId = (input as { userId?: unknown } | null)?.userId;
  const audit = { action, target: typeof rawId === 'string' ? rawId.slice(0, 64) : null } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(setUserDisabledInput, input);
  const user = await db.user.findUnique({ where: { id: data.userId }, select: { id: true, email: true, disabledAt: true } });
  if (!user) throw notFound('user');
  if (data.disabled && admin.kind === 'user' && admin.id === user.id) {
    throw invalidField('userId', 'You cannot disable your own account.');
  }
  return runAudited(
    admin,
    { action: data.disabled ? 'user.disable' : 'user.enable', target: user.email, params: { userId: user.id } },
    async () => {
      const row = await db.user.update({
        where: { id: user.id },
        data: data.disabled
          ? { disabledAt: user.disabledAt ?? new Date(), sessionVersion: { increment: 1 } }
          : { disabledAt: null },
        select: userSummarySelect,
      });
      return toUserSummary(row);
    },
  );
}
