/** Only same-site paths may follow a sign-in, so a crafted link cannot bounce a user to another origin. */
export function safeCallbackPath(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return '/apps';
  if (candidate.startsWith('/login') || candidate.startsWith('/api/')) return '/apps';
  return candidate;
}
