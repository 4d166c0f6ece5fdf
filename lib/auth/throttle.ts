// Sign-in throttling kept in the LoginAttempt table, so a restart does not hand an attacker fresh tries.
// Two counters per attempt: the account (normalized email) and the source address. Past a threshold each
// further failure locks the key for a doubling period. The address key trusts X-Forwarded-For (spoofable
// without a proxy that overwrites it); the account key is what a password guesser cannot dodge.
import { db } from '@/lib/db';

import { lockSecondsAfter, quietPeriodMs, type ThrottleKey } from './throttle-policy';

export { throttleKeysFor, type ThrottleKey } from './throttle-policy';

/** Seconds until the longest running lock on any of the keys ends, or 0 when none is locked. */
export async function getLockedSeconds(keys: ThrottleKey[], now = new Date()): Promise<number> {
  const rows = await db.loginAttempt.findMany({
    where: { OR: keys.map(({ kind, key }) => ({ kind, key })) },
    select: { lockedUntil: true },
  });
  const longest = Math.max(0, ...rows.map((row) => (row.lockedUntil ? row.lockedUntil.getTime() - now.getTime() : 0)));
  return Math.ceil(longest / 1000);
}

/** Counts a failure against every key; returns the lock in seconds it started (0 if none). */
export async function recordLoginFailure(keys: ThrottleKey[], now = new Date()): Promise<number> {
  let locked = 0;
  for (const { kind, key } of keys) {
    const previous = await db.loginAttempt.findUnique({ where: { kind_key: { kind, key } } });
    const isLocked = previous?.lockedUntil != null && previous.lockedUntil > now;
    const isStale = previous != null && !isLocked && now.getTime() - previous.updatedAt.getTime() > quietPeriodMs;
    // The increment is atomic, so concurrent failures are all counted; only a reset can race.
    const row =
      previous == null || isStale
        ? await db.loginAttempt.upsert({
            where: { kind_key: { kind, key } },
            create: { kind, key, failures: 1, windowStart: now },
            update: { failures: 1, windowStart: now, lockedUntil: null },
          })
        : await db.loginAttempt.update({ where: { kind_key: { kind, key } }, data: { failures: { increment: 1 } } });
    const seconds = lockSecondsAfter(kind, row.failures);
    if (seconds > 0) {
      await db.loginAttempt.update({
        where: { kind_key: { kind, key } },
        data: { lockedUntil: new Date(now.getTime() + seconds * 1000) },
      });
      locked = Math.max(locked, seconds);
    }
  }
  return locked;
}

/** A correct password clears the account's counter; the address keeps its history until it goes quiet. */
export async function clearAccountFailures(email: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { kind: 'account', key: email.trim().toLowerCase() } });
}
