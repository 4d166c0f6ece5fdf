// Shared by the manifests tests (not a test file itself, so vitest does not collect it).
import { ManifestError, type ManifestIssue } from './types';

/** The issues a call rejects its input with; fails the test if it does not throw a ManifestError. */
export function issuesOf(fn: () => unknown): ManifestIssue[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ManifestError) return error.issues;
    throw error;
  }
  throw new Error('expected a ManifestError, but the call succeeded');
}

/** The messages of those issues, as `path: message` lines. */
export function problemsOf(fn: () => unknown): string[] {
  return issuesOf(fn).map((i) => `${i.path}: ${i.message}`);
}

export const ref = { name: 'web', namespace: 'team-a' };
