// The sign-in throttle's policy, apart from its storage so it can be tested without a database.

export type ThrottleKind = 'account' | 'address';

interface ThrottlePolicy {
  /** Failures allowed before the first lock. */
  freeFailures: number;
  firstLockSeconds: number;
  maxLockSeconds: number;
}

export const throttlePolicies: Record<ThrottleKind, ThrottlePolicy> = {
  account: { freeFailures: 5, firstLockSeconds: 30, maxLockSeconds: 15 * 60 },
  address: { freeFailures: 20, firstLockSeconds: 60, maxLockSeconds: 60 * 60 },
};

/** Failures older than this (counting from the last one, once no lock is running) are forgotten. */
export const quietPeriodMs = 15 * 60 * 1000;

export interface ThrottleKey {
  kind: ThrottleKind;
  key: string;
}

export function throttleKeysFor(email: string, address: string): ThrottleKey[] {
  return [
    { kind: 'account', key: email.trim().toLowerCase() },
    { kind: 'address', key: address },
  ];
}

/** Seconds to lock after the n-th consecutive failure (0 while still within the free failures). */
export function lockSecondsAfter(kind: ThrottleKind, failures: number): number {
  const policy = throttlePolicies[kind];
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 20);
  return Math.min(policy.firstLockSeconds * 2 ** doublings, policy.maxLockSeconds);
}
