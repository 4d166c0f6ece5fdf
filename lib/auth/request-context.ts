// Where a request came from, for the audit log and the per-address sign-in throttle.

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

export function readRequestContext(headers: Headers): RequestContext {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || headers.get('x-real-ip')?.trim() || null;
  const userAgent = headers.get('user-agent')?.slice(0, 512) || null;
  return { ip, userAgent };
}
